'use strict';

/**
 * Compiles the TypeScript app into dist/ once for the whole integration run;
 * each test file then boots its own Strapi from dist/ on a fresh database.
 */
module.exports = async () => {
  const { compileStrapi } = require('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd(), ignoreDiagnostics: false });
};
