/**
 * The read model of published content (docs/architecture.md, "Read model"): Strapi's own public
 * answers, computed when an editor publishes rather than on every read, stored in the database,
 * and served by the global `read-model` middleware for the requests it recognises
 * (src/read-model/requests.ts).
 *
 * - **What is stored is Strapi's answer.** A row is rendered by sending the public request
 *   through the app itself, in process (light-my-request), past the read model and the response
 *   cache: the same middlewares, controllers, sanitising and attribution as any reader's request.
 *   The stored bytes are what that path answered; nothing re-implements the response.
 * - **Invalidation is in the writer's transaction.** A Document Service write that changes what
 *   the public sees (publish, unpublish, delete, a create or update that publishes) marks the
 *   rows of the document, in every locale, and of every document relating to it, in the same
 *   transaction. A marked (stale) row is never served: until it is rendered again, Strapi's own
 *   path answers. Changes no document write carries (credit-line templates, media files,
 *   locales, the default locale) mark every row.
 * - **Rendering follows the commit.** The writer's request waits for its documents' renders, so
 *   the next read is served from the model; other instances and a crashed render are caught up
 *   by a sweep of stale rows every few seconds. A render stores its result only if no write
 *   marked the row since it started (a generation counter) and only if the model is still this
 *   code's (a fingerprint of the code and configuration that shape responses).
 */
import { AsyncResource } from 'node:async_hooks';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import type { Core } from '@strapi/strapi';
import inject from 'light-my-request';

import { newsroomLocales } from '../lib/locales';
import { indexRelations, referringDocuments } from '../response-cache';
import { asReadModelWork, clientRequestsSeen, markRenderRequest } from './render-flag';
import { columnsOf, flattenQuery } from './requests';
import { DEFAULT_ARTICLE_POPULATE } from '../api/article/middlewares/article-populate';
import { createReadModelStore, type ReadModelStore, type RenderedRow, type Share, type StoredRow } from './store';

const CONTAINER_NAME = 'readModel';

/** Types the read model holds, with their REST plural; lists are answered for the article. */
export const READ_MODEL_TYPES: Record<string, string> = {
  'api::article.article': 'articles',
  'api::source.source': 'sources',
  'api::institution.institution': 'institutions',
};
export const LIST_UID = 'api::article.article';

const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
const SETTINGS_EVENT = 'reprint-attribution.settings.update';
// Rows rendered per pair of list requests (within the query limits: 100 array items, 200 parameters).
const BATCH_SIZE = 50;
/**
 * Batches a rebuild or catch-up renders at once in one process on PostgreSQL: while one waits for
 * the database, the other renders (89 → 113 rows/s at 2,000 articles: BENCHMARKS.md, "Rendering
 * after an import"). On SQLite one: its pool has one connection, so a second lane only waits for
 * it (250 s against 237 s with one, at 10,000 articles). More cores: more processes
 * (scripts/lib/read-model.js).
 */
const renderLanes = (strapi: Core.Strapi) => (strapi.db.dialect.client === 'postgres' ? 2 : 1);

export interface RenderOptions {
  onProgress?: (done: number, total: number) => void;
  /** render only this share of the stale rows (one of several render processes) */
  share?: Share;
  /**
   * Called once the rows to render are known (after a rebuild's reset), with their number, before
   * any is rendered and while sweeps are held back: returns the share this process renders (the
   * command starts its helpers here: scripts/lib/read-model.js).
   */
  plan?: (stale: number) => Share | undefined;
  /**
   * Called after this process's share is rendered, still with the sweeps held back: resolves when
   * the other processes are done; then this process renders whatever is still stale.
   */
  join?: () => Promise<void>;
}

