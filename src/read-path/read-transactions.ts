import type { Core } from '@strapi/strapi';

/**
 * No transaction around a read-only Document Service read (docs/architecture.md, "Read path:
 * cheap wins (#15)").
 *
 * Strapi wraps every Document Service method, reads included, in `strapi.db.transaction`
 * (core/dist/services/document-service/repository.js: `findMany: wrapInTransaction(findMany)`,
 * the same for findOne, findFirst, count), so each public read runs BEGIN … COMMIT: on SQLite two
 * more statements and knex's transaction machinery, on PostgreSQL two more round trips, with a
 * pooled connection held for the whole read.
 *
 * There is no option to turn that off. What is done instead: a Document Service middleware,
 * registered last (the innermost one), arms a flag for read actions just before it calls `next()`
 * and disarms it right after, synchronously; and `strapi.db.transaction` is wrapped so that a
 * call made while the flag is armed, outside any transaction, with a callback that takes no
 * parameters (the shape of `wrapInTransaction`'s `() => fn(...args)`) runs the callback directly.
 * Only the repository's own call can be made in that synchronous window: the middleware manager
 * calls the repository method synchronously from the innermost `next()`. Anything else (a read
 * that an inner middleware awaits before, a read inside a write's transaction, a callback using
 * `trx`/`onCommit`) keeps its transaction: the failure mode is Strapi's behaviour, not a missing
 * transaction where one is needed.
 *
 * What a read loses: one snapshot for all its statements. On PostgreSQL (READ COMMITTED) each
 * statement already had its own snapshot inside the transaction, so nothing changes. On SQLite
 * (WAL) a write may now commit between a read's main query and its populate queries; the read
 * then shows a relation as of just after the write, as a PostgreSQL read could already. Writes
 * (create, update, delete, publish, unpublish, discardDraft, clone) keep their transactions.
 */

const READ_ACTIONS = new Set(['findMany', 'findFirst', 'findOne', 'count']);

export const registerReadsWithoutTransaction = (strapi: Core.Strapi) => {
  const db = strapi.db as any;
  const transaction = db.transaction.bind(db);
  let armed = false;
  const stats = { skipped: 0 };

  db.transaction = (callback?: unknown) => {
    if (armed && typeof callback === 'function' && callback.length === 0 && !db.inTransaction()) {
      armed = false;
      stats.skipped += 1;
      try {
        return Promise.resolve((callback as () => unknown)());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return transaction(callback);
  };

  strapi.documents.use((context, next) => {
    if (!READ_ACTIONS.has(context.action) || db.inTransaction()) return next();
    armed = true;
    try {
      return next();
    } finally {
      armed = false;
    }
  });
  return stats;
};
