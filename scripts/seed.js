#!/usr/bin/env node
'use strict';

/** npm run seed: loads database/seed/ (the reference content); a second run changes nothing. */
const { withStrapi, runCli } = require('./lib/strapi');
const { createProgress } = require('./lib/progress');
const { renderReadModel } = require('./lib/read-model');
const { printProblems } = require('./lib/problems');

runCli('seed', () =>
  withStrapi(async (strapi, dist) => {
    const { seed, describeSummary, readSeedRecords, seedDirectory } = dist('src/records/seed.js');
    const files = readSeedRecords(seedDirectory(strapi));
    const progress = createProgress('seed');
    const summary = await seed(strapi, { onStart: (total) => progress.start(total), onProgress: (done) => progress.update(done) });
    progress.stop();
    if (summary.problems.length > 0) {
      printProblems(summary.problems, (problem) => `${files[problem.line - 1].file} record ${files[problem.line - 1].line}`);
      console.error(`seed: ${summary.problems.length} problem(s) in the seed files; nothing was changed`);
      return 1;
    }
    console.log(`seed: ${describeSummary(summary)}`);
    await renderReadModel(strapi);
    return 0;
  })
);
