import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

import { freePort, stopServer } from '../../scripts/lib/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { productionEnv } from '../helpers/instances';
import { createTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

/**
 * Readiness and graceful shutdown (#19; docs/operations.md, "Load balancer health checks" and
 * "Stopping an instance") on production servers (`strapi start` on the built app, as `npm start`
 * runs it), reaching PostgreSQL and Redis through TCP proxies the test cuts and heals:
 * - /_ready answers 200 while both answer and 503 naming the one that does not;
 * - on SIGTERM a server refuses new connections at once, still answers the request in flight
 *   (a client sending its body slowly, as a slow upload does), then exits 0 soon after it, well
 *   within SHUTDOWN_GRACE_MS; and it exits 0 when the grace runs out with a request unanswered.
 */
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..', '..');
const REDIS = { host: '127.0.0.1', port: Number(new URL(process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379').port || 6379) };

interface Instance {
  child: ChildProcess;
  port: number;
  base: string;
  log: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: TestDatabase;
let databaseProxy: TcpProxy;
let redisProxy: TcpProxy;
let env: Record<string, string>;
const instances: Instance[] = [];

const startInstance = async (extra: Record<string, string> = {}): Promise<Instance> => {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...extra, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))
  );
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      if ((await fetch(`${base}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error(`the server did not start in 120 s:\n${log.join('')}`);
    await sleep(200);
  }
  const instance = { child, port, base, log, exited };
  instances.push(instance);
  return instance;
};

const ready = async (instance: Instance) => {
  const response = await fetch(`${instance.base}/_ready`);
  return { status: response.status, headers: response.headers, body: await response.json() };
};

/** Polls /_ready until it answers `status` (at most `ms`), returning the last answer. */
const readyUntil = async (instance: Instance, status: number, ms = 20_000) => {
  const until = Date.now() + ms;
  let answer = await ready(instance);
  while (answer.status !== status && Date.now() < until) {
    await sleep(200);
    answer = await ready(instance);
  }
  return answer;
};

/** Whether a new TCP connection to the instance is refused now. */
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

/**
 * A GraphQL read whose client sends the headers and half the body now, the rest when told: the
 * server has the request in flight meanwhile. Resolves `response` with the raw answer (or what
 * arrived before the connection closed).
 */
const slowRequest = async (port: number) => {
  const body = JSON.stringify({ query: '{ articles { documentId title } }' });
  const half = Math.floor(body.length / 2);
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let raw = '';
  const response = new Promise<string>((resolve) => {
    socket.on('data', (chunk) => (raw += chunk.toString()));
    socket.once('close', () => resolve(raw));
    socket.once('error', () => resolve(raw));
  });
  socket.write(`POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`);
  return { response, finish: () => socket.write(body.slice(half)) };
};

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.client !== 'postgres') throw new Error('the fault suite runs on PostgreSQL: DATABASE_CLIENT=postgres');
  const direct = database.env.DATABASE_URL ? new URL(database.env.DATABASE_URL) : null;
  databaseProxy = await createTcpProxy({ host: direct?.hostname || database.env.DATABASE_HOST, port: Number(direct?.port || database.env.DATABASE_PORT || 5432) });
  redisProxy = await createTcpProxy(REDIS);
  const viaProxy: Record<string, string> = { ...database.env };
  if (direct) {
    direct.hostname = '127.0.0.1';
    direct.port = String(databaseProxy.port);
    viaProxy.DATABASE_URL = direct.toString();
  } else {
    Object.assign(viaProxy, { DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(databaseProxy.port) });
  }
  env = productionEnv({
    ...viaProxy,
    // Strapi's "Shutting down" and "has been shut down" lines are info.
    LOG_LEVEL: 'info',
    SEED_ON_EMPTY: 'false',
    // The drain itself, at once: the delay before it (a load balancer watching /_ready) is
    // tested in rolling-deploy.test.ts.
    SHUTDOWN_DELAY_MS: '0',
    RESPONSE_CACHE_ENABLED: 'true',
    RESPONSE_CACHE_PREFIX: `newsroom-shutdown:${process.pid}:`,
    REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
  });
}, 300_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => stopServer(instance.child)));
  await databaseProxy?.close();
  await redisProxy?.close();
  await database?.drop();
});

describe('readiness', () => {
  it('answers 200 while PostgreSQL and Redis answer, 503 naming the one that does not, and 200 again when it is back', async () => {
    const instance = await startInstance();

    const ok = await ready(instance);
    expect(ok).toMatchObject({ status: 200, body: { status: 'ready', database: 'ok', redis: 'ok' } });
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(ok.headers.get('x-cache')).toBeNull();
    // Liveness is still Strapi's.
    expect((await fetch(`${instance.base}/_health`)).status).toBe(204);

    redisProxy.cut();
    const noRedis = await readyUntil(instance, 503);
    expect(noRedis.body).toEqual({ status: 'unavailable', database: 'ok', redis: 'failed' });
    redisProxy.heal();
    expect((await readyUntil(instance, 200)).body).toEqual({ status: 'ready', database: 'ok', redis: 'ok' });

    databaseProxy.cut();
    const started = Date.now();
    const noDatabase = await readyUntil(instance, 503);
    // Bounded by the check's timeout (1 s), not by the pool's connection timeout.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(noDatabase.body).toEqual({ status: 'unavailable', database: 'failed', redis: 'ok' });
    // Names what failed, nothing more: no host, port, user or error text.
    expect(JSON.stringify(noDatabase.body)).not.toMatch(/127\.0\.0\.1|ECONN|password|postgres/i);
    databaseProxy.heal();
    expect((await readyUntil(instance, 200)).body).toEqual({ status: 'ready', database: 'ok', redis: 'ok' });
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM refuses new connections, answers the request in flight with 200, closes its connections and exits 0', async () => {
    const instance = await startInstance();
    const { response, finish } = await slowRequest(instance.port);
    // Its headers have arrived: the request is in flight.
    await sleep(500);

    const signalled = Date.now();
    instance.child.kill('SIGTERM');
    let closed = false;
    for (let i = 0; i < 40 && !closed; i += 1) {
      closed = await refused(instance.port);
      if (!closed) await sleep(50);
    }
    expect(closed).toBe(true);
    // Still running, for the request it has not answered yet.
    await sleep(1000);
    expect(instance.child.exitCode).toBeNull();
    expect(await refused(instance.port)).toBe(true);

    finish();
    const raw = await response;
    const answered = Date.now();
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toMatch(/\r\nConnection: close\r\n/i);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ data: { articles: [] } });

    const exit = await instance.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Soon after the last answer, well within the grace (SHUTDOWN_GRACE_MS, 10 s by default).
    expect(exit.at - answered).toBeLessThan(5000);
    expect(exit.at - signalled).toBeLessThan(10_000);
    const log = instance.log.join('');
    expect(log).toMatch(/requests in flight answered/);
    // Strapi's destroy ran to its end: the destroy lifecycles (Redis), the database pool.
    expect(log).toMatch(/Strapi has been shut down/);
  });

  it('exits 0 when SHUTDOWN_GRACE_MS runs out with a request still unanswered', async () => {
    const instance = await startInstance({ SHUTDOWN_GRACE_MS: '1500' });
    const { response } = await slowRequest(instance.port);
    await sleep(500);
    const signalled = Date.now();
    instance.child.kill('SIGTERM');

    const exit = await instance.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalled).toBeGreaterThanOrEqual(1400);
    expect(exit.at - signalled).toBeLessThan(1500 + 5000);
    // Its connection was closed without an answer.
    expect(await response).toBe('');
    expect(instance.log.join('')).toMatch(/1 request\(s\) still unanswered after 1500 ms/);
  });
});
