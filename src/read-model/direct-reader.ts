/**
 * A read-only better-sqlite3 connection of the read model's own, for the public reads on SQLite
 * (store.ts). It reads what is committed (WAL: no wait on a writer, no lock held against one), and
 * answers synchronously with statements prepared once. Anything unexpected (the file busy, a
 * statement it cannot run) makes `read` return null, and the caller reads through knex as before.
 */
import Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

export interface NativeQuery {
  sql: string;
  bindings: unknown[];
}

export type RunQuery = (query: NativeQuery) => unknown[];

export interface DirectReader {
  /** Runs `fn` with a function that runs one query; in one read transaction when `snapshot`. Null when it could not. */
  read<T>(fn: (run: RunQuery) => T, options?: { snapshot?: boolean }): { value: T } | null;
  close(): void;
}

/** Statements kept prepared: one per distinct SQL text (a list's filters make a handful). */
/**
 * How much of the database file the read-only connection maps (SQLite maps no more than the
 * file; the rest is read as before). Mapped pages the reads touch count in the server's RSS as
 * file-backed memory (the OS page cache, shared and reclaimable), so this bounds that growth.
 */
const MMAP_BYTES = 256 * 1024 * 1024;

const STATEMENTS = 200;

/**
 * `onQuery` is told of each statement run, as knex tells its `query` listeners (what counts a
 * request's queries, in tests and in diagnostics, sees these too).
 */
export const openDirectReader = (filename: unknown, onQuery?: (query: NativeQuery) => void): DirectReader | null => {
  if (typeof filename !== 'string' || filename === '' || filename === ':memory:' || filename.startsWith('file:')) return null;
  let db: Database.Database;
  try {
    db = new Database(filename, { readonly: true, fileMustExist: true });
    // Never wait: a busy file is read through knex instead (a wait here would stop the event loop).
    db.pragma('busy_timeout = 0');
    // The database file read through a memory map instead of a read() per page: a stored answer
    // spans several overflow pages (a detail is ~14 KB), and a detail read took 54 µs with reads,
    // 19 µs mapped (BENCHMARKS.md, "Public read path, third round"). Address space only: the
    // pages are the OS page cache's, shared with every other reader of the file. The WAL is
    // still read as usual, so what a writer committed is seen at once.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    if (String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') {
      // Without WAL, a reader holds a shared lock that a writer's commit must wait for.
      db.close();
      return null;
    }
  } catch {
    return null;
  }
  const statements = new LRUCache<string, Database.Statement>({ max: STATEMENTS });
  // As knex's better-sqlite3 client formats them (better-sqlite3 takes neither).
  const sqliteValue = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value instanceof Date ? value.valueOf() : value);
  const run: RunQuery = ({ sql, bindings }) => {
    onQuery?.({ sql, bindings });
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement.all(...(bindings.map(sqliteValue) as never[]));
  };
  return {
    read(fn, { snapshot = false } = {}) {
      try {
        // Never inside a transaction left open (whose snapshot would be old): end it first.
        if (db.inTransaction) db.exec('ROLLBACK');
        if (!snapshot) return { value: fn(run) };
        db.exec('BEGIN');
        try {
          return { value: fn(run) };
        } finally {
          // A read-only transaction: ending it either way is the same, and ROLLBACK cannot fail.
          if (db.inTransaction) db.exec('ROLLBACK');
        }
      } catch {
        return null;
      }
    },
    close() {
      statements.clear();
      if (db.open) db.close();
    },
  };
};
