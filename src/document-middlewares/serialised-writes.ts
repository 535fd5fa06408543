import type { Core } from '@strapi/strapi';
import createError from 'http-errors';

import { isWriteConflict, lockKey, WRITE_ACTIONS } from '../lib/write-locks';

/**
 * Writes to one document run one at a time, across every instance sharing the database. Strapi's
 * publish, unpublish and discard read the document's rows, then delete and recreate them with
 * their components; two of them interleaved on PostgreSQL read rows the other had just deleted
 * ("Cannot read properties of null (reading 'reprint')") or deadlocked, both 500s. A
 * transaction-scoped advisory lock on the document makes the second wait for the first and
 * then see what it left. On SQLite the transaction alone does it: its one connection is the
 * transaction's until it ends. The middlewares registered after this one (the app's slug, format
 * and cache middlewares) run inside the lock. The reprint-attribution plugin's publish guard is
 * registered earlier (plugins register before the app) and reads the draft before the lock: a save
 * racing a publish can still slip between its check and the publish.
 *
 * A write waits at most WRITE_LOCK_TIMEOUT for the lock (each waiter holds a pooled connection;
 * a pile of waiters must not starve the reads) and is then answered 409.
 */
const WRITE_LOCK_TIMEOUT = '5s';
export const registerSerialisedWrites = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    const documentId = (context.params as { documentId?: unknown })?.documentId;
    if (!WRITE_ACTIONS.has(context.action) || typeof documentId !== 'string') return next();
    const postgres = strapi.db.dialect.client === 'postgres';
    try {
      return await strapi.db.transaction(async ({ trx }) => {
        if (postgres) {
          await trx.raw(`set local lock_timeout = '${WRITE_LOCK_TIMEOUT}'`);
          await trx.raw('select pg_advisory_xact_lock(?, ?)', lockKey(context.uid, documentId));
          await trx.raw('set local lock_timeout = 0');
        }
        return next();
      });
    } catch (error) {
      // Another write won a lock this one needed in a different order (rows shared between
      // documents, such as a relation both touch): the client may simply try again.
      if (isWriteConflict(error)) {
        throw createError(409, `${documentId} was being changed by another write at the same moment; reload it and try again`);
      }
      throw error;
    }
  });
};
