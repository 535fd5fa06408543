'use strict';

const path = require('node:path');

const { ensureEnv } = require('../ensure-env');

const root = path.resolve(__dirname, '..', '..');

/**
 * Strapi finishes some work after a write has returned (events, webhooks, content history) with
 * queries nobody awaits; destroying it then aborts them, and on PostgreSQL the aborted pool
 * acquisition crashes the process. Waits until the connection pool has been idle for a moment.
 */
const settle = async (strapi, timeoutMs = 10000) => {
  const pool = strapi.db?.connection?.client?.pool;
  if (!pool) return;
  const deadline = Date.now() + timeoutMs;
  let idleChecks = 0;
  while (Date.now() < deadline && idleChecks < 3) {
    idleChecks = pool.numUsed() === 0 && pool.numPendingAcquires() === 0 ? idleChecks + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** SQLite's "database is locked" (SQLITE_BUSY and its extended codes). */
const isBusy = (error) =>
  (typeof error?.code === 'string' && error.code.startsWith('SQLITE_BUSY')) || /database is locked/i.test(String(error?.message ?? ''));

/**
 * Loads Strapi. Its start-up writes (permissions, settings, the Content Manager's configuration)
 * run in transactions that read first: next to a running server on SQLite, one whose write lands
 * after another process's commit is refused at once ("database is locked", SQLITE_BUSY_SNAPSHOT,
 * which no busy timeout helps). Such a start is undone and tried again, for up to
 * IMPORT_LOCK_WAIT seconds (default 120), as the import's own transaction waits.
 */
const loadStrapi = async (createStrapi, options) => {
  const deadline = Date.now() + Number(process.env.IMPORT_LOCK_WAIT || 120) * 1000;
  for (let attempt = 1; ; attempt += 1) {
    const strapi = createStrapi(options);
    try {
      return await strapi.load();
    } catch (error) {
      await strapi.destroy().catch(() => undefined);
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      if (attempt === 1) console.error('Another process is writing to the database; starting again when it lets go…');
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * attempt)));
    }
  }
};

/**
 * Compiles the app (unless the tests did), loads a Strapi instance without its HTTP server, runs `fn(strapi, dist)`
 * where `dist(relativePath)` requires a compiled module of the app, and shuts Strapi down.
 */
const withStrapi = async (fn) => {
  process.chdir(root);
  ensureEnv({ cwd: root });
  // A CLI says what it loads; the start-up seed would do it behind its back.
  process.env.SEED_ON_EMPTY = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  // The test suites compile dist/ once and say so (tests/helpers/global-setup.js, .ci/run): a CLI
  // they start would otherwise compile again, into the dist/ that other servers (CI's other lane)
  // are loading at that moment, and spend the time of a compile on every run.
  const context =
    process.env.TEST_DIST_COMPILED === 'true' ? { appDir: root, distDir: path.join(root, 'dist') } : await compileStrapi({ appDir: root });
  const strapi = await loadStrapi(createStrapi, { ...context, autoReload: false, serveAdminPanel: false });
  const dist = (relativePath) => require(path.join(context.distDir, relativePath));
  try {
    return await fn(strapi, dist);
  } finally {
    await settle(strapi);
    await strapi.destroy();
  }
};

/** Runs a CLI's main function, printing a one-line error and exiting 1 on failure. */
const runCli = (name, main) => {
  main().then(
    (code) => process.exit(code ?? 0),
    (error) => {
      console.error(`${name}: ${error.message}`);
      if (process.env.DEBUG) console.error(error);
      process.exit(1);
    }
  );
};

module.exports = { withStrapi, runCli, root, settle, isBusy, loadStrapi };
