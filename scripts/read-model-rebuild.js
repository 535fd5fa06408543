#!/usr/bin/env node
'use strict';

/**
 * npm run read-model:rebuild: renders every published article, source and institution again into
 * the read model (docs/architecture.md, "Read model"). A running server does this by itself
 * after a release or a configuration change, in the background; this does it now and waits.
 */
const { withStrapi, runCli } = require('./lib/strapi');
const { createProgress } = require('./lib/progress');

runCli('read-model:rebuild', async () =>
  withStrapi(async (strapi) => {
    if (!strapi.has('readModel')) throw new Error('the read model is not registered');
    const progress = createProgress('read model', 'rows');
    let started = false;
    const result = await strapi.get('readModel').rebuild({
      onProgress: (done, total) => {
        if (!started) {
          progress.start(total);
          started = true;
        }
        progress.update(done);
      },
    });
    if (started) progress.stop();
    console.log(`read model: ${result.rows} rows (published documents × locales) rendered in ${result.seconds.toFixed(1)} s`);
    return 0;
  })
);
