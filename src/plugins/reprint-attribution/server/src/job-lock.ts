import type { Core } from '@strapi/strapi';

import { jobLockKey } from './domain/job-lock';

export type Exclusive<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` unless another instance on the same PostgreSQL database is running the job named
 * `job` now; then it does not wait, it skips. The lock is transaction-level
 * (pg_try_advisory_xact_lock) in a transaction of its own, held open on one pooled connection
 * while `work` runs and ended after it: so an instance that dies mid-run releases it with its
 * connection, and `work`'s writes stay ordinary writes, each in its own transaction, rather than
 * one long transaction holding every document's write lock. An instance that gets the lock just
 * after another finished runs again and finds nothing left to do (the job is idempotent).
 * On SQLite (one process) `work` simply runs.
 */
export const runExclusive = async <T>(strapi: Core.Strapi, job: string, work: () => Promise<T>): Promise<Exclusive<T>> => {
  if (strapi.db.dialect.client !== 'postgres') return { ran: true, value: await work() };
  // Knex's own transaction, outside Strapi's transaction context: `work`'s queries take other
  // connections from the pool rather than joining this one.
  const holder = await strapi.db.connection.transaction();
  try {
    const result = await holder.raw('select pg_try_advisory_xact_lock(?, ?) as locked', jobLockKey(job));
    if (!result.rows?.[0]?.locked) return { ran: false };
    return { ran: true, value: await work() };
  } finally {
    // Nothing was written on this connection: ending the transaction releases the lock.
    await holder.rollback().catch(() => undefined);
  }
};
