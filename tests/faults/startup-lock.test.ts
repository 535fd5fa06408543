import { spawn } from 'node:child_process';

import { Client } from 'pg';

import { acquireStartupLock, releaseStartupLock, STARTUP_LOCK_KEY, StartupLockTimeoutError } from '../../src/lib/startup-lock';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * The start-up lock (src/lib/startup-lock.ts) on a real PostgreSQL: a second session waits for
 * the first, logging one line naming it; the wait is bounded; a holder killed mid-start-up
 * (SIGKILL: no release, no goodbye) frees it at once, because it is a session lock.
 */
jest.setTimeout(120_000);

let database: TestDatabase;
const clients: Client[] = [];

const settings = () =>
  database.env.DATABASE_URL
    ? { connectionString: database.env.DATABASE_URL }
    : { host: database.env.DATABASE_HOST, port: Number(database.env.DATABASE_PORT), user: database.env.DATABASE_USERNAME, password: database.env.DATABASE_PASSWORD, database: database.env.DATABASE_NAME };

const connect = async (name: string) => {
  const client = new Client({ ...settings(), application_name: name });
  await client.connect();
  clients.push(client);
  return client;
};

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.client !== 'postgres') throw new Error('the fault suite runs on PostgreSQL: DATABASE_CLIENT=postgres');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  await database?.drop();
});

it('makes a second starter wait for the first, with one line naming it, and go on once it is released', async () => {
  const first = await connect('starter one');
  const second = await connect('starter two');
  const log: string[] = [];
  expect(await acquireStartupLock(first, { timeoutMs: 60_000, log: (line) => log.push(`one: ${line}`) })).toEqual({ waitedMs: 0 });
  let acquired = false;
  const waiting = acquireStartupLock(second, { timeoutMs: 60_000, log: (line) => log.push(`two: ${line}`) }).then((result) => {
    acquired = true;
    return result;
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(acquired).toBe(false);
  expect(log).toEqual([expect.stringMatching(/^two: start-up: waiting for another instance's start-up to finish \(starter one, .*backend pid \d+, for \d+ s\); at most 60000 ms/)]);
  await releaseStartupLock(first);
  const { waitedMs } = await waiting;
  expect(waitedMs).toBeGreaterThanOrEqual(900);
  // The bound applied to the wait only: the session holding the lock has no lock_timeout left.
  expect((await second.query('show lock_timeout')).rows[0].lock_timeout).toBe('0');
  await releaseStartupLock(second);
});

it('gives up after the bound with an error that says what to do, and holds nothing after it', async () => {
  const holder = await connect('stuck starter');
  const waiter = await connect('patient starter');
  await acquireStartupLock(holder, { timeoutMs: 60_000, log: () => undefined });
  await expect(acquireStartupLock(waiter, { timeoutMs: 1500, log: () => undefined })).rejects.toThrow(StartupLockTimeoutError);
  const held = await waiter.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()`);
  expect(held.rows[0].n).toBe(0);
  await releaseStartupLock(holder);
});

it('is released at once when the starter holding it is killed', async () => {
  // A separate process takes the lock the way the app does (a session lock on a connection of
  // its own) and is killed with SIGKILL while holding it.
  const [space, id] = STARTUP_LOCK_KEY;
  const script = `
    const { Client } = require('pg');
    const client = new Client(JSON.parse(process.argv[1]));
    client.connect().then(() => client.query('select pg_advisory_lock($1, $2)', [${space}, ${id}])).then(() => console.log('held'));
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['-e', script, JSON.stringify({ ...settings(), application_name: 'doomed starter' })], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => String(chunk).includes('held') && resolve());
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code} before it held the lock`)));
  });
  const waiter = await connect('next starter');
  const log: string[] = [];
  const waiting = acquireStartupLock(waiter, { timeoutMs: 60_000, log: (line) => log.push(line) });
  await new Promise((resolve) => setTimeout(resolve, 500));
  child.kill('SIGKILL');
  await expect(waiting).resolves.toEqual({ waitedMs: expect.any(Number) });
  expect(log).toEqual([expect.stringContaining('(doomed starter')]);
  await releaseStartupLock(waiter);
});
