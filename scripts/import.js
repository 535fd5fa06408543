#!/usr/bin/env node
'use strict';

/**
 * npm run import -- FILE [--no-bulk]: NDJSON, one document per line (see docs/import-export.md).
 * Every line is checked first; with any problem nothing is imported, and the writes are one
 * transaction. --no-bulk (or IMPORT_BULK=false) writes every document through the Document
 * Service instead of the fast path.
 */
const fs = require('node:fs');
const path = require('node:path');

const { withStrapi, runCli } = require('./lib/strapi');
const { createProgress } = require('./lib/progress');
const { renderReadModel } = require('./lib/read-model');
const { printProblems } = require('./lib/problems');
const { parseNdjson } = require('./lib/ndjson');

runCli('import', async () => {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--no-bulk' && arg !== '--bulk');
  if (!file || unknown.length > 0) throw new Error('usage: npm run import -- FILE.ndjson [--no-bulk]');
  const bulk = args.includes('--no-bulk') ? false : args.includes('--bulk') ? true : undefined;
  const text = fs.readFileSync(path.resolve(process.cwd(), file), 'utf8');
  const { entries, problems: syntax } = parseNdjson(text);
  if (syntax.length > 0) {
    printProblems(syntax, (problem) => `line ${problem.line}`);
    console.error(`import: ${syntax.length} line(s) are not valid JSON; nothing was imported`);
    return 1;
  }
  return withStrapi(async (strapi, dist) => {
    const { importRecords } = dist('src/records/batch.js');
    const progress = createProgress('import');
    let warned = false;
    const summary = await importRecords(strapi, entries, {
      bulk,
      onWaitForLock: (waited) => {
        if (!warned) console.error(`import: another process is writing to the database (a running server?); waiting for it to finish (${Math.round(waited)} s) …`);
        warned = true;
      },
      onStart: (total) => progress.start(total),
      onProgress: (done) => progress.update(done),
    });
    progress.stop();
    if (summary.problems.length > 0) {
      printProblems(summary.problems, (problem) => `line ${problem.line}${problem.key ? ` (${problem.key})` : ''}`);
      console.error(`import: ${summary.problems.length} problem(s) in ${file}; nothing was imported`);
      return 1;
    }
    const rate = summary.seconds > 0 ? ((summary.created + summary.updated + summary.unchanged) / summary.seconds).toFixed(1) : '-';
    console.log(
      `import: ${entries.length} documents: created ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged} in ${summary.seconds.toFixed(1)} s (${rate}/s; ${summary.path === 'bulk' ? 'fast path' : 'Document Service'})`
    );
    try {
      await renderReadModel(strapi);
    } catch (error) {
      // The import is committed; a running server renders what it wrote by itself (its sweep).
      if (!/database is locked/i.test(error.message)) throw error;
      console.error('import: the read model was not rendered (the database is busy); a running server renders it by itself, or run npm run read-model:rebuild');
    }
    return 0;
  });
});
