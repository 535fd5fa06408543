#!/usr/bin/env node
'use strict';

/**
 * `strapi start` serves the compiled server (dist/) and the built admin (dist/build/); a fresh
 * clone has neither. Builds once when they are missing, so `npm start` works on a fresh clone.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const needed = [path.join(root, 'dist', 'src', 'index.js'), path.join(root, 'dist', 'build', 'index.html')];
const missing = needed.filter((file) => !fs.existsSync(file));

if (missing.length === 0) {
  console.log('build: dist/ present (run `npm run build` after changing code)');
} else {
  console.log(`build: ${missing.map((file) => path.relative(root, file)).join(', ')} missing, building…`);
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
