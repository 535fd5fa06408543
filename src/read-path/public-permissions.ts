import type { Core } from '@strapi/strapi';

/**
 * The Public role's permissions, cached in memory (docs/architecture.md, "Read path: cheap wins
 * (#15)").
 *
 * users-permissions' content-API strategy asks its `permission` service for the Public role's
 * permissions on every request without credentials (`findPublicPermissions`: one SELECT joining
 * the permissions to their role). The answer changes only when an admin edits a role, so the
 * service's method is replaced (Strapi's `services.extend`) by one that keeps the rows:
 *
 * - emptied by every write to a permission or a role (database lifecycles, before and after the
 *   write, and once more when the write's transaction commits: a read between the write and its
 *   commit could only have seen the old rows, which it must not keep);
 * - kept at most `ttlMs` (5 s), so that a change made by another instance (which fires no
 *   lifecycle here), or written to the database by hand, is seen within that bound;
 * - a load that started before an invalidation is answered but never kept.
 *
 * Only the rows are cached; the ability is built from them per request as before, and requests
 * with a token or a user's JWT are untouched.
 */

export const PUBLIC_PERMISSIONS_TTL_MS = 5000;

const PERMISSION = 'plugin::users-permissions.permission';
const ROLE = 'plugin::users-permissions.role';
const SERVICE = 'plugin::users-permissions.permission';
const WRITES = ['Create', 'CreateMany', 'Update', 'UpdateMany', 'Delete', 'DeleteMany'];

type Row = Record<string, unknown>;

export interface PublicPermissionsCache {
  get(): Promise<Row[]>;
  invalidate(): void;
  readonly stats: { loads: number; hits: number; invalidations: number };
}

export const createPublicPermissionsCache = (load: () => Promise<Row[]>, { ttlMs = PUBLIC_PERMISSIONS_TTL_MS, now = Date.now } = {}): PublicPermissionsCache => {
  let entry: { rows: Row[]; expires: number } | undefined;
  let generation = 0;
  let pending: { generation: number; promise: Promise<Row[]> } | undefined;
  const stats = { loads: 0, hits: 0, invalidations: 0 };
  // Callers get copies: nothing they do to a row reaches the next request.
  const copy = (rows: Row[]) => rows.map((row) => ({ ...row }));

  return {
    stats,
    async get() {
      if (entry && entry.expires > now()) {
        stats.hits += 1;
        return copy(entry.rows);
      }
      if (!pending || pending.generation !== generation) {
        const started = generation;
        stats.loads += 1;
        const promise = load().then((rows) => {
          if (generation === started) entry = { rows: copy(rows), expires: now() + ttlMs };
          return rows;
        });
        const current = { generation: started, promise };
        pending = current;
        // Concurrent misses share one query; a failed one is not remembered.
        promise.then(
          () => pending === current && (pending = undefined),
          () => pending === current && (pending = undefined)
        );
      }
      return copy(await pending.promise);
    },
    invalidate() {
      generation += 1;
      stats.invalidations += 1;
      entry = undefined;
      pending = undefined;
    },
  };
};

/** Runs `work` now, and again when the surrounding transaction (if any) commits. */
const nowAndAfterCommit = (strapi: Core.Strapi, work: () => void) => {
  work();
  if (!strapi.db.inTransaction()) return;
  return strapi.db.transaction(async ({ onCommit }) => {
    onCommit(work);
  });
};

// Kept in Strapi's container, so tests reach it as strapi.get('publicPermissionsCache').
const CONTAINER_NAME = 'publicPermissionsCache';

/** Bootstrap: swaps in the cached `findPublicPermissions` and wires its invalidation. */
export const cachePublicPermissions = (strapi: Core.Strapi, { ttlMs = PUBLIC_PERMISSIONS_TTL_MS } = {}) => {
  const services = strapi.get('services');
  const service = services.get(SERVICE);
  if (!service?.findPublicPermissions || !strapi.db.metadata.has(PERMISSION)) return undefined;

  const original = service.findPublicPermissions.bind(service);
  const cache = createPublicPermissionsCache(() => original(), { ttlMs });
  services.extend(SERVICE, (current: any) => ({ ...current, findPublicPermissions: () => cache.get() }));

  const invalidate = () => nowAndAfterCommit(strapi, () => cache.invalidate());
  const events = Object.fromEntries(WRITES.flatMap((write) => [`before${write}`, `after${write}`]).map((event) => [event, invalidate]));
  strapi.db.lifecycles.subscribe({ models: [PERMISSION, ROLE].filter((uid) => strapi.db.metadata.has(uid)), ...events });
  strapi.add(CONTAINER_NAME, () => cache);
  return cache;
};
