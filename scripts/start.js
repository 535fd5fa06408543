#!/usr/bin/env node
'use strict';

/**
 * npm start: `strapi start` with a bounded heap (scripts/lib/heap.js). Signals are passed on, and
 * the exit code is the server's.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const { serverNodeFlags } = require('./lib/heap');

const root = path.resolve(__dirname, '..');
// .env is Strapi's to read, but the heap bound must be known before Strapi's process starts.
try {
  process.loadEnvFile(path.join(root, '.env'));
} catch {
  // no .env: prestart creates one; the defaults apply
}
let flags;
try {
  flags = serverNodeFlags();
} catch (error) {
  console.error(`start: ${error.message}`);
  process.exit(1);
}
const child = spawn(process.execPath, [...flags, path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
