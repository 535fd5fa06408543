#!/usr/bin/env node
'use strict';

/**
 * npm run read-model:rebuild: renders every published article, source and institution again into
 * the read model (docs/architecture.md, "Read model"). A running server does this by itself
 * after a release or a configuration change, in the background; this does it now and waits.
 */
const { withStrapi, runCli } = require('./lib/strapi');
const { renderReadModel } = require('./lib/read-model');

runCli('read-model:rebuild', async () =>
  withStrapi(async (strapi) => {
    await renderReadModel(strapi, { rebuild: true });
    return 0;
  })
);
