#!/usr/bin/env node
'use strict';

/**
 * npm run generate -- --articles N [--out FILE] [--seed S]
 * Writes a synthetic archive (NDJSON, the import format) for benchmarks and scale tests.
 */
const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');

const { generateDataset, scale } = require('./lib/dataset');
const { createProgress } = require('./lib/progress');

const main = async () => {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '1000' },
      out: { type: 'string' },
      seed: { type: 'string', default: '2025' },
    },
  });
  const articles = Number(values.articles);
  const seed = Number(values.seed);
  if (!Number.isInteger(articles) || articles < 1) throw new Error(`--articles must be a whole number ≥ 1, got "${values.articles}"`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got "${values.seed}"`);
  const out = path.resolve(process.cwd(), values.out ?? path.join('.tmp', `dataset-${articles}.ndjson`));
  fs.mkdirSync(path.dirname(out), { recursive: true });

  const sizes = scale(articles);
  const total = sizes.institutions + sizes.sources + articles;
  const progress = createProgress('generate', 'records');
  progress.start(total);
  const started = Date.now();
  const stream = fs.createWriteStream(out);
  let written = 0;
  let bytes = 0;
  generateDataset({ articles, seed }, (record) => {
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    stream.write(line);
    written += 1;
    if (written % 250 === 0) progress.update(written);
  });
  await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
  progress.update(written);
  progress.stop();
  console.log(
    `generate: ${articles} articles, ${sizes.sources} sources, ${sizes.institutions} institutions (${written} records, ${(bytes / 1e6).toFixed(1)} MB) → ${path.relative(process.cwd(), out)} in ${((Date.now() - started) / 1000).toFixed(1)} s`
  );
};

main().catch((error) => {
  console.error(`generate: ${error.message}`);
  process.exit(1);
});