export interface ReadModel {
  readonly store: ReadModelStore;
  readonly fingerprint: string;
  /** false when READ_MODEL_ENABLED=false: nothing is served from it (it is still kept) */
  serving: boolean;
  /** renders every published document again (npm run read-model:rebuild, after an import) */
  rebuild(options?: RenderOptions): Promise<{ rows: number; seconds: number }>;
  /**
   * Marks the rows of documents written without the Document Service (the import's fast path),
   * every locale, in the current transaction: rendered after the commit, like any write's.
   */
  markWritten(uid: string, documentIds: string[]): Promise<void>;
  /**
   * renders the rows writes left stale (a script's writes, with no server running), now; with
   * `share`, only that share of them (one of several render processes: scripts/lib/read-model.js)
   */
  catchUp(options?: RenderOptions): Promise<{ rows: number; seconds: number }>;
  /** resolves when no render is queued or running */
  idle(): Promise<void>;
  /** public role may run `uid.action` (find, findOne): cached, see publicActions */
  publicCan(uid: string, action: string): Promise<boolean>;
  defaultLocale(): Promise<string>;
}

export { isRenderRequest } from './render-flag';

export const readModelOf = (strapi: Core.Strapi): ReadModel | undefined => (strapi.has(CONTAINER_NAME) ? (strapi.get(CONTAINER_NAME) as ReadModel) : undefined);

const readModelEnabled = (env: NodeJS.ProcessEnv) => !['0', 'false', 'no', 'off'].includes((env.READ_MODEL_ENABLED ?? '').trim().toLowerCase());

/** Hash of the compiled code that shapes a response: a new release renders everything again. */
const codeHash = (roots: string[]): string => {
  const hash = crypto.createHash('sha1');
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'admin') walk(full);
      } else if (/\.(js|json)$/.test(entry.name)) {
        hash.update(entry.name).update(fs.readFileSync(full));
      }
    }
  };
  for (const root of roots) walk(root);
  return hash.digest('base64url');
};

const fingerprintOf = (strapi: Core.Strapi): string => {
  const dist = (strapi.dirs as any).dist?.src ?? path.join(strapi.dirs.app.root, 'dist', 'src');
  let pluginRoot: string | undefined;
  try {
    pluginRoot = path.dirname(require.resolve('strapi-plugin-reprint-attribution/package.json'));
  } catch {
    pluginRoot = undefined;
  }
  const strapiVersion = (() => {
    try {
      return require('@strapi/strapi/package.json').version;
    } catch {
      return 'unknown';
    }
  })();
  const parts = {
    code: codeHash([dist, ...(pluginRoot ? [path.join(pluginRoot, 'dist', 'server')] : [])]),
    strapiVersion,
    site: strapi.config.get('site'),
    api: strapi.config.get('api'),
    // What shapes answers: not when the plugin's cron runs, nor how long it caches its settings.
    plugin: (({ cron, settingsCacheMs, ...shaping }: Record<string, unknown>) => shaping)((strapi.config.get('plugin::reprint-attribution') ?? {}) as Record<string, unknown>),
    locales: newsroomLocales(),
  };
  return crypto.createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 20);
};

/** A write that changes what the public sees (types without draft & publish: every write). */
const changesPublished = (strapi: Core.Strapi, action: string, uid: string, params: any): boolean => {
  if (!WRITE_ACTIONS.has(action)) return false;
  const draftAndPublish = (strapi.contentTypes as any)[uid]?.options?.draftAndPublish !== false;
  if (!draftAndPublish) return true;
  if (action === 'publish' || action === 'unpublish' || action === 'delete') return true;
  return (action === 'create' || action === 'update' || action === 'clone') && params?.status === 'published';
};

