import crypto from 'node:crypto';

import type { Core } from '@strapi/strapi';

import { checkResponseCacheConfig, type ResponseCacheConfig } from './config';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';
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

export interface ResponseCache {
  readonly store: ResponseStore;
  readonly config: ResponseCacheConfig;
  /** the entry in `coding` if it holds it, or undefined on a miss or when the store cannot answer (the request then runs uncached) */
  lookup(key: string, coding: ContentCoding): Promise<CachedReply | undefined>;
  /** the epoch to store against, or null when nothing may be stored now */
  epoch(): Promise<string | null>;
  save(key: string, entry: CachedResponse, tags: string[], epoch: string): Promise<boolean>;
  invalidate(tags: string[]): Promise<void>;
  clear(): Promise<void>;
  /** waits for invalidations a request's writes started, so the write's response follows them */
  settle(ctx: any): Promise<void>;
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

const createResponseCache = (strapi: Core.Strapi, config: ResponseCacheConfig): ResponseCache => {
  const store = config.redisUrl
    ? createRedisStore({ url: config.redisUrl, prefix: redisKeyPrefix(strapi, config) })
    : createMemoryStore({ maxBytes: config.maxMemoryMb * 1024 * 1024 });

  // After a failed invalidation the store may hold stale entries: nothing is served or stored
  // until a full clear succeeds.
  let dirty = false;
  let lastWarning = 0;
  let lastRecovery = 0;
  const warn = (what: string, error: unknown) => {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    strapi.log.warn(`response cache (${store.kind}): ${what}: ${(error as Error)?.message ?? error}`);
  };
  // Logged once per failure: while the cache is bypassed, further failures change nothing.
  const failed = (what: string, error: unknown) => {
    if (!dirty) strapi.log.error(`response cache (${store.kind}): ${what} failed; the cache is bypassed until it can be cleared: ${(error as Error)?.message}`);
    dirty = true;
  };
  const recover = async () => {
    if (!dirty) return true;
    if (Date.now() - lastRecovery < 2000) return false;
    lastRecovery = Date.now();
    try {
      await store.clear();
      dirty = false;
      strapi.log.info(`response cache (${store.kind}): cleared after an earlier failure`);
      return true;
    } catch (error) {
      warn('still failing', error);
      return false;
    }
  };

  return {
    store,
    config,
    async lookup(key, coding) {
      if (!(await recover())) return undefined;
      try {
        return await store.get(key, coding);
      } catch (error) {
        warn('read failed, serving uncached', error);
        return undefined;
      }
    },
    async epoch() {
      if (dirty) return null;
      try {
        return await store.epoch();
      } catch (error) {
        warn('epoch read failed', error);
        return null;
      }
    },
    async save(key, entry, tags, epoch) {
      try {
        return await store.setIfEpoch(key, entry, tags, epoch, config.ttl);
      } catch (error) {
        warn('write failed', error);
        return false;
      }
    },
    async invalidate(tags) {
      try {
        await store.invalidate(tags);
      } catch (error) {
        failed('invalidation', error);
      }
    },
    async clear() {
      try {
        await store.clear();
      } catch (error) {
        failed('clear', error);
      }
    },
    async settle(ctx) {
      const pending: Array<Promise<void>> | undefined = ctx?.state?.cacheInvalidations;
      if (pending?.length) await Promise.all(pending);
    },
    async close() {
      await store.close();
    },
  };
};

/**
 * Runs `work` once the surrounding transaction commits (now, when there is none). A write made in
 * a request registers the work with the request, and the response-cache middleware waits for it
 * before the response leaves, so the writer's next read, and everyone else's, is fresh.
 */
const afterCommit = async (strapi: Core.Strapi, work: () => Promise<void>) => {
  if (!strapi.db.inTransaction()) {
    await work();
    return;
  }
  const ctx: any = strapi.requestContext.get();
  await strapi.db.transaction(async ({ onCommit }) => {
    onCommit(() => {
      const done = work();
      if (ctx?.state) (ctx.state.cacheInvalidations ??= []).push(done);
    });
  });
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

  const relations = indexRelations(strapi);
  strapi.documents.use(async (context, next) => {
    if (!WRITE_ACTIONS.has(context.action)) return next();
    const documentId = (context.params as { documentId?: unknown })?.documentId;
    // A create has no referrers yet.
    const referring = typeof documentId === 'string' ? await referringDocumentIds(strapi, relations, context.uid, documentId) : [];
    const result = await next();
    const ids = new Set([...touchedDocumentIds(context.params, result), ...referring]);
    const tags = [LIST_TAG, ...[...ids].map(documentTag)];
    await afterCommit(strapi, () => cache.invalidate(tags));
    return result;
  });

  strapi.eventHub.on(SETTINGS_EVENT, () => cache.clear());
};

/** Lifecycle subscriptions need the database, which exists from bootstrap on. */
export const bootstrapResponseCache = async (strapi: Core.Strapi) => {
  const cache = responseCacheOf(strapi);
  if (!cache) return;
  if (!(await cache.store.ready(3000))) {
    strapi.log.warn(`response cache (${cache.store.kind}): not reachable; reads are served uncached until it is`);
  }
  const models = FLUSHING_MODELS.filter((uid) => strapi.db.metadata.has(uid));
  const flush = () => afterCommit(strapi, () => cache.clear());
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
