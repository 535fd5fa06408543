#!/usr/bin/env node
'use strict';

/**
 * The local plugins under src/plugins (reprint-attribution, translation-desk) are packages of
 * their own with their own build (like published plugins); the app loads their dist/. Builds each
 * one whose dist/ is missing or older than its sources, so a fresh clone (npm install →
 * postinstall) and every start have them.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const PLUGINS = ['reprint-attribution', 'translation-desk'];

const newest = (dir) => {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
};

const ensure = (name) => {
  const plugin = path.join(root, 'src', 'plugins', name);
  const outputs = [path.join(plugin, 'dist', 'server', 'index.js'), path.join(plugin, 'dist', 'admin', 'index.js')];
  const sources = Math.max(newest(path.join(plugin, 'server', 'src')), newest(path.join(plugin, 'admin', 'src')), fs.statSync(path.join(plugin, 'package.json')).mtimeMs);
  const built = outputs.every((file) => fs.existsSync(file)) ? Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs)) : 0;

  if (built >= sources) {
    console.log(`plugin: ${name} is built`);
  } else if (!fs.existsSync(path.join(root, 'node_modules', '.bin', 'strapi-plugin'))) {
    // A production install without devDependencies (npm ci --omit=dev) ships built plugins;
    // as the install hook, say so and carry on; before start or tests, it is an error.
    const message = `plugin: @strapi/sdk-plugin is not installed, so ${name} cannot be built; install the devDependencies or ship src/plugins/${name}/dist`;
    if (process.argv.includes('--if-possible')) console.warn(message);
    else {
      console.error(message);
      process.exit(1);
    }
  } else {
    console.log(`plugin: building ${name} (${built ? 'sources changed' : 'no build yet'})…`);
    const started = Date.now();
    execFileSync(path.join(root, 'node_modules', '.bin', 'strapi-plugin'), ['build'], { cwd: plugin, stdio: ['ignore', 'ignore', 'inherit'] });
    console.log(`plugin: ${name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
};

// `--force` rebuilds every plugin (npm run build:plugin).
if (process.argv.includes('--force')) {
  for (const name of PLUGINS) {
    const dist = path.join(root, 'src', 'plugins', name, 'dist');
    fs.rmSync(dist, { recursive: true, force: true });
  }
}
for (const name of PLUGINS) ensure(name);
