import type { Core } from '@strapi/strapi';

/**
 * GraphQL relations loaded in batches (docs/architecture.md, "Read path: cheap wins (#15)").
 *
 * @strapi/plugin-graphql resolves every relation, media field and component of every item on its
 * own: its association, component and dynamic-zone resolvers each end in
 * `strapi.db.query(parentUid).load(parent, attribute, query)`, which is
 * `entityManager.load`: a `findOne` of the parent by id populating that one attribute, so two or
 * more SQL statements per item and field (an N+1). A list of 25 articles with their source, cover
 * and reprint ran 152 statements where REST runs 11.
 *
 * During a request to the GraphQL endpoint, `entityManager.load` is replaced by a per-request
 * loader: calls for the same parent type, attribute and query made before the event loop moves on
 * (`setImmediate`: every item's resolver of one list field has called it by then) are answered by
 * ONE `findMany` of all their parents populating the attribute, which is exactly what Strapi's
 * populate does for a REST list. Each parent gets what `load` would have given it:
 *
 * - the same populate query (filters, sort, the published-only condition the resolver adds);
 * - pagination per parent: Strapi applies a populate's `limit` to the whole batch, not per parent,
 *   so the batched query runs without it and each parent's list is cut to `limit` afterwards
 *   (a to-one relation holds one row anyway); a query with an `offset` (page 2 of a relation)
 *   or any other `limit` is left to `load`;
 * - `null` for a parent that is not there.
 *
 * Nothing is cached beyond one batch (a mutation's later read sees its write), nothing is batched
 * inside a transaction, and polymorphic relations (morphToOne / morphToMany: dynamic zones), lists
 * in no defined order (no join-table order and no sort: Strapi's `localizations`, whose order
 * another statement could change) and any query that is not plain data are left to `load`. Outside GraphQL requests `load` is
 * Strapi's.
 */

const BATCHED_RELATIONS = new Set(['oneToOne', 'manyToOne', 'oneToMany', 'manyToMany', 'morphOne', 'morphMany']);
const TO_ONE = new Set(['oneToOne', 'manyToOne', 'morphOne']);
// Parents per statement: far below SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

interface Waiter {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Batch {
  uid: string;
  attribute: string;
  populate: unknown;
  limit: number | undefined;
  toOne: boolean;
  waiting: Map<unknown, Waiter[]>;
}

const isPlainData = (value: unknown, depth = 0): boolean => {
  if (depth > 20) return false;
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as object).every((item) => item === undefined || isPlainData(item, depth + 1));
};

export interface RelationBatchStats {
  /** false: every load is Strapi's (tests compare the two) */
  enabled: boolean;
  /** load calls answered by a batch */
  batched: number;
  /** findMany statements sent for them */
  batches: number;
}

export const batchGraphqlRelations = (strapi: Core.Strapi): RelationBatchStats => {
  const db = strapi.db as any;
  const entityManager = db.entityManager;
  const load = entityManager.load.bind(entityManager);
  const endpoint: string = (strapi.plugin('graphql') as any)?.config?.('endpoint') ?? '/graphql';
  const batchesByRequest = new WeakMap<object, Map<string, Batch>>();
  const stats: RelationBatchStats = { enabled: true, batched: 0, batches: 0 };

  const dispatch = async (batches: Map<string, Batch>, key: string, batch: Batch) => {
    if (batches.get(key) === batch) batches.delete(key);
    const ids = [...batch.waiting.keys()];
    try {
      const byId = new Map<unknown, any>();
      for (let start = 0; start < ids.length; start += CHUNK) {
        stats.batches += 1;
        const rows = await entityManager.findMany(batch.uid, {
          select: ['id'],
          where: { id: { $in: ids.slice(start, start + CHUNK) } },
          populate: { [batch.attribute]: batch.populate },
        });
        for (const row of rows) byId.set(row.id, row);
      }
      for (const [id, waiters] of batch.waiting) {
        const row = byId.get(id);
        let value = row ? row[batch.attribute] : null;
        if (!batch.toOne && batch.limit !== undefined && Array.isArray(value)) value = value.slice(0, batch.limit);
        // The same parent asked twice in one batch (aliases): each gets its own copy.
        waiters.forEach((waiter, index) => waiter.resolve(index === 0 || value == null ? value : structuredClone(value)));
      }
    } catch (error) {
      for (const waiters of batch.waiting.values()) for (const waiter of waiters) waiter.reject(error);
    }
  };

  entityManager.load = (uid: string, entity: any, fields: unknown, populate?: unknown) => {
    const ctx: any = strapi.requestContext.get();
    if (!stats.enabled || !ctx || ctx.path !== endpoint || typeof fields !== 'string' || entity?.id == null || db.inTransaction()) {
      return load(uid, entity, fields, populate);
    }
    const attribute = db.metadata.get(uid)?.attributes?.[fields];
    if (attribute?.type !== 'relation' || !BATCHED_RELATIONS.has(attribute.relation)) return load(uid, entity, fields, populate);
    const query = populate || true;
    if (query !== true && !isPlainData(query)) return load(uid, entity, fields, populate);
    const toOne = TO_ONE.has(attribute.relation);
    // A list in no defined order (no join-table order, no sort: `localizations`) comes back in
    // whatever order the database reads it, which a different statement may change: left to load.
    const ordered = toOne || Boolean(attribute.joinTable?.orderBy) || Boolean((query as { orderBy?: unknown }).orderBy);
    if (!ordered) return load(uid, entity, fields, populate);
    const { limit, offset, ...rest } = query === true ? ({} as Record<string, unknown>) : (query as Record<string, unknown>);
    if ((offset !== undefined && offset !== 0) || (limit !== undefined && !(Number.isInteger(limit) && (limit as number) > 0))) {
      return load(uid, entity, fields, populate);
    }

    let batches = batchesByRequest.get(ctx);
    if (!batches) batchesByRequest.set(ctx, (batches = new Map()));
    const key = `${uid}\u0000${fields}\u0000${query === true ? 'true' : JSON.stringify(query)}`;
    let batch = batches.get(key);
    if (!batch) {
      const created: Batch = {
        uid,
        attribute: fields,
        populate: query === true ? true : rest,
        limit: limit as number | undefined,
        toOne,
        waiting: new Map(),
      };
      batch = created;
      batches.set(key, created);
      const requestBatches = batches;
      setImmediate(() => void dispatch(requestBatches, key, created));
    }
    stats.batched += 1;
    const waiting = batch.waiting;
    return new Promise((resolve, reject) => {
      const waiters = waiting.get(entity.id) ?? [];
      waiters.push({ resolve, reject });
      waiting.set(entity.id, waiters);
    });
  };
  return stats;
};
