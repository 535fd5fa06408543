#!/usr/bin/env node
'use strict';

/**
 * The local plugin src/plugins/reprint-attribution is its own package with its own build
 * (like a published plugin); the app loads its dist/. Builds it when dist/ is missing or older
 * than its sources, so a fresh clone (npm install → postinstall) and every start have it.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const plugin = path.join(root, 'src', 'plugins', 'reprint-attribution');
const outputs = [path.join(plugin, 'dist', 'server', 'index.js'), path.join(plugin, 'dist', 'admin', 'index.js')];

const newest = (dir) => {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
};

const sources = Math.max(newest(path.join(plugin, 'server', 'src')), newest(path.join(plugin, 'admin', 'src')), fs.statSync(path.join(plugin, 'package.json')).mtimeMs);
const built = outputs.every((file) => fs.existsSync(file)) ? Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs)) : 0;

if (built >= sources) {
  console.log('plugin: reprint-attribution is built');
} else if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'strapi-plugin'))) {
  // A production install without devDependencies (npm ci --omit=dev) ships a built plugin;
  // as the install hook, say so and carry on; before start or tests, it is an error.
  const message = 'plugin: @strapi/sdk-plugin is not installed, so reprint-attribution cannot be built; install the devDependencies or ship src/plugins/reprint-attribution/dist';
  if (process.argv.includes('--if-possible')) console.warn(message);
  else {
    console.error(message);
    process.exit(1);
  }
} else {
  console.log(`plugin: building reprint-attribution (${built ? 'sources changed' : 'no build yet'})…`);
  const started = Date.now();
  execFileSync(path.join(root, 'node_modules', '.bin', 'strapi-plugin'), ['build'], { cwd: plugin, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`plugin: reprint-attribution built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
