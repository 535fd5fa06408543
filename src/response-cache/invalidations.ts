/**
 * The response cache's invalidations, recorded in the database in the writer's own transaction
 * (an outbox every instance reads): the database, not Redis, says what is stale, so a write that
 * committed is never lost to a Redis that was down, restarted or out of reach (docs/operations.md).
 * Plain knex on Strapi's connection, like the read model's tables (src/read-model/store.ts).
 */
import type { Knex } from 'knex';

import type { Invalidation } from '../lib/cache-freshness';

export const INVALIDATIONS = 'response_cache_invalidations';

type Db = Knex | Knex.Transaction;

export const createInvalidationLog = (knex: Knex, schema: string | undefined, postgres: boolean) => {
  const table = (db: Db) => (schema ? db(INVALIDATIONS).withSchema(schema) : db(INVALIDATIONS));
  const qualified = schema ? `${schema}.${INVALIDATIONS}` : INVALIDATIONS;
  const parse = (row: { id: unknown; xid?: unknown; tags: unknown }): Invalidation => ({
    id: Number(row.id),
    // PostgreSQL: the writer's transaction id (commit order is not id order there); SQLite: the id.
    order: Number(postgres ? row.xid : row.id),
    tags: JSON.parse(String(row.tags)),
  });

  return {
    async ensureTable() {
      const builder = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
      if (await builder().hasTable(INVALIDATIONS)) return;
      try {
        await builder().createTable(INVALIDATIONS, (t) => {
          t.increments('id');
          t.bigInteger('xid');
          t.text('tags').notNullable();
          t.bigInteger('created_at').notNullable();
          t.index(['xid'], `${INVALIDATIONS}_xid`);
          t.index(['created_at'], `${INVALIDATIONS}_created`);
        });
      } catch (error) {
        // Two instances starting together: the other one created it.
        if (!(await builder().hasTable(INVALIDATIONS))) throw error;
      }
    },

    /** Records an invalidation of `tags` in `trx`, the write's own transaction. */
    async record(trx: Db, tags: string[], createdAt: number): Promise<Invalidation> {
      const [row] = await table(trx)
        .insert({ xid: postgres ? knex.raw('txid_current()') : null, tags: JSON.stringify(tags), created_at: createdAt })
        .returning(['id', 'xid']);
      return parse({ ...row, tags: JSON.stringify(tags) });
    },

    /**
     * Every invalidation from `since` on (by order; all of them when null) and the new horizon:
     * below it, every invalidation had finished when this read's snapshot was taken. On PostgreSQL
     * the horizon is the oldest transaction still running (one statement, one snapshot), and the
     * next read starts there again, so a long transaction's rows are read once it commits; on
     * SQLite writers commit one at a time, so the next id is the horizon.
     */
    async read(since: number | null): Promise<{ horizon: number; rows: Invalidation[] }> {
      if (postgres) {
        const result = await knex.raw(
          `select txid_snapshot_xmin(txid_current_snapshot()) as horizon, null::integer as id, null::bigint as xid, null::text as tags
           union all select null, id, xid, tags from ${qualified.split('.').map((part) => `"${part}"`).join('.')} where xid >= ?`,
          [since ?? 0]
        );
        const rows: any[] = result.rows;
        const horizon = Number(rows.find((row) => row.horizon !== null).horizon);
        return { horizon, rows: rows.filter((row) => row.id !== null).map(parse).sort((a, b) => a.id - b.id) };
      }
      const rows = (await table(knex).where('id', '>=', since ?? 0).orderBy('id').select('id', 'tags')).map(parse);
      return { horizon: rows.length > 0 ? rows[rows.length - 1].id + 1 : (since ?? 0), rows };
    },

    /** Removes invalidations recorded before `before` (wall-clock ms). */
    async prune(before: number) {
      return table(knex).where('created_at', '<', before).delete();
    },
  };
};

export type InvalidationLog = ReturnType<typeof createInvalidationLog>;
