import { LRUCache } from 'lru-cache';

import { cheapWinEnabled } from './switches';

/**
 * A bounded cache of prepared statements on one better-sqlite3 connection, keyed by SQL text
 * (docs/architecture.md, "Read path: cheap wins (#15)").
 *
 * knex's better-sqlite3 client (knex/lib/dialects/better-sqlite3 `_query`) calls
 * `connection.prepare(sql)` for every query, and SQLite compiles the statement each time. Strapi
 * sends the same few hundred SQL texts over and over (the values travel as bindings), so the
 * connection's `prepare` is replaced by one that returns the statement it prepared for the same
 * text before. A better-sqlite3 statement is reusable with other bindings; `all()` and `run()`
 * are synchronous, so no two queries ever use one statement at the same time on the connection.
 *
 * Only the public `prepare(sql)` is cached: better-sqlite3's own `pragma()` and transactions
 * prepare through the native handle and are not affected, and knex is the only caller of
 * `prepare` on Strapi's connections (nothing changes a cached statement's mode: `pluck`, `raw`,
 * `expand`, `safeIntegers`). A statement that changes the schema (CREATE, ALTER, DROP: Strapi's
 * schema sync at start-up, migrations) empties the cache: SQLite re-prepares a statement whose
 * tables changed by itself, but what a `select *` returns would then differ from when it was
 * cached, so nothing prepared before a schema change is kept.
 */

interface Statement {
  readonly reader: boolean;
}

interface Connection {
  prepare(sql: string, ...rest: unknown[]): Statement;
}

export const STATEMENT_CACHE_SIZE = 500;

export interface StatementCache {
  cache: LRUCache<string, Statement>;
  stats: { hits: number; misses: number };
}

// On the connection under a registered symbol: the app runs from dist/, its tests from src/.
const CACHE = Symbol.for('newsroom.statementCache');

/** The statement cache of a connection (tests, measurements), if it has one. */
export const statementCacheOf = (connection: object): StatementCache | undefined => (connection as any)[CACHE];

const SCHEMA_CHANGE = /^\s*(?:create|alter|drop)\b/i;

/** Makes `connection.prepare` reuse statements; returns the cache (for tests and counters). */
export const cachePreparedStatements = <C extends Connection>(connection: C, max = STATEMENT_CACHE_SIZE): StatementCache => {
  const prepare = connection.prepare.bind(connection);
  const cache = new LRUCache<string, Statement>({ max });
  const stats = { hits: 0, misses: 0 };
  connection.prepare = function cachedPrepare(sql: string, ...rest: unknown[]) {
    // Any other arguments: not knex's call; prepared as asked, never shared.
    if (rest.length > 0 || typeof sql !== 'string') return prepare(sql, ...rest);
    const cached = cache.get(sql);
    if (cached) {
      stats.hits += 1;
      return cached;
    }
    stats.misses += 1;
    const statement = prepare(sql);
    if (SCHEMA_CHANGE.test(sql)) cache.clear();
    else cache.set(sql, statement);
    return statement;
  } as C['prepare'];
  const result: StatementCache = { cache, stats };
  Object.defineProperty(connection, CACHE, { value: result });
  return result;
};

/** Turned off with READ_PATH_OFF=statement-cache (src/read-path/switches.ts). */
export const statementCacheEnabled = (env: NodeJS.ProcessEnv = process.env) => cheapWinEnabled('statement-cache', env);
