'use strict';

/**
 * Starts the production-built CMS (`strapi start`) on a free port with a fresh SQLite database,
 * the reference content and a development admin, for the browser tests. The admin must have
 * been built (`npm run build`).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

module.exports = async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
    throw new Error('e2e: the admin is not built; run `npm run build` first');
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'data.db'),
    SEED_ON_EMPTY: 'true',
    ADMIN_EMAIL: 'e2e-admin@example.edu',
    ADMIN_PASSWORD: 'E2e-Newsroom-2025',
    CRON_ENABLED: 'false',
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
  };
  const log = fs.openSync(path.join(dir, 'server.log'), 'a');
  const child = spawn(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
    detached: false,
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`e2e: the CMS exited (${child.exitCode}); see ${path.join(dir, 'server.log')}`);
    try {
      const res = await fetch(`${base}/_health`);
      if (res.status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`e2e: the CMS did not start in 90 s; see ${path.join(dir, 'server.log')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  globalThis.__E2E_SERVER__ = child;
  process.env.E2E_BASE_URL = base;
  process.env.E2E_ADMIN_EMAIL = env.ADMIN_EMAIL;
  process.env.E2E_ADMIN_PASSWORD = env.ADMIN_PASSWORD;
  process.env.E2E_DIR = dir;
};
