import {
  acquireStartupLock,
  describeHolder,
  releaseStartupLock,
  STARTUP_LOCK_KEY,
  STARTUP_LOCK_TIMEOUT_DEFAULT_MS,
  StartupLockTimeoutError,
  startupLockTimeoutMs,
  type LockConnection,
} from '../../src/lib/startup-lock';

/**
 * The start-up lock's rules (src/lib/startup-lock.ts). What PostgreSQL does with them (a second
 * session waits, the bound, a killed holder releasing it) is tested on a real server in
 * tests/faults/startup-lock.test.ts and tests/faults/concurrent-startup.test.ts.
 */

/** A connection that answers from a script, recording what it was asked. */
const scripted = (answers: Array<Record<string, unknown>[] | Error>) => {
  const asked: Array<{ sql: string; values?: unknown[] }> = [];
  const connection: LockConnection = {
    async query(sql, values) {
      asked.push({ sql: sql.replace(/\s+/g, ' ').trim(), values });
      const answer = answers.shift() ?? [];
      if (answer instanceof Error) throw answer;
      return { rows: answer };
    },
  };
  return { connection, asked };
};

describe('the start-up lock', () => {
  it('reads STARTUP_LOCK_TIMEOUT_MS, 10 minutes by default, and refuses nonsense', () => {
    expect(startupLockTimeoutMs({})).toBe(STARTUP_LOCK_TIMEOUT_DEFAULT_MS);
    expect(STARTUP_LOCK_TIMEOUT_DEFAULT_MS).toBe(600_000);
    expect(startupLockTimeoutMs({ STARTUP_LOCK_TIMEOUT_MS: '30000' })).toBe(30_000);
    expect(() => startupLockTimeoutMs({ STARTUP_LOCK_TIMEOUT_MS: 'soon' })).toThrow(/STARTUP_LOCK_TIMEOUT_MS must be a whole number/);
    expect(() => startupLockTimeoutMs({ STARTUP_LOCK_TIMEOUT_MS: '0' })).toThrow(/STARTUP_LOCK_TIMEOUT_MS/);
  });

  it('has a key of its own, apart from the document ("NWR") and value ("NWV") locks', () => {
    expect(STARTUP_LOCK_KEY).toEqual([0x4e5753, 1]);
  });

  it('takes a free lock at once, without a line in the log', async () => {
    const { connection, asked } = scripted([[{ locked: true }]]);
    const log: string[] = [];
    expect(await acquireStartupLock(connection, { timeoutMs: 1000, log: (line) => log.push(line) })).toEqual({ waitedMs: 0 });
    expect(asked).toEqual([{ sql: 'select pg_try_advisory_lock($1, $2) as locked', values: STARTUP_LOCK_KEY }]);
    expect(log).toEqual([]);
  });

  it('logs one line naming the holder, then waits with PostgreSQL lock_timeout as its bound', async () => {
    const { connection, asked } = scripted([[{ locked: false }], [{ application_name: 'newsroom start-up web-1 pid 42', client_addr: '10.0.0.5', pid: 4711, seconds: 12.4 }], [], [], []]);
    const log: string[] = [];
    let clock = 1000;
    const result = await acquireStartupLock(connection, { timeoutMs: 90_000, log: (line) => log.push(line), now: () => (clock += 2500) });
    expect(result).toEqual({ waitedMs: 2500 });
    expect(log).toEqual([
      "start-up: waiting for another instance's start-up to finish (newsroom start-up web-1 pid 42, from 10.0.0.5, backend pid 4711, for 12 s); at most 90000 ms (STARTUP_LOCK_TIMEOUT_MS)",
    ]);
    expect(asked.map((query) => query.sql)).toEqual([
      'select pg_try_advisory_lock($1, $2) as locked',
      expect.stringContaining("where l.locktype = 'advisory' and l.granted and l.classid = $1 and l.objid = $2 and l.objsubid = 2"),
      "select set_config('lock_timeout', $1, false)",
      'select pg_advisory_lock($1, $2)',
      "select set_config('lock_timeout', '0', false)",
    ]);
    expect(asked[2].values).toEqual(['90000ms']);
  });

  it('turns lock_timeout (SQLSTATE 55P03) into an error that says what to do, and resets the timeout', async () => {
    const timeout = Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
    const { connection, asked } = scripted([[{ locked: false }], [], [], timeout, []]);
    const attempt = acquireStartupLock(connection, { timeoutMs: 5000, log: () => undefined });
    await expect(attempt).rejects.toThrow(StartupLockTimeoutError);
    await expect(attempt).rejects.toThrow(/still holds the start-up lock after 5000 ms \(STARTUP_LOCK_TIMEOUT_MS\); if it is stuck, stop it/);
    expect(asked.at(-1)!.sql).toBe("select set_config('lock_timeout', '0', false)");
  });

  it('passes any other database error on as it is', async () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const { connection } = scripted([[{ locked: false }], [], [], lost, []]);
    await expect(acquireStartupLock(connection, { timeoutMs: 5000, log: () => undefined })).rejects.toBe(lost);
  });

  it('releases with pg_advisory_unlock on the same key', async () => {
    const { connection, asked } = scripted([[{ pg_advisory_unlock: true }]]);
    await releaseStartupLock(connection);
    expect(asked).toEqual([{ sql: 'select pg_advisory_unlock($1, $2)', values: STARTUP_LOCK_KEY }]);
  });

  it('describes a holder it cannot see (released meanwhile, or no right to pg_stat_activity)', () => {
    expect(describeHolder(undefined)).toBe('holder unknown');
    expect(describeHolder({ application_name: '', client_addr: null, pid: 7, seconds: null })).toBe('a connection, backend pid 7');
  });
});
