import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

import { seed } from '../../src/records/seed';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Every shell example of the API documentation, run as written against a booted server with the
 * reference content: a request that fails (curl exit code, an HTTP status of 400 or more) fails
 * the test. Only the address is changed (localhost:1337 → the test server); `TOKEN` is an API
 * token, as the docs say to create one; `ADMIN_EMAIL` and `ADMIN_PASSWORD` are a super admin's,
 * as `.env` sets them for the development admin (the admin API's examples log in with them).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const run = promisify(execFile);

interface Example {
  file: string;
  line: number;
  script: string;
}

/** The ```bash blocks that call the API (curl). */
const shellExamples = (file: string): Example[] => {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const examples: Example[] = [];
  const block = /^```bash\n([\s\S]*?)^```$/gm;
  for (let match = block.exec(text); match; match = block.exec(text)) {
    if (/\bcurl\b/.test(match[1])) examples.push({ file, line: text.slice(0, match.index).split('\n').length, script: match[1] });
  }
  return examples;
};

let app: TestApp;
let base: string;
let token: string;
const admin = { ADMIN_EMAIL: 'docs-examples@example.edu', ADMIN_PASSWORD: `Docs-${Date.now()}-examples-1a` };

beforeAll(async () => {
  app = await startTestApp();
  expect((await seed(app.strapi)).problems).toEqual([]);
  token = await app.adminToken();
  const superAdmin = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await app.strapi.service('admin::user').create({ firstname: 'Docs', lastname: 'Examples', email: admin.ADMIN_EMAIL, password: admin.ADMIN_PASSWORD, isActive: true, roles: [superAdmin.id] });
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(app.strapi.server.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => app.strapi.server.httpServer.close(resolve));
  await app?.stop();
});

const examples = DOCS.flatMap(shellExamples);

it('finds the examples', () => {
  expect(examples.length).toBeGreaterThanOrEqual(8);
});

it.each(examples.map((example) => [`${example.file}:${example.line}`, example] as const))('%s runs as written', async (_where, example) => {
  // Each curl fails on an HTTP error (the docs' own flags are kept); the block stops at the first failure.
  const script = [
    'set -eo pipefail',
    'curl() { command curl --fail-with-body --silent --show-error "$@"; }',
    example.script.replace(/http:\/\/localhost:1337/g, base),
  ].join('\n');
  try {
    const { stdout } = await run('bash', ['-c', script], { env: { ...process.env, TOKEN: token, ...admin }, maxBuffer: 64 * 1024 * 1024 });
    expect(stdout.length).toBeGreaterThan(0);
  } catch (error: any) {
    throw new Error(`${example.file}:${example.line} failed (exit ${error.code}):\n${example.script}\n--- stdout\n${String(error.stdout).slice(0, 2000)}\n--- stderr\n${String(error.stderr).slice(0, 2000)}`);
  }
});
