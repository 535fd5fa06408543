import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { freshSecrets } from '../../scripts/lib/secrets';
import { freePort, stopServer } from '../../scripts/lib/server';

/**
 * Production servers for the fault suite: `strapi start` on the built app (as `npm start` runs
 * it), each in its own process on a free port of 127.0.0.1, with the environment the test gives.
 */

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Instance {
  name: string;
  child: ChildProcess;
  port: number;
  base: string;
  /** the last lines the server printed (stdout and stderr) */
  log: string[];
  /** resolves when the process exits, with its exit code or signal and the time */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

export interface StartOptions {
  /** the app's folder (default: this checkout) */
  cwd?: string;
  /** how long to wait for /_health to answer 204 (default 120 s) */
  timeoutMs?: number;
  /** a port chosen by the caller (default: a free one) */
  port?: number;
  /** how many lines of output to keep (default 400) */
  keepLines?: number;
}

/**
 * The environment every production instance of the fault suite shares: fresh secrets, production
 * mode, no telemetry or update check, no cron (tests that need the expiry job turn it on), warnings
 * and errors only, and one public address for all (instances behind one name: their cache keys
 * and absolute URLs must match). A test adds its database, cache and storage settings.
 */
export const productionEnv = (overrides: Record<string, string> = {}): Record<string, string> => ({
  ...freshSecrets(),
  NODE_ENV: 'production',
  STRAPI_TELEMETRY_DISABLED: 'true',
  LOG_LEVEL: 'warn',
  CRON_ENABLED: 'false',
  PUBLIC_URL: 'http://cms.example.test',
  SITE_URL: 'https://news.example.test',
  ...overrides,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Spawns `strapi start` without waiting for it: the caller polls `waitHealthy`. */
export const spawnInstance = async (name: string, env: Record<string, string>, options: StartOptions = {}): Promise<Instance> => {
  const port = options.port ?? (await freePort());
  const cwd = options.cwd ?? ROOT;
  const log: string[] = [];
  const child = spawn(process.execPath, [path.join(cwd, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > (options.keepLines ?? 400)) log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))
  );
  return { name, child, port, base: `http://127.0.0.1:${port}`, log, exited };
};

/** Resolves once the instance's /_health answers 204; throws with its output if it exits or takes longer than `timeoutMs`. */
export const waitHealthy = async (instance: Instance, timeoutMs = 120_000) => {
  const started = Date.now();
  for (;;) {
    if (instance.child.exitCode !== null) throw new Error(`${instance.name} exited with ${instance.child.exitCode}:\n${instance.log.join('')}`);
    try {
      if ((await fetch(`${instance.base}/_health`)).status === 204) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${instance.name} did not start in ${Math.round(timeoutMs / 1000)} s:\n${instance.log.join('')}`);
    await sleep(200);
  }
};

/** Starts a production server and resolves once it is healthy. */
export const startInstance = async (name: string, env: Record<string, string>, options: StartOptions = {}): Promise<Instance> => {
  const instance = await spawnInstance(name, env, options);
  try {
    await waitHealthy(instance, options.timeoutMs);
  } catch (error) {
    await stopServer(instance.child);
    throw error;
  }
  return instance;
};

/** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
export const stopInstance = (instance: Instance | undefined): Promise<void> => stopServer(instance?.child);
