'use strict';

/**
 * Every process the bench starts (project servers, the peer, raw servers, child scripts) is
 * tracked here and stopped when a run fails or is interrupted; cleanups (dropping scratch
 * databases, temp dirs) run after the processes are gone.
 */
const { spawn, fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { serverNodeFlags } = require('../../scripts/lib/heap');
const { freePort, stopServer } = require('../../scripts/lib/server');

const root = path.resolve(__dirname, '..', '..');
const running = new Set();
const cleanups = [];

let stopping = null;

const track = (child) => {
  // started while the bench is shutting down: not left behind
  if (stopping) {
    child.kill('SIGKILL');
    return child;
  }
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
};

/** Registers a cleanup to run once at the end (or on failure), newest first. */
const onCleanup = (fn) => {
  cleanups.push(fn);
  return () => {
    const index = cleanups.indexOf(fn);
    if (index >= 0) cleanups.splice(index, 1);
  };
};

const stopAll = async () => {
  await Promise.all([...running].map((child) => stopServer(child).catch(() => child.kill('SIGKILL'))));
};

const runCleanups = async () => {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (error) {
      console.error(`bench: cleanup failed: ${error.message}`);
    }
  }
};

/**
 * Stops every tracked process and runs the cleanups; used at the end, on failure and on
 * SIGINT/SIGTERM. Every caller waits for the same shutdown (a run failing because a signal
 * stopped its server must not exit before the scratch databases are dropped).
 */
const shutdown = () => {
  stopping ??= (async () => {
    await stopAll();
    await runCleanups();
  })();
  return stopping;
};

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    console.error(`bench: ${signal}: stopping the servers the bench started`);
    shutdown().finally(() => process.exit(130));
  });
}

/** PUBLIC_URL from the environment or the project's .env; empty when neither sets it. */
const configuredPublicUrl = () => {
  if (process.env.PUBLIC_URL) return process.env.PUBLIC_URL;
  try {
    return /^PUBLIC_URL=(.*)$/m.exec(fs.readFileSync(path.join(root, '.env'), 'utf8'))?.[1]?.trim().replace(/^["']|["']$/g, '') || '';
  } catch {
    return '';
  }
};

// Without PUBLIC_URL the CMS's own address is http://localhost:<PORT>, and each bench server has
// another port: the responses' addresses, and with them the read model's fingerprint, would
// change at every start (and the read model render everything again). One fixed address instead.
const PROJECT_ENV = { NODE_ENV: 'production', CRON_ENABLED: 'false', SEED_ON_EMPTY: 'false', LOG_LEVEL: 'warn', ...(configuredPublicUrl() ? {} : { PUBLIC_URL: 'http://localhost:1337' }) };

/**
 * `strapi start` in an app directory with the heap bound of `npm start` (the command
 * scripts/lib/server.js runs), tracked from the moment it is spawned (a failure or a signal
 * during a start stops it too); resolves once /_health answers 204. The project's server writes
 * to the bench's output; another app's (the peer's) to <dir>/server.log, whose tail is in the
 * error when it does not start.
 */
const startApp = async (dir, env, { timeoutMs = 180000, inherit = false } = {}) => {
  const port = await freePort();
  const logFile = path.join(dir, 'server.log');
  const out = inherit ? 'inherit' : fs.openSync(logFile, 'a');
  const started = Date.now();
  const childEnv = { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' };
  const child = track(
    spawn(process.execPath, [...serverNodeFlags(childEnv), path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
      cwd: dir,
      env: childEnv,
      stdio: ['ignore', out, out],
    })
  );
  if (!inherit) fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  const tail = () => (inherit ? '' : `\n--- ${logFile} (end) ---\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n')}`);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the app in ${dir} exited with ${child.exitCode ?? child.signalCode}${tail()}`);
    try {
      if ((await fetch(`${base}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      await stopServer(child);
      throw new Error(`the app in ${dir} did not start in ${timeoutMs / 1000} s${tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, base, startup: (Date.now() - started) / 1000, kind: 'app' };
};

/** The project's production server, as `npm start` runs it (`strapi start` on the built app in the project's directory). */
const startProject = async (env) => ({ ...(await startApp(root, { ...PROJECT_ENV, ...env }, { inherit: true })), kind: 'project' });

/** bench/raw-server.js answering every request with the bytes of <file>. */
const startRaw = async (file) => {
  const port = await freePort();
  const child = track(fork(path.join(__dirname, '..', 'raw-server.js'), [file, String(port)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the raw server exited with ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
};

/** A node script run to completion (tracked, so a failure elsewhere stops it too); resolves with its stdout. */
const runNode = (args, { cwd = root, env = process.env } = {}) =>
  new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] }));
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve(stdout) : reject(new Error(`${args.map((a) => path.relative(root, a) || a).join(' ')} exited with ${code ?? signal}`))));
  });

/** `npm run <script>` (tracked); output inherited. */
const runNpm = (script, { env = process.env } = {}) =>
  new Promise((resolve, reject) => {
    const child = track(spawn('npm', ['run', '--silent', script], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] }));
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`npm run ${script} exited with ${code ?? signal}`))));
  });

const stop = (server) => stopServer(server?.child);

const rssMb = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return null;
  }
};

module.exports = { PROJECT_ENV, root, running, track, onCleanup, shutdown, startProject, startApp, startRaw, runNode, runNpm, stop, rssMb };
