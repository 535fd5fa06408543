import { readLimit } from './input-limits';

/**
 * The start-up lock (docs/operations.md, "Starting several instances at once"). Strapi 5 does
 * not serialise its start-up across processes: each one syncs the schema (@strapi/database
 * schema/index.js `sync`: reads the tables, diffs, creates, alters), runs the migrations, then
 * every plugin's and the app's bootstrap inserts the rows a first start needs (locales, roles,
 * permissions, settings, the reference seed), each reading first whether they exist. Two
 * instances starting together on one database both find them missing. So the whole start-up,
 * from before the schema sync to the end of the app's bootstrap, runs under a PostgreSQL
 * session-level advisory lock held on a connection of its own: the instances start one after
 * the other and each later one finds the work done. A session lock goes with its connection, so
 * a starter that crashes or is killed releases it at once.
 */

/** The advisory-lock namespace of start-up ("NWS"), beside documents ("NWR") and values ("NWV"). */
export const STARTUP_LOCK_SPACE = 0x4e5753;
export const STARTUP_LOCK_KEY: [number, number] = [STARTUP_LOCK_SPACE, 1];

/** How long an instance waits for another's start-up before it gives up (10 minutes). */
export const STARTUP_LOCK_TIMEOUT_DEFAULT_MS = 600_000;

export const startupLockTimeoutMs = (env: Record<string, string | undefined>): number =>
  readLimit(env, 'STARTUP_LOCK_TIMEOUT_MS', STARTUP_LOCK_TIMEOUT_DEFAULT_MS);

/** What the lock needs of a PostgreSQL connection (a `pg` Client has it). */
export interface LockConnection {
  query(sql: string, values?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
}

export class StartupLockTimeoutError extends Error {
  constructor(timeoutMs: number, holder: string) {
    super(
      `start-up: another instance's start-up (${holder}) still holds the start-up lock after ${timeoutMs} ms (STARTUP_LOCK_TIMEOUT_MS); ` +
        'if it is stuck, stop it (its lock goes with its connection) and start this one again'
    );
    this.name = 'StartupLockTimeoutError';
  }
}

/** Who holds the lock, as PostgreSQL sees it: the connection's application name, address, pid and age. */
export const describeHolder = (row: Record<string, unknown> | undefined): string => {
  if (!row) return 'holder unknown';
  const parts = [row.application_name ? String(row.application_name) : 'a connection', row.client_addr ? `from ${row.client_addr}` : null, row.pid ? `backend pid ${row.pid}` : null];
  const since = row.seconds === null || row.seconds === undefined ? null : `for ${Math.round(Number(row.seconds))} s`;
  return [...parts, since].filter(Boolean).join(', ');
};

const HOLDER_SQL = `
  select a.application_name, a.client_addr::text as client_addr, a.pid, extract(epoch from now() - a.backend_start) as seconds
  from pg_locks l join pg_stat_activity a on a.pid = l.pid
  where l.locktype = 'advisory' and l.granted and l.classid = $1 and l.objid = $2 and l.objsubid = 2
  limit 1`;

/**
 * Takes the start-up lock on `connection` (a session of its own, kept open until release): at once
 * when it is free; otherwise logs one line naming the holder and waits, at most `timeoutMs`, then
 * throws StartupLockTimeoutError. Resolves with how long it waited.
 */
export const acquireStartupLock = async (
  connection: LockConnection,
  { timeoutMs, log, now = Date.now }: { timeoutMs: number; log: (line: string) => void; now?: () => number }
): Promise<{ waitedMs: number }> => {
  const [space, id] = STARTUP_LOCK_KEY;
  const started = now();
  const { rows } = await connection.query('select pg_try_advisory_lock($1, $2) as locked', [space, id]);
  if (rows[0]?.locked === true) return { waitedMs: 0 };

  // (The two-key form shows its keys as classid and objid, objsubid 2.)
  const holder = describeHolder((await connection.query(HOLDER_SQL, [space, id])).rows[0]);
  log(`start-up: waiting for another instance's start-up to finish (${holder}); at most ${timeoutMs} ms (STARTUP_LOCK_TIMEOUT_MS)`);
  // PostgreSQL's own bounded wait: lock_timeout applies to advisory locks too (SQLSTATE 55P03).
  await connection.query(`select set_config('lock_timeout', $1, false)`, [`${timeoutMs}ms`]);
  try {
    await connection.query('select pg_advisory_lock($1, $2)', [space, id]);
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') throw new StartupLockTimeoutError(timeoutMs, holder);
    throw error;
  } finally {
    await connection.query(`select set_config('lock_timeout', '0', false)`).catch(() => undefined);
  }
  return { waitedMs: now() - started };
};

/** Releases the lock (closing the connection does too). */
export const releaseStartupLock = async (connection: LockConnection): Promise<void> => {
  const [space, id] = STARTUP_LOCK_KEY;
  await connection.query('select pg_advisory_unlock($1, $2)', [space, id]);
};
