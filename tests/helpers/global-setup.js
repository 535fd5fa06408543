'use strict';

/**
 * Compiles the TypeScript app into dist/ once for the whole integration run;
 * each test file then boots its own Strapi from dist/ on a fresh database.
 */
module.exports = async () => {
  // CI compiles once (`npm run build`) before running the SQLite and PostgreSQL suites side by
  // side: two compiles writing into one dist/ at once would race.
  if (process.env.TEST_DIST_COMPILED === 'true') return;
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd(), ignoreDiagnostics: false });
  // The CLIs the tests start (import, export, seed) load this dist/ instead of compiling again
  // (scripts/lib/strapi.js).
  process.env.TEST_DIST_COMPILED = 'true';
};
