import { AsyncResource } from 'node:async_hooks';
import crypto from 'node:crypto';

import type { Core } from '@strapi/strapi';

import { checkResponseCacheConfig, type ResponseCacheConfig } from './config';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';
import { createInvalidationLog, type InvalidationLog } from './invalidations';
import { ALL_TAGS, createFreshness } from '../lib/cache-freshness';
import { asReadModelWork } from '../read-model/render-flag';
import type { ContentCoding } from '../lib/http-cache';
import { newsroomLocales } from '../lib/locales';
import { LIST_TAG, documentTag, type CachedReply, type CachedResponse, type ResponseStore } from './types';

export type { ResponseCacheConfig } from './config';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

// Writes to these change what responses show (or who may read them) in ways no document id
// captures: a media file's fields, public permissions, the locales. They empty the cache.
const FLUSHING_MODELS = ['plugin::upload.file', 'plugin::users-permissions.permission', 'plugin::users-permissions.role', 'plugin::i18n.locale'];
const FLUSHING_EVENTS = ['afterCreate', 'afterCreateMany', 'afterUpdate', 'afterUpdateMany', 'afterDelete', 'afterDeleteMany'];

// The plugin emits this when an editor saves the credit-line templates or settings.
const SETTINGS_EVENT = 'reprint-attribution.settings.update';

export interface SaveToken {
  /** the store's epoch before the response was computed */
  epoch: string;
  /** the database horizon before it was computed (src/lib/cache-freshness.ts) */
  stamp: number;
}

export interface ResponseCache {
  readonly store: ResponseStore;
  readonly config: ResponseCacheConfig;
  /** the entry in `coding` if it holds it and it is fresh, or undefined on a miss, a stale entry, or when the store cannot answer (the request then runs uncached) */
  lookup(key: string, coding: ContentCoding): Promise<CachedReply | undefined>;
  /** what to store against, read before computing; null when nothing may be stored now */
  epoch(): Promise<SaveToken | null>;
  save(key: string, entry: CachedResponse, tags: string[], token: SaveToken): Promise<boolean>;
  /** records the invalidation in the database, in the current transaction, and applies it once that commits */
  invalidate(tags: string[]): Promise<void>;
  /** invalidates everything, the same way */
  clear(): Promise<void>;
  /** waits for invalidations a request's writes started, so the write's response follows them */
  settle(ctx: any): Promise<void>;
  /** reads the database's invalidations now (the timer does it every pollMs) */
  poll(): Promise<void>;
  /** creates the invalidations' table if it is missing */
  prepare(): Promise<void>;
  /** starts reading the database's invalidations */
  start(): Promise<void>;
  close(): Promise<void>;
}

// Registered in Strapi's container, so scripts and tests reach it as strapi.get('responseCache').
const CONTAINER_NAME = 'responseCache';

/** The app's response cache, or undefined when it is disabled. */
export const responseCacheOf = (strapi: Core.Strapi): ResponseCache | undefined =>
  strapi.has(CONTAINER_NAME) ? (strapi.get(CONTAINER_NAME) as ResponseCache) : undefined;

/**
 * What every cached response is computed from besides the database: the addresses it carries
 * (config/site.ts) and the locales. Part of the Redis key prefix, so that a restart with other
 * values never serves what an instance configured otherwise stored (the memory store starts empty).
 */
const configFingerprint = (strapi: Core.Strapi) =>
  crypto.createHash('sha1').update(JSON.stringify({ site: strapi.config.get('site'), locales: newsroomLocales() })).digest('base64url').slice(0, 10);

/** The Redis keys' prefix: RESPONSE_CACHE_PREFIX, then the configuration's fingerprint. */
export const redisKeyPrefix = (strapi: Core.Strapi, config: Pick<ResponseCacheConfig, 'prefix'> = strapi.config.get('cache')) =>
  `${config.prefix}${configFingerprint(strapi)}:`;

// Invalidations are kept this long after the TTL: an instance that could not read them for up to
// half of it still finds every one it missed (after a longer gap it drops what it cached).
const RETENTION_MARGIN_MS = 15 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 1000;
/** How long a request waits for a read of the invalidations it had to start (one indexed query). */
const ON_DEMAND_WAIT_MS = 100;

