'use strict';

/**
 * Starts the production-built CMS (`strapi start`) on a free port with a fresh SQLite database,
 * the reference content and a development admin, for the browser tests. The admin must have
 * been built (`npm run build`).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startServer } = require('../../scripts/lib/server');

const root = path.resolve(__dirname, '..', '..');

module.exports = async () => {
  if (!fs.existsSync(path.join(root, 'dist', 'build', 'index.html'))) {
    throw new Error('e2e: the admin is not built; run `npm run build` first');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-e2e-'));
  const logFile = path.join(dir, 'server.log');
  const env = {
    NODE_ENV: 'development',
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dir, 'data.db'),
    SEED_ON_EMPTY: 'true',
    ADMIN_EMAIL: 'e2e-admin@example.edu',
    ADMIN_PASSWORD: 'E2e-Newsroom-2025',
    CRON_ENABLED: 'false',
    // the suite logs its admin in dozens of times (each language, each role): past Strapi's five
    // logins per five minutes otherwise
    ADMIN_LOGIN_RATE_LIMIT: 'false',
    // the second attributable type (fields named attribution, outlet, headline), edited in the browser
    TEST_FIXTURES: 'true',
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    // the response cache in the server's memory, never a Redis named in a developer's .env
    REDIS_URL: '',
  };
  const { child, base } = await startServer(env, {
    stdio: fs.openSync(logFile, 'a'),
    timeoutMs: 90000,
    describeFailure: () => `; see ${logFile}`,
  });
  globalThis.__E2E_SERVER__ = child;
  process.env.E2E_BASE_URL = base;
  process.env.E2E_ADMIN_EMAIL = env.ADMIN_EMAIL;
  process.env.E2E_ADMIN_PASSWORD = env.ADMIN_PASSWORD;
};
