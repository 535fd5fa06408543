#!/usr/bin/env node
'use strict';

/**
 * Fails when types/generated/ no longer matches the schemas: regenerates the types into a
 * scratch folder with Strapi's own generator and compares file by file.
 * Fix a failure with `npm run types:generate` and commit the result.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const committed = path.join(root, 'types', 'generated');
const scratchRelative = path.join('.tmp', 'types-check');
const scratch = path.join(root, scratchRelative);

fs.rmSync(scratch, { recursive: true, force: true });
fs.mkdirSync(scratch, { recursive: true });
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'ts:generate-types', '--silent', '--out-dir', scratchRelative],
  { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] }
);

const generated = path.join(scratch, 'generated');
const from = fs.existsSync(generated) ? generated : scratch;
const files = new Set([...fs.readdirSync(from), ...(fs.existsSync(committed) ? fs.readdirSync(committed) : [])]);
const stale = [...files].filter((file) => {
  const a = path.join(from, file);
  const b = path.join(committed, file);
  return !fs.existsSync(a) || !fs.existsSync(b) || fs.readFileSync(a, 'utf8') !== fs.readFileSync(b, 'utf8');
});
fs.rmSync(scratch, { recursive: true, force: true });

if (stale.length > 0) {
  console.error(`types: types/generated is out of date (${stale.join(', ')}); run \`npm run types:generate\` and commit it`);
  process.exit(1);
}
console.log(`types: types/generated matches the schemas (${files.size} files)`);
