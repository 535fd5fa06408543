'use strict';

const path = require('node:path');

const { ensureEnv } = require('../ensure-env');

const root = path.resolve(__dirname, '..', '..');

/**
 * Compiles the app, loads a Strapi instance without its HTTP server, runs `fn(strapi, dist)`
 * where `dist(relativePath)` requires a compiled module of the app, and shuts Strapi down.
 */
const withStrapi = async (fn) => {
  process.chdir(root);
  ensureEnv({ cwd: root });
  // A CLI says what it loads; the start-up seed would do it behind its back.
  process.env.SEED_ON_EMPTY = 'false';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'warn';
  const { compileStrapi, createStrapi } = require('@strapi/strapi');
  const context = await compileStrapi({ appDir: root });
  const strapi = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  const dist = (relativePath) => require(path.join(context.distDir, relativePath));
  try {
    return await fn(strapi, dist);
  } finally {
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

module.exports = { withStrapi, runCli, root };
