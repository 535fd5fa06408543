import fs from 'node:fs';
import path from 'node:path';

import { cachePreparedStatements, statementCacheEnabled } from '../read-path/statement-cache';

export const DATABASE_CLIENTS = ['sqlite', 'postgres'] as const;
export type DatabaseClient = (typeof DATABASE_CLIENTS)[number];

type Env = Record<string, string | undefined>;

export class DatabaseConfigError extends Error {}

const readBool = (value: string | undefined, fallback: boolean) =>
  value === undefined || value === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

const readInt = (env: Env, key: string, fallback: number) => {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new DatabaseConfigError(`${key} must be a non-negative whole number, got "${raw}"`);
  }
  return value;
};

const sqlitePragmas = (busyTimeout: number) => (connection: { pragma(sql: string): unknown; prepare(sql: string): { reader: boolean } }, done: (error: Error | null, connection: unknown) => void) => {
  try {
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    // Another process (an import next to a running server) holding the write lock makes a write
    // wait this long before "database is locked". better-sqlite3 waits synchronously: the whole
    // process stands still meanwhile, so a server's wait is kept short (its default, 5 s).
    connection.pragma(`busy_timeout = ${busyTimeout}`);
    // Statements prepared once per SQL text, not on every query (src/read-path/statement-cache.ts).
    if (statementCacheEnabled()) cachePreparedStatements(connection);
    done(null, connection);
  } catch (error) {
    done(error as Error, connection);
  }
};

export const resolveDatabaseClient = (raw: string | undefined): DatabaseClient => {
  const value = (raw ?? '').trim() || 'sqlite';
  if ((DATABASE_CLIENTS as readonly string[]).includes(value)) return value as DatabaseClient;
  throw new DatabaseConfigError(
    `DATABASE_CLIENT="${value}" is not supported; use one of: ${DATABASE_CLIENTS.join(', ')}`
  );
};

/**
 * Builds Strapi's `database.connection` from environment variables.
 * Empty strings count as unset: create-strapi-app writes `DATABASE_FILENAME=` and SQLite then fails.
 */
export const buildDatabaseConfig = (env: Env, appRoot: string) => {
  const client = resolveDatabaseClient(env.DATABASE_CLIENT);

  if (client === 'sqlite') {
    const filename = path.resolve(appRoot, env.DATABASE_FILENAME || '.tmp/data.db');
    return {
      connection: {
        client: 'sqlite' as const,
        connection: { filename },
        useNullAsDefault: true,
        // Write-ahead log: readers do not wait for a writer, and a commit is one append instead of
        // a rewrite of the journal; `synchronous = NORMAL` is the setting SQLite recommends with
        // it (durable across a crash of the process; the last commits can be lost on power loss).
        pool: { afterCreate: sqlitePragmas(readInt(env, 'DATABASE_BUSY_TIMEOUT', 5000)) },
      },
      filename,
    };
  }

  const ssl = readBool(env.DATABASE_SSL, false)
    ? { rejectUnauthorized: readBool(env.DATABASE_SSL_REJECT_UNAUTHORIZED, true) }
    : false;
  const connection = env.DATABASE_URL
    ? { connectionString: env.DATABASE_URL, ssl, schema: env.DATABASE_SCHEMA || 'public' }
    : {
        host: env.DATABASE_HOST || '127.0.0.1',
        port: readInt(env, 'DATABASE_PORT', 5432),
        database: env.DATABASE_NAME || 'newsroom',
        user: env.DATABASE_USERNAME || 'postgres',
        password: env.DATABASE_PASSWORD || '',
        ssl,
        schema: env.DATABASE_SCHEMA || 'public',
      };

  return {
    connection: {
      client: 'postgres' as const,
      connection,
      pool: { min: readInt(env, 'DATABASE_POOL_MIN', 2), max: readInt(env, 'DATABASE_POOL_MAX', 10) },
    },
    filename: undefined,
  };
};

/** Config-file entry point: stops start-up with one line instead of a stack trace. */
export const databaseConfigFromEnv = (env: Env, appRoot: string) => {
  try {
    const { connection, filename } = buildDatabaseConfig(env, appRoot);
    if (filename) fs.mkdirSync(path.dirname(filename), { recursive: true });
    return { connection, acquireConnectionTimeout: readInt(env, 'DATABASE_CONNECTION_TIMEOUT', 60000) };
  } catch (error) {
    if (!(error instanceof DatabaseConfigError)) throw error;
    console.error(`database: ${error.message}`);
    process.exit(1);
  }
};