const createResponseCache = (strapi: Core.Strapi, config: ResponseCacheConfig): ResponseCache => {
  const store = config.redisUrl
    ? createRedisStore({ url: config.redisUrl, prefix: redisKeyPrefix(strapi, config) })
    : createMemoryStore({ maxBytes: config.maxMemoryMb * 1024 * 1024 });
  const retentionMs = config.ttl * 1000 + RETENTION_MARGIN_MS;
  const freshness = createFreshness({ boundMs: config.boundMs, maxAgeMs: config.ttl * 1000, resetAfterMs: retentionMs / 2 });
  let log: InvalidationLog | undefined;
  const logOf = () =>
    (log ??= createInvalidationLog(strapi.db.connection as any, strapi.db.getSchemaName?.() || undefined, strapi.db.dialect.client === 'postgres'));

  let lastWarning = 0;
  const warn = (what: string, error: unknown) => {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    strapi.log.warn(`response cache (${store.kind}): ${what}: ${(error as Error)?.message ?? error}`);
  };

  /**
   * Applies invalidations to this instance: the memory store is purged (which also moves its
   * epoch on, so a response computed before is not stored after); a Redis entry is judged by
   * `freshness` when read instead, since this instance may not reach Redis.
   */
  const applyLocally = async (invalidations: string[][], reset: boolean) => {
    if (store.kind !== 'memory' || (invalidations.length === 0 && !reset)) return;
    const tags = [...new Set(invalidations.flat())];
    if (reset || tags.includes(ALL_TAGS)) await store.clear();
    else await store.invalidate(tags);
  };

  // One read at a time; `polling` is the read in flight.
  let polling: Promise<void> | null = null;
  let wasCurrent = true;
  let lastFailure = Number.NEGATIVE_INFINITY;
  const pollNow = async () => {
    const sentAt = performance.now();
    try {
      const { horizon, rows } = await logOf().read(freshness.since());
      const { fresh, reset } = freshness.poll(sentAt, horizon, rows);
      await applyLocally(fresh, reset);
      if (!wasCurrent) strapi.log.info(`response cache (${store.kind}): invalidations read again; serving from the cache`);
      wasCurrent = true;
    } catch (error) {
      lastFailure = performance.now();
      if (wasCurrent) strapi.log.warn(`response cache (${store.kind}): reading the invalidations failed; reads are served uncached until it succeeds: ${(error as Error)?.message}`);
      wasCurrent = false;
    }
  };
  // Outside any request's async context; counted as background work, not a request's queries.
  const background = new AsyncResource('response-cache');
  const poll = () => (polling ??= background.runInAsyncScope(() => asReadModelWork(() => pollNow())).finally(() => (polling = null)));

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastPrune = Date.now();
  const tick = async () => {
    await poll();
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      await background
        .runInAsyncScope(() => asReadModelWork(() => logOf().prune(Date.now() - retentionMs)))
        .catch((error: unknown) => warn('pruning old invalidations failed', error));
    }
    if (!stopped) {
      timer = setTimeout(() => void tick(), config.pollMs);
      timer.unref();
    }
  };

  /**
   * Records `tags` in the current transaction (its own when there is none): the write and its
   * invalidation commit together or not at all. Once committed, this instance applies it at
   * once (the writer's next read is fresh) and removes it from Redis (so is every other
   * instance's, when Redis answers); every other instance applies it at its next poll.
   */
  const record = async (tags: string[]) => {
    const ctx: any = strapi.requestContext.get();
    let applied: Promise<void> | undefined;
    await strapi.db.transaction(async ({ trx, onCommit }) => {
      const invalidation = await logOf().record(trx as any, tags, Date.now());
      onCommit(() => {
        const done = (async () => {
          if (!freshness.local(invalidation)) return;
          await applyLocally([tags], false);
          if (store.kind === 'redis') {
            try {
              if (tags.includes(ALL_TAGS)) await store.clear();
              else await store.invalidate(tags);
            } catch (error) {
              // Every reader rejects the entries anyway: this instance now, the others within the bound.
              warn('removing invalidated entries from Redis failed (readers reject them by the database\'s record)', error);
            }
            // A read of the invalidations begun after the commit moves the horizon past this one:
            // without it, what this instance computes next would be stamped before the write and
            // rejected (correct, but uncacheable) until the next poll.
            if (polling) await polling;
            await poll();
          }
        })().catch((error: unknown) => warn('applying an invalidation failed', error));
        if (ctx?.state) (ctx.state.cacheInvalidations ??= []).push(done);
        applied = done;
      });
    });
    // Its own transaction has committed (inside a write's, the write's response waits instead:
    // `settle`): applied before the caller goes on, so that what it reads next is computed, and
    // stamped, after the invalidation.
    if (applied) await applied;
  };

  // An instance whose timer ran late (a busy event loop, a slow query) reads the log at once,
  // for the request that found it so, instead of serving every request uncached until the next
  // tick. The request waits for that read at most ON_DEMAND_WAIT_MS (then: uncached), once (its
  // store step takes what the look-up found), and after a failed read no request starts another
  // before a poll interval has passed (a database that is down is not asked once per request).
  const current = async () => {
    if (freshness.isCurrent()) return true;
    if (!polling && performance.now() - lastFailure < config.pollMs) return false;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([poll(), new Promise((resolve) => (timer = setTimeout(resolve, ON_DEMAND_WAIT_MS)))]);
    clearTimeout(timer);
    return freshness.isCurrent();
  };

  return {
    store,
    config,
    async lookup(key, coding) {
      if (!(await current())) return undefined;
      try {
        const hit = await store.get(key, coding);
        if (!hit) return undefined;
        if (store.kind === 'redis' && !freshness.accepts(hit)) return undefined;
        return hit;
      } catch (error) {
        warn('read failed, serving uncached', error);
        return undefined;
      }
    },
    async epoch() {
      // Taken before the response is computed: the entry is judged by what was known then. (The
      // look-up just before has read the log if it had to: not waited for twice.)
      const stamp = freshness.stamp();
      if (stamp === null) return null;
      try {
        return { epoch: await store.epoch(), stamp };
      } catch (error) {
        warn('epoch read failed', error);
        return null;
      }
    },
    async save(key, entry, tags, token) {
      try {
        return await store.setIfEpoch(key, entry, tags, token.epoch, config.ttl, token.stamp);
      } catch (error) {
        warn('write failed', error);
        return false;
      }
    },
    invalidate: (tags) => record(tags),
    clear: () => record([ALL_TAGS]),
    async settle(ctx) {
      const pending: Array<Promise<void>> | undefined = ctx?.state?.cacheInvalidations;
      if (pending?.length) await Promise.all(pending);
    },
    poll,
    prepare: () => logOf().ensureTable(),
    async start() {
      await poll();
      timer = setTimeout(() => void tick(), config.pollMs);
      timer.unref();
    },
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (polling) await polling;
      await store.close();
    },
  };
};

