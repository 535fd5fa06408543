import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, stopServer } from '../../scripts/lib/server';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { productionEnv } from '../helpers/instances';

/**
 * The shared cache under Redis faults (#16): two production servers (`strapi start` on the built
 * app, as `npm start` runs it) on one database, sharing a Redis this test starts, kills and
 * restarts, each reaching it through a TCP proxy the test can cut and heal. Every scenario writes,
 * then reads on both instances and counts stale reads: a read sent more than the bound after the
 * write returned that shows anything older than that write. Each count is printed and must be 0;
 * so must the 5xx answers. At the end the cache must serve hits again on both instances (a cache
 * that is merely always bypassed would pass the rest).
 */
jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..', '..');
// The bound the servers run with (config/cache.ts; docs/operations.md): the default.
const BOUND_MS = 2000;

/** A TCP proxy in front of Redis that the test can cut (every connection reset, new ones refused) and heal. */
const createProxy = async (target: () => number) => {
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target(), '127.0.0.1');
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    cut() {
      cut = true;
      for (const socket of sockets) socket.destroy();
    },
    heal() {
      cut = false;
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
};

/** redis-server on a port of its own, in a directory of its own (its append-only file lives there). */
const createRedis = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-redis-faults-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
  return {
    port,
    dir,
    async start(appendonly: boolean) {
      // appendfsync always: what Redis acknowledged is in the file when it is killed.
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', appendonly ? 'yes' : 'no', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
      for (let i = 0; i < 100; i += 1) {
        if (await ping()) return;
        await sleep(50);
      }
      throw new Error('redis-server did not start');
    },
    async kill() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    wipe() {
      for (const file of fs.readdirSync(dir)) fs.rmSync(path.join(dir, file), { recursive: true, force: true });
    },
  };
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Instance {
  name: string;
  child: ChildProcess;
  base: string;
  log: string[];
}

let database: TestDatabase;
let redis: Awaited<ReturnType<typeof createRedis>>;
const proxies: Array<Awaited<ReturnType<typeof createProxy>>> = [];
const instances: Instance[] = [];
let token: string;
let documentId: string;
let fiveHundreds = 0;

const startInstance = async (name: string, env: Record<string, string>): Promise<Instance> => {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      if ((await fetch(`${base}/_health`)).status === 204) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000) throw new Error(`${name} did not start in 120 s:\n${log.join('')}`);
    await sleep(200);
  }
  return { name, child, base, log };
};

const json = async (response: Response) => {
  if (response.status >= 500) fiveHundreds += 1;
  return { status: response.status, headers: response.headers, body: await response.json().catch(() => null) };
};

const adminFetch = (base: string, route: string, body: unknown, jwt?: string) =>
  fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) }, body: JSON.stringify(body) }).then(json);

/** Updates the article's summary on `instance`; resolves when the write returned, with that time. */
const write = async (instance: Instance, summary: string) => {
  const response = await fetch(`${instance.base}/api/articles/${documentId}?locale=en`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ data: { summary } }),
  }).then(json);
  expect(response.status).toBe(200);
  return Date.now();
};

const detailUrl = () => `/api/articles/${documentId}?locale=en`;
const listUrl = '/api/articles?locale=en&pagination[pageSize]=25';

/** What `instance` answers now for the article: its summary in the detail and in the list. */
const read = async (instance: Instance) => {
  const [detail, list] = await Promise.all([fetch(`${instance.base}${detailUrl()}`).then(json), fetch(`${instance.base}${listUrl}`).then(json)]);
  return {
    detail: detail.body?.data?.summary as string | undefined,
    list: (detail.status === 200 && list.body?.data?.find((item: any) => item.documentId === documentId)?.summary) as string | undefined,
    hits: [detail.headers.get('x-cache'), list.headers.get('x-cache')],
  };
};

/** Reads the responses into both instances' caches (and Redis) until both are hits. */
const warm = async () => {
  for (const instance of instances) {
    for (let i = 0; i < 40; i += 1) {
      const { hits } = await read(instance);
      if (hits.every((hit) => hit === 'HIT')) break;
      await sleep(100);
    }
  }
};

/**
 * Reads on `on` for `ms`, counting the reads sent at least BOUND_MS after `writtenAt` that do not
 * show `expected` (in the detail or in the list).
 */
const countStale = async (on: Instance[], expected: string, writtenAt: number, ms: number) => {
  let stale = 0;
  let counted = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const instance of on) {
      const sentAt = Date.now();
      const { detail, list } = await read(instance);
      if (sentAt < writtenAt + BOUND_MS) continue;
      counted += 1;
      if (detail !== expected || list !== expected) stale += 1;
    }
    await sleep(50);
  }
  expect(counted).toBeGreaterThan(0);
  return stale;
};

