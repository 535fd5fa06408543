import type { Core } from '@strapi/strapi';

import { valueRoot } from '../lib/unique-values';
import { lockKey } from '../lib/write-locks';

/** The second advisory-lock namespace: values being chosen ("NWV"), beside documents being written ("NWR"). */
const VALUE_LOCK_SPACE = 0x4e5756;
const VALUE_LOCK_TIMEOUT = '10s';

/**
 * Serialises, across every instance sharing a PostgreSQL database, the writers that could pick
 * the same value: a lock on the value's root (`seminar` for `seminar-2`), held until the write's
 * transaction ends, so the next writer's look-up sees the value committed and takes another.
 * SQLite needs none: the write's transaction holds its only connection. The slug and key
 * middlewares call it inside the transaction registerUniqueValues opens (unique-values.ts).
 */
export const lockValue = async (strapi: Core.Strapi, uid: string, field: string, scope: string | null, value: string) => {
  if (strapi.db.dialect.client !== 'postgres' || !strapi.db.inTransaction()) return;
  const [, hash] = lockKey(uid, `${field}:${scope ?? '*'}:${valueRoot(value)}`);
  await strapi.db.transaction(async ({ trx }) => {
    await trx.raw(`set local lock_timeout = '${VALUE_LOCK_TIMEOUT}'`);
    await trx.raw('select pg_advisory_xact_lock(?, ?)', [VALUE_LOCK_SPACE, hash]);
    await trx.raw('set local lock_timeout = 0');
  });
};
