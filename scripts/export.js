#!/usr/bin/env node
'use strict';

/** npm run export -- FILE: every article, source and institution, all locales, as NDJSON. */
const fs = require('node:fs');
const path = require('node:path');

const { withStrapi, runCli } = require('./lib/strapi');
const { createProgress } = require('./lib/progress');

runCli('export', async () => {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npm run export -- FILE.ndjson');
  const target = path.resolve(process.cwd(), file);
  return withStrapi(async (strapi, dist) => {
    const { exportAll } = dist('src/records/export.js');
    const progress = createProgress('export');
    const out = fs.createWriteStream(target);
    const started = Date.now();
    const summary = await exportAll(strapi, (line) => out.write(`${line}\n`), {
      onStart: (total) => progress.start(total),
      onProgress: (done) => progress.update(done),
    });
    await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
    progress.stop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const skipped = summary.withoutKey > 0 ? `; ${summary.withoutKey} without a key skipped` : '';
    console.log(`export: ${summary.written} documents (${summary.byType}) to ${file} in ${seconds} s${skipped}`);
    return 0;
  });
});