/**
 * Content type → the (type, attribute) pairs of the app's own types (api::…) that relate to it.
 * Their responses are the cached ones (config/cache.ts paths); the plugin route there answers for
 * one article by its own id, which a write to it invalidates directly.
 */
type RelationIndex = Map<string, Array<[string, string]>>;

export const indexRelations = (strapi: Core.Strapi): RelationIndex => {
  const byTarget: RelationIndex = new Map();
  for (const [referrer, contentType] of Object.entries(strapi.contentTypes) as Array<[string, any]>) {
    if (!referrer.startsWith('api::')) continue;
    for (const [attribute, definition] of Object.entries(contentType.attributes ?? {}) as Array<[string, any]>) {
      if (definition?.type !== 'relation' || !definition.target) continue;
      byTarget.set(definition.target, [...(byTarget.get(definition.target) ?? []), [referrer, attribute]]);
    }
  }
  return byTarget;
};

/**
 * The documents whose responses show a value derived from document `documentId` of type `uid`
 * without necessarily showing its id: those with a relation to it (an article's credit line is
 * made from its source's name and homepage, even when the client did not populate the source).
 * Read before the write: a delete or an unpublish removes the links, and no write to a document
 * adds links from others to it.
 */
export const referringDocuments = async (strapi: Core.Strapi, relations: RelationIndex, uid: string, documentId: string): Promise<Array<{ uid: string; documentId: string }>> => {
  const found = new Map<string, { uid: string; documentId: string }>();
  for (const [referrer, attribute] of relations.get(uid) ?? []) {
    const rows = await strapi.db.query(referrer as never).findMany({ where: { [attribute]: { documentId } }, select: ['documentId'] });
    for (const row of rows as Array<{ documentId: string }>) found.set(`${referrer} ${row.documentId}`, { uid: referrer, documentId: row.documentId });
  }
  return [...found.values()];
};

