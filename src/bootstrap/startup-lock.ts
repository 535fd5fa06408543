import os from 'node:os';

import type { Core } from '@strapi/strapi';
import { Client } from 'pg';

import { acquireStartupLock, releaseStartupLock, startupLockTimeoutMs } from '../lib/startup-lock';

const held = new WeakMap<Core.Strapi, Client>();

/**
 * Takes the start-up lock (src/lib/startup-lock.ts) from the app's register(), the last hook
 * before Strapi's bootstrap reads the stored schema, syncs it and runs the migrations
 * (@strapi/core Strapi.js: load() = register() then bootstrap(), which starts with db.init and
 * schema.sync and ends with the app's bootstrap). It is held on a `pg` connection of its own,
 * outside Strapi's pool: a session lock on a pooled connection would go back to the pool with it
 * and be released, or not, by whoever borrows it next. SQLite: nothing to do (one process
 * writes at a time anyway, and start-ups there are one server).
 */
export const holdStartupLock = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const database = strapi.config.get('database.connection') as { client?: string; connection?: Record<string, unknown> };
  if (database?.client !== 'postgres' || held.has(strapi)) return;
  const timeoutMs = startupLockTimeoutMs(env);
  const { connectionString, host, port, database: name, user, password, ssl } = database.connection ?? {};
  const client = new Client({
    ...(connectionString ? { connectionString: String(connectionString) } : { host: host as string, port: Number(port), database: name as string, user: user as string, password: password as string }),
    ssl: ssl as any,
    // Named, so that a waiting instance's log line (and pg_stat_activity) says whose start-up it waits for.
    application_name: `newsroom start-up ${os.hostname()} pid ${process.pid}`.slice(0, 63),
    keepAlive: true,
  });
  // A connection lost while held (the database restarted) ends the lock with it; what is left
  // of the start-up then fails on Strapi's own connections, or finishes unserialised.
  client.on('error', (error) => strapi.log.warn(`start-up lock: its database connection failed: ${error.message}`));
  await client.connect();
  try {
    // A host that vanishes without closing the connection: PostgreSQL notices within about a
    // minute instead of the operating system's two hours, and the lock goes with the session.
    await client.query(`set tcp_keepalives_idle = 30; set tcp_keepalives_interval = 10; set tcp_keepalives_count = 3`);
    const { waitedMs } = await acquireStartupLock(client, { timeoutMs, log: (line) => strapi.log.info(line) });
    if (waitedMs > 0) strapi.log.info(`start-up: the other instance's start-up finished after ${waitedMs} ms; this one goes on`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  held.set(strapi, client);
};

/** Releases the lock at the end of the app's bootstrap (or in destroy, after a failed start). */
export const releaseHeldStartupLock = async (strapi: Core.Strapi) => {
  const client = held.get(strapi);
  if (!client) return;
  held.delete(strapi);
  try {
    await releaseStartupLock(client);
  } catch {
    // The connection's end below releases it as well.
  }
  await client.end().catch(() => undefined);
};
