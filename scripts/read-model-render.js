#!/usr/bin/env node
'use strict';

/**
 * A helper of scripts/lib/read-model.js (not a command of its own): renders one share of the read
 * model's stale rows, `--share INDEX/OF` (the rows whose id modulo OF is INDEX), and exits. Started
 * by an import or `npm run read-model:rebuild` when there are many rows to render.
 */
const { parseArgs } = require('node:util');

const { withStrapi, runCli } = require('./lib/strapi');

runCli('read-model:render', async () => {
  const { values } = parseArgs({ options: { share: { type: 'string' } } });
  const match = /^(\d+)\/(\d+)$/.exec(values.share ?? '');
  if (!match || Number(match[1]) >= Number(match[2])) throw new Error(`--share must be INDEX/OF with INDEX < OF, got "${values.share ?? ''}"`);
  const share = { index: Number(match[1]), of: Number(match[2]) };
  return withStrapi(async (strapi) => {
    await strapi.get('readModel').catchUp({ share });
    return 0;
  });
});