export const registerReadModel = (strapi: Core.Strapi) => {
  const schema = (strapi.config.get('database.connection') as any)?.connection?.schema as string | undefined;
  let store: ReadModelStore | undefined;
  const storeOf = () => (store ??= createReadModelStore(strapi.db.connection as any, strapi.db.getSchemaName?.() ?? schema));
  const locales = () => newsroomLocales();
  const relations = indexRelations(strapi);
  // Two queues: the documents a write just changed (its request waits for them) before the sweep's.
  type Job = { uid: string; documentId: string; done: Array<() => void> };
  type Batch = { uid: string; locale: string; rows: StoredRow[] };
  const urgent = new Map<string, Job>();
  // The sweep's stale rows, rendered in batches after any urgent job.
  const batches: Batch[] = [];
  const queued = () => urgent.size + batches.length;
  let rebuilding = false;
  let running: Promise<void> | null = null;
  let lastSweepFull = false;
  // Renders run outside any request's or transaction's async context (a render started from a
  // writer's commit callback must not inherit its finished transaction or request).
  const root = new AsyncResource('read-model');
  let mounted = false;
  let stopped = false;
  let fingerprint = '';
  let handler: ((req: any, res: any) => void) | undefined;
  let sweepTimer: NodeJS.Timeout | undefined;
  let lastError = 0;

  const warn = (message: string) => {
    if (Date.now() - lastError < 10_000) return;
    lastError = Date.now();
    strapi.log.warn(`read model: ${message}`);
  };

  // --- rendering -----------------------------------------------------------------------------

  const dispatch = (req: any, res: any) => {
    markRenderRequest(req);
    handler ??= strapi.server.app.callback() as any;
    handler!(req, res);
  };
  const prefix = () => strapi.config.get('api.rest.prefix', '/api') as string;
  const get = async (url: string) => {
    const response = await inject(dispatch, { method: 'GET', url, headers: { host: 'localhost' } });
    return { status: response.statusCode, body: response.body };
  };

  /** `name[0]=a&name[1]=b` */
  const queryString = (name: string, values: string[]) => values.map((value, index) => `${name}[${index}]=${encodeURIComponent(value)}`).join('&');
  /** What a single read populates by default, as query parameters for a list (only the article's differs). */
  const detailQuery = (uid: string) => (uid === LIST_UID ? flattenQuery('populate', DEFAULT_ARTICLE_POPULATE) : '');
  /** A single read's body around its item: `{ data, meta: {} }`, as Strapi's transformResponse serialises it. */
  const detailBody = (data: unknown) => JSON.stringify({ data, meta: {} });

  const attributableTypes = () =>
    Object.keys(READ_MODEL_TYPES).filter((uid) =>
      Object.values((strapi.contentTypes as any)[uid]?.attributes ?? {}).some((attribute: any) => attribute.type === 'component' && attribute.component === 'attribution.reprint')
    );

  const linkedRelations = (uid: string) => Object.entries((strapi.contentTypes as any)[uid]?.attributes ?? {})
    .filter(([, attribute]: [string, any]) => attribute.type === 'relation')
    .map(([name]) => name);

  const renderRow = async (row: StoredRow) => {
    const plural = READ_MODEL_TYPES[row.uid];
    const locale = encodeURIComponent(row.locale);
    const detail = await get(`${prefix()}/${plural}/${row.documentId}?locale=${locale}`);
    if (detail.status === 404) {
      await storeOf().removeRow(row, fingerprint);
      return;
    }
    if (detail.status !== 200) throw new Error(`GET ${plural}/${row.documentId} (${row.locale}) answered ${detail.status}`);
    const data = JSON.parse(detail.body)?.data;
    if (!data || data.documentId !== row.documentId) throw new Error(`GET ${plural}/${row.documentId} (${row.locale}) answered another document`);
    let teaser: string | null = null;
    if (row.uid === LIST_UID) {
      const list = await get(`${prefix()}/${plural}?locale=${locale}&filters[documentId][$eq]=${encodeURIComponent(row.documentId)}`);
      if (list.status !== 200) throw new Error(`the list item of ${row.documentId} (${row.locale}) answered ${list.status}`);
      const items = JSON.parse(list.body)?.data;
      // Published in the detail read, gone from the list a moment later: a write in between, which marked the row.
      if (!Array.isArray(items) || items.length !== 1) return;
      teaser = JSON.stringify(items[0]);
    }
    await storeOf().storeRender(row, { detail: detail.body, teaser, ...columnsOf(data, linkedRelations(row.uid)) }, fingerprint);
  };

  /**
   * Renders many rows of one type and locale with two list requests instead of two reads per row
   * (a rebuild, a sweep): the detail of each is the list item with the single read's population
   * (`detailQuery`), wrapped as the single read wraps it. The first row of every batch is also
   * rendered alone and compared: if the two ever differ, the batch is rendered row by row and a
   * warning says so (tests/integration/read-model.test.ts compares every stored answer with
   * Strapi's own single read besides).
   */
  const renderBatch = async (uid: string, locale: string, rows: StoredRow[]) => {
    const plural = READ_MODEL_TYPES[uid];
    const ids = rows.map((row) => row.documentId);
    const base = `${prefix()}/${plural}?locale=${encodeURIComponent(locale)}&pagination[pageSize]=${ids.length}&${queryString('filters[documentId][$in]', ids)}`;
    const itemsOf = async (url: string) => {
      const response = await get(url);
      if (response.status !== 200) throw new Error(`GET ${url.slice(0, 120)}… answered ${response.status}`);
      const items: any[] = JSON.parse(response.body)?.data ?? [];
      return new Map(items.map((item) => [item.documentId as string, item]));
    };
    const population = detailQuery(uid);
    const details = await itemsOf(population ? `${base}&${population}` : base);
    const teasers = uid === LIST_UID ? await itemsOf(base) : undefined;

    const first = rows.find((row) => details.has(row.documentId));
    if (first) {
      const alone = await get(`${prefix()}/${plural}/${first.documentId}?locale=${encodeURIComponent(locale)}`);
      if (alone.status !== 200 || alone.body !== detailBody(details.get(first.documentId))) {
        warn(`a ${plural} list item with the single read's population differs from the single read (${first.documentId}, ${locale}); rendering row by row`);
        for (const row of rows) await renderRow(row);
        return;
      }
    }
    const results: Array<{ row: StoredRow; rendered: RenderedRow | null }> = [];
    const relationNames = linkedRelations(uid);
    for (const row of rows) {
      const data = details.get(row.documentId);
      // Not published in this locale (any more): the single read is a 404 too.
      if (!data) {
        results.push({ row, rendered: null });
        continue;
      }
      const teaser = teasers ? teasers.get(row.documentId) : null;
      if (teasers && !teaser) continue;
      results.push({ row, rendered: { detail: detailBody(data), teaser: teaser ? JSON.stringify(teaser) : null, ...columnsOf(data, relationNames) } });
    }
    // One transaction and one commit for the batch (a commit per row was most of a PostgreSQL rebuild).
    await storeOf().storeBatch(results, fingerprint);
  };

  const renderDocument = async (uid: string, documentId: string) => {
    for (const row of await storeOf().rowsOf(uid, documentId)) await renderRow(row);
  };

  const take = (): Job | undefined => {
    const first = urgent.entries().next();
    if (first.done) return undefined;
    urgent.delete(first.value[0]);
    return first.value[1];
  };

  const drain = async () => {
    while (!stopped) {
      const job = take();
      if (job) {
        try {
          await renderDocument(job.uid, job.documentId);
        } catch (error) {
          warn(`render of ${job.uid} ${job.documentId} failed; Strapi's path answers for it until a later sweep renders it: ${(error as Error)?.message}`);
        } finally {
          for (const resolve of job.done) resolve();
        }
        continue;
      }
      const batch = batches.shift();
      if (!batch) break;
      const began = Date.now();
      const requestsBefore = clientRequestsSeen();
      try {
        await renderBatch(batch.uid, batch.locale, batch.rows);
        // While clients send requests, background renders take at most about half of this
        // process's time: readers (whom Strapi's path answers meanwhile) are served between
        // batches. With no request during a batch, the next follows at once (a rebuild after an
        // import on a quiet server takes half the time). A write's own renders (above) do not wait.
        if (clientRequestsSeen() !== requestsBefore) await new Promise((resolve) => setTimeout(resolve, Math.min(Date.now() - began, 2000)));
      } catch (error) {
        // Not again at once: the next sweep (READ_MODEL_SWEEP_MS) tries again.
        lastSweepFull = false;
        batches.length = 0;
        warn(`render of ${batch.rows.length} ${batch.uid} rows (${batch.locale}) failed; Strapi's path answers for them until a later sweep renders them: ${(error as Error)?.message}`);
      }
    }
  };

  const kick = () => {
    if (running || !mounted || stopped) return;
    running = root.runInAsyncScope(() => asReadModelWork(() => drain())).finally(() => {
      running = null;
      if (stopped) {
        for (const job of urgent.values()) for (const resolve of job.done) resolve();
        urgent.clear();
        batches.length = 0;
        for (const resolve of idleWaiters.splice(0)) resolve();
        return;
      }
      if (queued() > 0) kick();
      else if (lastSweepFull) void sweep();
      else for (const resolve of idleWaiters.splice(0)) resolve();
    });
  };

  /** Queues renders of these documents; resolves when they are done (or dropped at shutdown). */
  const enqueue = (uid: string, documentIds: Iterable<string>): Promise<void> => {
    const promises: Array<Promise<void>> = [];
    for (const documentId of documentIds) {
      const key = `${uid}\u0000${documentId}`;
      const job = urgent.get(key) ?? { uid, documentId, done: [] };
      urgent.set(key, job);
      promises.push(new Promise<void>((resolve) => job.done.push(resolve)));
    }
    kick();
    return Promise.all(promises).then(() => undefined);
  };

  const idleWaiters: Array<() => void> = [];
  const idle = () =>
    new Promise<void>((resolve) => {
      if (!running && (queued() === 0 || !mounted || stopped)) resolve();
      else idleWaiters.push(resolve);
    });

  const sweep = () => root.runInAsyncScope(() => asReadModelWork(() => sweepNow()));
  const sweepNow = async () => {
    if (stopped || !mounted || running || rebuilding || queued() > 0) return;
    try {
      const found = (await storeOf().staleBatches(BATCH_SIZE, 4)).filter(({ uid }) => READ_MODEL_TYPES[uid]);
      lastSweepFull = found.length > 0;
      if (found.length === 0) {
        for (const resolve of idleWaiters.splice(0)) resolve();
        return;
      }
      batches.push(...found);
      kick();
    } catch (error) {
      lastSweepFull = false;
      warn(`sweep failed: ${(error as Error)?.message}`);
    }
  };

  // --- public role, default locale (cached briefly; see docs/architecture.md) ------------------

  const PERMISSION_TTL_MS = 1000;
  let publicActions: { at: number; actions: Promise<Set<string>> } | undefined;
  const publicCan = async (uid: string, action: string) => {
    if (!publicActions || Date.now() - publicActions.at > PERMISSION_TTL_MS) {
      const actions = strapi.db
        .query('plugin::users-permissions.permission' as never)
        .findMany({ where: { role: { type: 'public' } }, select: ['action'] } as never)
        .then((rows: any[]) => new Set(rows.map((row) => row.action as string)));
      publicActions = { at: Date.now(), actions };
      actions.catch(() => {
        publicActions = undefined;
      });
    }
    return (await publicActions.actions).has(`${uid}.${action}`);
  };
  const forgetPermissions = () => {
    publicActions = undefined;
  };

  let defaultLocaleCache: { at: number; value: Promise<string> } | undefined;
  const defaultLocale = () => {
    if (!defaultLocaleCache || Date.now() - defaultLocaleCache.at > PERMISSION_TTL_MS) {
      const value = strapi.plugin('i18n').service('locales').getDefaultLocale() as Promise<string>;
      defaultLocaleCache = { at: Date.now(), value };
      value.catch(() => {
        defaultLocaleCache = undefined;
      });
    }
    return defaultLocaleCache.value;
  };

  // --- invalidation ------------------------------------------------------------------------------

  /**
   * Marks every row (of these types), in the current transaction if there is one, and renders
   * them afterwards.
   */
  const markAll = async (uids?: readonly string[]) => {
    await strapi.db.transaction(async ({ trx, onCommit }) => {
      await storeOf().markAllStale(trx as any, uids);
      onCommit(() => {
        void sweep();
      });
    });
    forgetPermissions();
    defaultLocaleCache = undefined;
  };

  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    if (!READ_MODEL_TYPES[uid] || !changesPublished(strapi, action, uid, context.params)) return next();
    return strapi.db.transaction(async ({ trx, onCommit }) => {
      const documentId = (context.params as { documentId?: unknown })?.documentId;
      // Read before the write: an unpublish or a delete removes the links that name the referrers.
      const referring = typeof documentId === 'string' ? await referringDocuments(strapi, relations, uid, documentId) : [];
      const result: any = await next();
      const own = new Set<string>();
      if (typeof documentId === 'string') own.add(documentId);
      if (typeof result?.documentId === 'string') own.add(result.documentId);
      for (const entry of [result?.entries ?? []].flat()) if (typeof entry?.documentId === 'string') own.add(entry.documentId);
      await storeOf().markStale(trx as any, uid, [...own], locales());
      const referrers = new Map<string, string[]>();
      for (const { uid: referrer, documentId: id } of referring) if (READ_MODEL_TYPES[referrer]) referrers.set(referrer, [...(referrers.get(referrer) ?? []), id]);
      for (const [referrer, ids] of referrers) await storeOf().markStale(trx as any, referrer, ids, locales());
      const ctx: any = strapi.requestContext.get();
      onCommit(() => {
        const done = Promise.all([enqueue(uid, own), ...[...referrers].map(([referrer, ids]) => enqueue(referrer, ids))]);
        // The writer's response waits for these renders (bounded: src/middlewares/read-model.ts).
        if (ctx?.state) (ctx.state.readModelRenders ??= []).push(done);
      });
      return result;
    });
  });

  strapi.eventHub.on(SETTINGS_EVENT, async () => {
    // The credit line and JSON-LD are the attribution's: only types carrying its component change.
    await markAll(attributableTypes()).catch((error) => warn(`marking after a settings change failed: ${(error as Error)?.message}`));
  });

  // Routes are mounted when the server listens (or a script mounts them): renders wait for that.
  const server: any = strapi.server;
  const mount = server.mount.bind(server);
  server.mount = (...args: unknown[]) => {
    const result = mount(...args);
    mounted = true;
    kick();
    void sweep();
    return result;
  };

  const readModel: ReadModel = {
    get store() {
      return storeOf();
    },
    get fingerprint() {
      return fingerprint;
    },
    serving: readModelEnabled(process.env),
    rebuild: (options = {}) => renderNow(options, true),
    async markWritten(uid, documentIds) {
      if (!READ_MODEL_TYPES[uid] || documentIds.length === 0) return;
      await strapi.db.transaction(async ({ trx, onCommit }) => {
        await storeOf().markStale(trx as any, uid, documentIds, locales());
        onCommit(() => {
          void sweep();
        });
      });
    },
    catchUp: (options = {}) => renderNow(options, false),
    idle,
    publicCan,
    defaultLocale,
  };

  /** Renders now, in this process, every row (rebuild) or the stale ones (catchUp); sweeps wait. */
  const renderNow = async (options: RenderOptions, fromScratch: boolean) => {
    const started = Date.now();
    // Before mounting: the mount's first sweep must not take rows this render is about to.
    rebuilding = true;
    try {
      if (!mounted) server.mount();
      return await asReadModelWork(() => rebuildNow(started, options, fromScratch));
    } finally {
      rebuilding = false;
    }
  };

  const rebuildNow = async (started: number, options: RenderOptions, fromScratch: boolean) => {
    if (fromScratch) await reset();
    const share = options.plan ? options.plan((await storeOf().counts()).stale) : options.share;
    await renderStale(share, options.onProgress);
    if (options.join) {
      // The other processes' shares: once they are done, whatever they left (a failed helper's
      // rows) is rendered here, still with the sweeps held back.
      await options.join();
      await renderStale(undefined, options.onProgress);
    }
    const { rows } = await storeOf().counts();
    return { rows, seconds: (Date.now() - started) / 1000 };
  };

  /** Renders the stale rows (of `share`) until none is left. */
  const renderStale = async (share: Share | undefined, onProgress: RenderOptions['onProgress']) => {
    const total = (await storeOf().counts(share)).stale;
    let done = 0;
    let left = total;
    while (left > 0) {
      const pending = await storeOf().staleBatches(BATCH_SIZE, 40, share);
      const lane = async () => {
        for (let batch = pending.shift(); batch; batch = pending.shift()) {
          try {
            await renderBatch(batch.uid, batch.locale, batch.rows);
          } catch (error) {
            pending.length = 0;
            throw new Error(`read model: ${batch.uid} (${batch.locale}): ${(error as Error)?.message}`);
          }
          done += batch.rows.length;
          onProgress?.(Math.min(done, total), total);
        }
      };
      await Promise.all(Array.from({ length: renderLanes(strapi) }, lane));
      const now = (await storeOf().counts(share)).stale;
      // A row a pass could not render (a write marked it meanwhile, or its list item is missing) is
      // tried again; a pass that renders nothing means something is wrong with those rows.
      if (now >= left) throw new Error(`read model: ${now} row(s) could not be rendered; Strapi's path answers for them`);
      left = now;
    }
  };


  /** Marks everything and (re)creates a row for every published document and locale: one transaction. */
  const reset = async () => {
    await strapi.db.transaction(async ({ trx }) => {
      await storeOf().setFingerprint(trx as any, fingerprint);
      await storeOf().markAllStale(trx as any);
      for (const uid of Object.keys(READ_MODEL_TYPES)) {
        const tableName = (strapi.db.metadata.get(uid as never) as any).tableName as string;
        const pairs = await storeOf().publishedPairs(trx as any, tableName);
        const byLocale = new Map<string, string[]>();
        for (const { documentId, locale } of pairs) byLocale.set(locale, [...(byLocale.get(locale) ?? []), documentId]);
        for (const [locale, ids] of byLocale) await storeOf().markStale(trx as any, uid, ids, [locale]);
      }
    });
  };

  strapi.add(CONTAINER_NAME, () => readModel);

  return {
    async bootstrap() {
      await storeOf().ensureTables();
      fingerprint = fingerprintOf(strapi);
      // Changes no document write carries: media files (their URL, alternative text, formats),
      // locales. The default locale is a core-store value: its setter is wrapped below.
      const flushing = ['plugin::upload.file', 'plugin::i18n.locale'].filter((uid) => strapi.db.metadata.has(uid));
      const onChange = () => markAll();
      strapi.db.lifecycles.subscribe({
        models: flushing,
        afterUpdate: onChange,
        afterUpdateMany: onChange,
        afterDelete: onChange,
        afterDeleteMany: onChange,
      } as any);
      strapi.db.lifecycles.subscribe({
        models: ['plugin::i18n.locale'].filter((uid) => strapi.db.metadata.has(uid)),
        afterCreate: onChange,
      } as any);
      strapi.db.lifecycles.subscribe({
        models: ['plugin::users-permissions.permission', 'plugin::users-permissions.role'].filter((uid) => strapi.db.metadata.has(uid)),
        afterCreate: forgetPermissions,
        afterUpdate: forgetPermissions,
        afterDelete: forgetPermissions,
        afterCreateMany: forgetPermissions,
        afterUpdateMany: forgetPermissions,
        afterDeleteMany: forgetPermissions,
      } as any);
      const localesService = strapi.plugin('i18n')?.service('locales');
      if (localesService?.setDefaultLocale) {
        const setDefaultLocale = localesService.setDefaultLocale.bind(localesService);
        localesService.setDefaultLocale = async (...args: unknown[]) => {
          const result = await setDefaultLocale(...args);
          await markAll();
          return result;
        };
      }
      if ((await storeOf().fingerprint()) !== fingerprint) {
        strapi.log.info('read model: new code or configuration (or a first start): every published document is rendered again in the background; Strapi answers for each until it is');
        await reset();
      }
      const sweepMs = Number(process.env.READ_MODEL_SWEEP_MS) > 0 ? Number(process.env.READ_MODEL_SWEEP_MS) : 2000;
      sweepTimer = setInterval(() => void sweep(), sweepMs);
      sweepTimer.unref();
    },
    async destroy() {
      if (sweepTimer) clearInterval(sweepTimer);
      stopped = true;
      if (running) await running;
      store?.close();
    },
  };
};