const referringDocumentIds = async (strapi: Core.Strapi, relations: RelationIndex, uid: string, documentId: string): Promise<string[]> => [
  ...new Set((await referringDocuments(strapi, relations, uid, documentId)).map((document) => document.documentId)),
];

/** The documents a Document Service write touched. */
const touchedDocumentIds = (params: any, result: any): string[] => {
  const ids = new Set<string>();
  if (typeof params?.documentId === 'string') ids.add(params.documentId);
  if (typeof result?.documentId === 'string') ids.add(result.documentId);
  return [...ids];
};

/**
 * Creates the cache (config/cache.ts) and wires every way content changes to its invalidation:
 * Document Service writes (REST, GraphQL, the admin, the plugin's cron, scripts), the models that
 * flush everything, and the reprint-attribution settings.
 */
export const registerResponseCache = (strapi: Core.Strapi) => {
  const config = checkResponseCacheConfig(strapi.config.get('cache'));
  if (!config.enabled) return;
  const cache = createResponseCache(strapi, config);
  strapi.add(CONTAINER_NAME, () => cache);
  // Before any plugin's bootstrap can write (and record an invalidation).
  strapi.hook('strapi::content-types.afterSync').register(() => cache.prepare());

  const relations = indexRelations(strapi);
  strapi.documents.use(async (context, next) => {
    if (!WRITE_ACTIONS.has(context.action)) return next();
    const documentId = (context.params as { documentId?: unknown })?.documentId;
    // One transaction for the write and its invalidation's record (the read model's, registered
    // last, joins it too).
    return strapi.db.transaction(async () => {
      // A create has no referrers yet.
      const referring = typeof documentId === 'string' ? await referringDocumentIds(strapi, relations, context.uid, documentId) : [];
      const result = await next();
      const ids = new Set([...touchedDocumentIds(context.params, result), ...referring]);
      await cache.invalidate([LIST_TAG, ...[...ids].map(documentTag)]);
      return result;
    });
  });

  strapi.eventHub.on(SETTINGS_EVENT, async () => {
    try {
      await cache.clear();
    } catch (error) {
      strapi.log.error(`response cache: recording an invalidation after a settings change failed: ${(error as Error)?.message}`);
    }
  });
};

/** Lifecycle subscriptions need the database, which exists from bootstrap on. */
export const bootstrapResponseCache = async (strapi: Core.Strapi) => {
  const cache = responseCacheOf(strapi);
  if (!cache) return;
  if (!(await cache.store.ready(3000))) {
    strapi.log.warn(`response cache (${cache.store.kind}): not reachable; reads are served uncached until it is`);
  }
  const models = FLUSHING_MODELS.filter((uid) => strapi.db.metadata.has(uid));
  await cache.start();
  // In the write's transaction, like a document write's.
  const flush = () => cache.clear();
  strapi.db.lifecycles.subscribe({ models, ...Object.fromEntries(FLUSHING_EVENTS.map((event) => [event, flush])) });
  // The default locale is a core-store value no lifecycle sees, and the admin writes it after the
  // locale row (whose lifecycle flushed already): responses without `locale` and every x-default
  // link change with it, so the cache empties once it is written.
  const locales = strapi.plugin('i18n')?.service('locales');
  if (locales?.setDefaultLocale) {
    const setDefaultLocale = locales.setDefaultLocale.bind(locales);
    locales.setDefaultLocale = async (...args: unknown[]) => {
      const result = await setDefaultLocale(...args);
      await flush();
      return result;
    };
  }
  const where = cache.store.kind === 'redis' ? 'redis' : `memory, ${cache.config.maxMemoryMb} MB`;
  strapi.log.info(`response cache: ${where}, entries live at most ${cache.config.ttl} s`);
};

export const destroyResponseCache = async (strapi: Core.Strapi) => {
  const cache = responseCacheOf(strapi);
  if (!cache) return;
  await cache.close();
};
