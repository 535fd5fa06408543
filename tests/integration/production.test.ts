import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freshSecrets } from '../../scripts/lib/secrets';
import { freePort, stopServer } from '../../scripts/lib/server';

/**
 * `npm start` as an operator runs it (scripts/start.js, no NODE_ENV given), on a free port and a
 * temporary SQLite database: it must be a production server. Uses the dist/ the integration
 * global setup compiles; the admin panel need not be built.
 */
const ROOT = path.resolve(__dirname, '..', '..');

let child: ChildProcess;
let base: string;
let dir: string;
let log = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-production-'));
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'NODE_ENV' && !key.startsWith('JEST')) env[key] = value;
  Object.assign(env, {
    HOST: '127.0.0.1',
    PORT: String(port),
    ...freshSecrets(),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'data.db'),
    DATABASE_URL: '',
    SEED_ON_EMPTY: '',
    // Must not become an admin in production.
    ADMIN_EMAIL: 'default-admin@example.edu',
    ADMIN_PASSWORD: 'Default-Admin-2025',
    GRAPHQL_INTROSPECTION: '',
    GRAPHQL_PLAYGROUND: '',
    CRON_ENABLED: 'false',
    REDIS_URL: '',
    LOG_LEVEL: 'info',
    STRAPI_TELEMETRY_DISABLED: 'true',
  });
  child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${base}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 90000) throw new Error(`npm start did not answer in 90 s:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 120000);

afterAll(async () => {
  await stopServer(child);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const graphql = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

/** Nothing in an error body tells where the server's files are or how it failed inside. */
const expectNoInternals = (text: string) => {
  expect(text).not.toMatch(/stack/i);
  expect(text).not.toContain('/work/');
  expect(text).not.toContain(ROOT);
  expect(text).not.toContain('node_modules');
};

describe('npm start without NODE_ENV', () => {
  it('runs Strapi in production mode', async () => {
    // eslint-disable-next-line no-control-regex
    expect(log.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Environment\s*│\s*production/);
  });

  it('refuses GraphQL introspection', async () => {
    const res = await graphql('{ __schema { types { name } } }');
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(JSON.parse(text).errors[0].message).toMatch(/introspection/i);
    expectNoInternals(text);
  });

  it('serves no GraphQL playground or sandbox', async () => {
    const res = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    const text = await res.text();
    expect(text).not.toMatch(/sandbox|playground|apollographql\.com/i);
  });

  it('answers GraphQL errors without a stack or a server path', async () => {
    for (const query of ['{ articles { nope } }', '{ articles(status: DRAFT) { title } }', '{ articles(locale: "xx") { title } }', '{ articles {']) {
      const res = await graphql(query);
      const text = await res.text();
      expect(JSON.parse(text).errors.length).toBeGreaterThan(0);
      expectNoInternals(text);
    }
  });

  it('answers a forced 500 without a stack or a server path', async () => {
    // A body that claims to be gzip but is not: the body parser fails inside the server.
    const res = await fetch(`${base}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    const text = await res.text();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectNoInternals(text);
  });

  it('does not create the development admin from ADMIN_EMAIL/ADMIN_PASSWORD', async () => {
    const res = await fetch(`${base}/admin/init`);
    expect((await res.json()).data.hasAdmin).toBe(false);
    expect(log).not.toContain('created the development admin');
  });

  it('does not load the reference content unless SEED_ON_EMPTY says so', async () => {
    const res = await fetch(`${base}/api/articles`);
    expect(res.status).toBe(200);
    expect((await res.json()).data).toEqual([]);
  });

  it('lets an admin register and log in over plain http on localhost', async () => {
    const admin = { email: 'chief@example.edu', password: 'Chief-Editor-2025', firstname: 'Chief', lastname: 'Editor' };
    const register = await fetch(`${base}/admin/register-admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
    expect(register.status).toBe(200);
    const login = await fetch(`${base}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).data.token).toEqual(expect.any(String));
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('strapi_admin_refresh=');
    expect(cookie.toLowerCase()).not.toContain('secure');
  });
});
