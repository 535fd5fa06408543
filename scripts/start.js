#!/usr/bin/env node
'use strict';

/**
 * npm start: `strapi start` in production mode with a bounded heap (scripts/lib/heap.js).
 * NODE_ENV is production unless the caller's environment sets it (a NODE_ENV in .env does not
 * count: the production server must not become a development one by a forgotten line).
 * Signals are passed on, and the exit code is the server's.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const { serverNodeFlags } = require('./lib/heap');

const root = path.resolve(__dirname, '..');
const callerNodeEnv = process.env.NODE_ENV;
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
const env = { ...process.env, NODE_ENV: callerNodeEnv || 'production' };
// Media URLs in responses are made absolute with PUBLIC_URL (docs/api.md, "Addresses"): in
// production, localhost is almost certainly not what readers' browsers can reach.
for (const name of ['PUBLIC_URL', 'SITE_URL']) {
  if (env.NODE_ENV === 'production' && !(env[name] ?? '').trim()) {
    console.warn(`start: ${name} is empty; responses will carry ${name === 'PUBLIC_URL' ? `http://localhost:${env.PORT || 1337}` : 'http://localhost:3000'} addresses. Set it in .env (docs/api.md, "Addresses and language links")`);
  }
}
const child = spawn(process.execPath, [...flags, path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
