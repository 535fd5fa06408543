import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ensureEnv, parseEnv, SECRET_KEYS } = require('../../scripts/ensure-env.js');

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-env-'));
const example = fs.readFileSync(path.join(__dirname, '..', '..', '.env.example'), 'utf8');

describe('ensure-env', () => {
  it('creates .env from .env.example with a fresh value for every secret', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, '.env.example'), example);
    const result = ensureEnv({ cwd, env: {} });
    expect(result.action).toBe('created');

    const values = parseEnv(fs.readFileSync(path.join(cwd, '.env'), 'utf8'));
    for (const key of SECRET_KEYS) expect(values[key]).toMatch(/^[A-Za-z0-9+/=,]{40,}$/);
    expect(values.APP_KEYS.split(',')).toHaveLength(4);
    // Non-secret settings are copied as documented.
    expect(values.DATABASE_CLIENT).toBe('sqlite');
    expect(values.DEFAULT_LOCALE).toBe('zh-Hans');
    expect((fs.statSync(path.join(cwd, '.env')).mode & 0o777).toString(8)).toBe('600');
  });

  it('generates different secrets each time', () => {
    const a = tempDir();
    const b = tempDir();
    for (const cwd of [a, b]) fs.writeFileSync(path.join(cwd, '.env.example'), example);
    ensureEnv({ cwd: a, env: {} });
    ensureEnv({ cwd: b, env: {} });
    const first = parseEnv(fs.readFileSync(path.join(a, '.env'), 'utf8'));
    const second = parseEnv(fs.readFileSync(path.join(b, '.env'), 'utf8'));
    for (const key of SECRET_KEYS) expect(first[key]).not.toBe(second[key]);
  });

  it('keeps every line of an existing .env, appends a secret a newer release added, and reports the others missing', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, '.env.example'), example);
    fs.writeFileSync(path.join(cwd, '.env'), 'APP_KEYS=mine\nJWT_SECRET=kept\nPREVIEW_SECRET=');
    const result = ensureEnv({ cwd, env: {} });
    expect(result.action).toBe('kept');
    expect(result.added).toEqual(['PREVIEW_SECRET']);
    // A new salt or JWT secret would silently invalidate what the lost one made: reported, not invented.
    expect(result.missing).toEqual(['API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY']);
    const text = fs.readFileSync(path.join(cwd, '.env'), 'utf8');
    expect(text.startsWith('APP_KEYS=mine\nJWT_SECRET=kept\nPREVIEW_SECRET=\n')).toBe(true);
    const values = parseEnv(text);
    expect(values.APP_KEYS).toBe('mine');
    expect(values.JWT_SECRET).toBe('kept');
    expect(values.PREVIEW_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(values.API_TOKEN_SALT).toBeUndefined();
    // A second run finds nothing to add and changes nothing.
    expect(ensureEnv({ cwd, env: {} }).added).toEqual([]);
    expect(fs.readFileSync(path.join(cwd, '.env'), 'utf8')).toBe(text);
  });

  it('counts secrets given by the environment as present', () => {
    const cwd = tempDir();
    fs.writeFileSync(path.join(cwd, '.env'), '');
    const env = Object.fromEntries(SECRET_KEYS.map((key: string) => [key, 'x']));
    expect(ensureEnv({ cwd, env })).toMatchObject({ added: [], missing: [] });
    expect(fs.readFileSync(path.join(cwd, '.env'), 'utf8')).toBe('');
  });

  it('works without an example file', () => {
    const cwd = tempDir();
    ensureEnv({ cwd, env: {} });
    const values = parseEnv(fs.readFileSync(path.join(cwd, '.env'), 'utf8'));
    expect(Object.keys(values).sort()).toEqual([...SECRET_KEYS].sort());
  });
});
