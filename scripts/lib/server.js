'use strict';

/** Starting the built CMS as a child process: used by the benchmark suite and the browser tests. */
const { spawn } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const { serverNodeFlags } = require('./heap');

const root = path.resolve(__dirname, '..', '..');

/** A TCP port nothing listens on right now. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * `strapi start` (with the heap bound `npm start` uses) on a free port with the given environment; resolves once /_health answers 204,
 * with the child, its base URL and the start-up time in seconds.
 */
const startServer = async (env, { stdio = 'inherit', timeoutMs = 120000, describeFailure = () => '' } = {}) => {
  const port = await freePort();
  const started = Date.now();
  // As `npm start` runs it (scripts/start.js).
  const child = spawn(process.execPath, [...serverNodeFlags({ ...process.env, ...env }), path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', stdio, stdio],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the CMS exited with ${child.exitCode}${describeFailure()}`);
    try {
      if ((await fetch(`${base}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`the CMS did not start in ${timeoutMs / 1000} s${describeFailure()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, base, startup: (Date.now() - started) / 1000 };
};

/** SIGTERM, then SIGKILL after 10 s. */
const stopServer = (child) =>
  new Promise((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    timer.unref();
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

module.exports = { freePort, startServer, stopServer };