const report = (scenario: string, stale: number) => {
  console.log(`redis-faults [${database.client}] ${scenario}: ${stale} stale reads`);
  return stale;
};

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await createRedis();
  await redis.start(true);
  for (let i = 0; i < 2; i += 1) proxies.push(await createProxy(() => redis.port));
  // One address for both (productionEnv), as several instances behind one name have: their keys must match.
  const common = productionEnv({ ...database.env, RESPONSE_CACHE_ENABLED: 'true', RESPONSE_CACHE_PREFIX: `newsroom-faults:${process.pid}:` });
  // One after the other: the first creates the tables and loads the reference content.
  instances.push(await startInstance('A', { ...common, SEED_ON_EMPTY: 'true', REDIS_URL: `redis://127.0.0.1:${proxies[0].port}` }));
  instances.push(await startInstance('B', { ...common, SEED_ON_EMPTY: 'false', REDIS_URL: `redis://127.0.0.1:${proxies[1].port}` }));

  const registered = await adminFetch(instances[0].base, '/admin/register-admin', {
    firstname: 'Fault',
    lastname: 'Tester',
    email: 'faults@example.edu',
    password: 'Faults-Tester-2025',
  });
  expect(registered.status).toBe(200);
  const created = await adminFetch(instances[0].base, '/admin/api-tokens', { name: 'faults', type: 'full-access', lifespan: null }, registered.body.data.token);
  expect(created.status).toBe(201);
  token = created.body.data.accessKey;
  const list = await fetch(`${instances[0].base}${listUrl}`).then(json);
  documentId = list.body.data[0].documentId;
}, 300_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => stopServer(instance.child)));
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await redis?.kill();
  if (redis) fs.rmSync(redis.dir, { recursive: true, force: true });
  await database?.drop();
});

describe('the shared cache under Redis faults (two instances, one database)', () => {
  const [A, B] = [() => instances[0], () => instances[1]];

  it('Redis killed: a write on one instance is seen on both', async () => {
    await warm();
    await redis.kill();
    const summary = 'Written while Redis was dead';
    const at = await write(A(), summary);
    expect(report('redis killed', await countStale([B(), A()], summary, at, 2 * BOUND_MS))).toBe(0);
  });

  it('Redis restarted without persistence after a write during the outage', async () => {
    redis.wipe();
    await redis.start(false);
    await warm();
    await redis.kill();
    const summary = 'Written before Redis came back empty';
    const at = await write(A(), summary);
    redis.wipe();
    await redis.start(false);
    expect(report('redis restarted without persistence', await countStale([B(), A()], summary, at, 2 * BOUND_MS))).toBe(0);
  });

  it('Redis restarted from its append-only file after a write during the outage', async () => {
    await redis.kill();
    redis.wipe();
    await redis.start(true);
    await warm();
    await redis.kill();
    const summary = 'Written while Redis was down, before it came back from its file';
    const at = await write(A(), summary);
    await redis.start(true);
    // The other instance first: the writer's reads must not be what repairs the cache.
    const stale = (await countStale([B()], summary, at, 2 * BOUND_MS)) + (await countStale([B(), A()], summary, at, BOUND_MS));
    expect(report('redis restarted from its append-only file', stale)).toBe(0);
  });

  it('one instance partitioned from Redis: its write is seen on the other, during the partition and after it heals', async () => {
    await warm();
    proxies[0].cut();
    const summary = 'Written by the instance cut off from Redis';
    const at = await write(A(), summary);
    const during = await countStale([B()], summary, at, 3 * BOUND_MS);
    proxies[0].heal();
    const after = (await countStale([B()], summary, at, 2 * BOUND_MS)) + (await countStale([B(), A()], summary, at, BOUND_MS));
    expect(report('one instance partitioned', during + after)).toBe(0);
  });

  it('every instance partitioned from Redis: a write is seen on both, during and after', async () => {
    await warm();
    for (const proxy of proxies) proxy.cut();
    const summary = 'Written while no instance reached Redis';
    const at = await write(A(), summary);
    const during = await countStale([B(), A()], summary, at, 2 * BOUND_MS);
    for (const proxy of proxies) proxy.heal();
    const after = (await countStale([B()], summary, at, 2 * BOUND_MS)) + (await countStale([B(), A()], summary, at, BOUND_MS));
    expect(report('all instances partitioned', during + after)).toBe(0);
  });

  it('serves from the cache again once Redis is back, with no 5xx throughout', async () => {
    const hits: string[] = [];
    for (const instance of instances) {
      let hit = false;
      for (let i = 0; i < 50 && !hit; i += 1) {
        hit = (await read(instance)).hits.every((value) => value === 'HIT');
        if (!hit) await sleep(200);
      }
      if (hit) hits.push(instance.name);
    }
    console.log(`redis-faults [${database.client}] 5xx answers: ${fiveHundreds}; instances serving hits again: ${hits.join(', ')}`);
    expect(hits).toEqual(['A', 'B']);
    expect(fiveHundreds).toBe(0);
  });
});
