import crypto from 'node:crypto';

import Redis from 'ioredis';

import { redisKeyPrefix } from '../../src/response-cache';
import { createRedisStore } from '../../src/response-cache/redis-store';
import { documentTag } from '../../src/response-cache/types';
import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, INSTITUTION_UID, SOURCE_UID, documents, paragraph } from '../helpers/fixtures';
import { countQueries } from '../helpers/query-counter';
import { dropRedisKeys, startTestApp, type TestApp } from '../helpers/strapi';
import { isReadModelWork } from '../../src/read-model/render-flag';

/**
 * The response cache must never show a reader stale content once a write has returned, whichever
 * client wrote (REST, GraphQL, the admin's settings API, code) and whatever changed (the article in
 * any locale, its source, an institution it shows, the credit-line template). Run once with the
 * memory store and once with Redis (the one on this machine; CI starts it when it is down).
 */
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';

const stores: Array<[string, Record<string, string>]> = [
  ['memory', { RESPONSE_CACHE_ENABLED: 'true', REDIS_URL: '' }],
  ['redis', { RESPONSE_CACHE_ENABLED: 'true', REDIS_URL, RESPONSE_CACHE_PREFIX: `newsroom-test:${crypto.randomBytes(4).toString('hex')}:` }],
];

describe.each(stores)('response cache (%s)', (kind, env) => {
  let app: TestApp;
  let auth: Record<string, string>;
  let documentId: string;
  let sourceId: string;
  let institutionId: string;
  let urls: Record<'bySlug' | 'one' | 'list', string>;

  const get = (url: string) => app.http().get(url);
  const publishedArticle = async (locale: string) =>
    documents(app.strapi, ARTICLE_UID).findFirst({ locale, status: 'published', filters: { key: REFERENCE } });

  /**
   * Requests `url` until it is served from the cache, and returns that hit. On PostgreSQL with
   * Redis an entry computed while any transaction runs on the database server (the read model's
   * renders after a template change, another database's import) is not served: the freshness
   * check is conservative then (docs/operations.md, "The response cache"), and a repeat is a
   * MISS. What these tests check is invalidation, not that: the warm-up waits for the renders and
   * tries again (at most 5 s) until the entry is a hit.
   */
  const warm = async (url: string) => {
    await (app.strapi.get('readModel') as { idle: () => Promise<void> }).idle();
    const until = Date.now() + 5000;
    for (;;) {
      const first = await get(url);
      expect(first.status).toBe(200);
      const hit = await get(url);
      if (hit.headers['x-cache'] === 'HIT' || Date.now() > until) {
        expect(hit.headers['x-cache']).toBe('HIT');
        return hit;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const warmAll = async () => Promise.all(Object.values(urls).map(warm));

  beforeAll(async () => {
    app = await startTestApp(env);
    // Listening once (supertest would otherwise open and close a server per request), so that
    // concurrent readers share it.
    await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    await seed(app.strapi);
    auth = { Authorization: `Bearer ${await app.adminToken()}` };
    const en = await publishedArticle('en');
    documentId = en.documentId;
    sourceId = (await documents(app.strapi, SOURCE_UID).findFirst({ filters: { key: 'china-news-network-liaoning' } })).documentId;
    institutionId = (await documents(app.strapi, INSTITUTION_UID).findFirst({ filters: { key: 'liaoning-university' } })).documentId;
    urls = {
      bySlug: `/api/articles/slug/${en.slug}?locale=en`,
      one: `/api/articles/${documentId}?locale=en`,
      list: '/api/articles?locale=en&pagination[pageSize]=25',
    };
  });

  afterAll(async () => {
    if (kind === 'redis' && app) await dropRedisKeys(app, REDIS_URL);
    await app?.stop();
  });

  it(`uses the ${kind} store`, () => {
    // Redis keys carry the configuration's fingerprint: an instance restarted with other addresses
    // never serves what was stored with the old ones.
    const site = app.strapi.config.get('site') as Record<string, unknown>;
    const before = redisKeyPrefix(app.strapi);
    app.strapi.config.set('site', { ...site, siteUrl: 'https://elsewhere.example' });
    expect(redisKeyPrefix(app.strapi)).not.toBe(before);
    app.strapi.config.set('site', site);
    expect(redisKeyPrefix(app.strapi)).toBe(before);
    expect((app.strapi.get('responseCache') as any).store.kind).toBe(kind);
  });

  it('serves a repeated public read from the cache: same bytes, same headers, no query, 304 on a match', async () => {
    // The instance has read the invalidation log just now: it may store and serve for the bound
    // (2 s) from here, however late a loaded machine runs its timer.
    await (app.strapi.get('responseCache') as any).poll();
    const miss = await get(urls.list);
    expect(miss.headers['x-cache']).toBe('MISS');
    const hit = await get(urls.list);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.text).toBe(miss.text);
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.headers['cache-control']).toBe(miss.headers['cache-control']);
    // Headers the outer middlewares set are still there on a hit.
    expect(hit.headers['x-powered-by']).toBe(miss.headers['x-powered-by']);
    expect(hit.headers['content-security-policy']).toBe(miss.headers['content-security-policy']);

    const connection = app.strapi.db.connection as any;
    const queries: string[] = [];
    // The instance's background work may run beside the hit: the read model's renders and the
    // reads of the invalidation log (src/response-cache/invalidations.ts). They are marked, but on
    // PostgreSQL a pooled connection handed over between two callers can carry the other's async
    // context, so they are also told apart by the tables they read. None of them is the hit's.
    const background = /\b(read_model_\w+|response_cache_invalidations)\b/;
    const listener = (query: { sql: string }) => {
      if (!isReadModelWork() && !background.test(query.sql)) queries.push(query.sql);
    };
    connection.on('query', listener);
    await get(urls.list);
    connection.off('query', listener);
    expect(queries).toEqual([]);

    const notModified = await get(urls.list).set('If-None-Match', hit.headers.etag);
    expect(notModified.status).toBe(304);
    expect(notModified.headers['x-cache']).toBe('HIT');
  });

  it('never caches an authenticated read, nor an error', async () => {
    await warm(urls.list);
    const withToken = await get(urls.list).set(auth);
    expect(withToken.status).toBe(200);
    expect(withToken.headers['x-cache']).toBeUndefined();
    const draft = await get(`${urls.one}&status=draft`).set(auth);
    expect(draft.status).toBe(200);
    expect(draft.headers['x-cache']).toBeUndefined();

    // The v4 response shape is asked for with a header the key does not hold.
    const v4 = await get(urls.list).set('Strapi-Response-Format', 'v4');
    expect(v4.status).toBe(200);
    expect(v4.headers['x-cache']).toBeUndefined();
    expect(v4.body.data[0].attributes).toBeDefined();
    expect((await get(urls.list)).body.data[0].attributes).toBeUndefined();

    for (let i = 0; i < 2; i += 1) {
      const missing = await get('/api/articles/slug/no-such-article?locale=en');
      expect(missing.status).toBe(404);
      expect(missing.headers['x-cache']).toBe('MISS');
    }
  });

  it('never stores a route that opts out (global::no-response-cache), under a cached path', async () => {
    // The test fixture's two probes under /api/sources/: identical but for the opt-out.
    const first = await get('/api/sources/probe/cached');
    expect(first.status).toBe(200);
    const again = await get('/api/sources/probe/cached');
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.body.data.at).toBe(first.body.data.at);

    const answers = [await get('/api/sources/probe/uncached'), await get('/api/sources/probe/uncached')];
    expect(answers.map((res) => [res.status, res.headers['x-cache']])).toEqual([
      [200, 'MISS'],
      [200, 'MISS'],
    ]);
    expect(answers[1].body.data.at).not.toBe(answers[0].body.data.at);
  });

  it('shows a REST update at once, in every cached response that contains the article', async () => {
    await warmAll();
    const res = await app.http().put(`/api/articles/${documentId}?locale=en`).set(auth).send({ data: { summary: 'Updated over REST' } });
    expect(res.status).toBe(200);
    for (const url of [urls.bySlug, urls.one]) expect((await get(url)).body.data.summary).toBe('Updated over REST');
    const listed = (await get(urls.list)).body.data.find((item: any) => item.documentId === documentId);
    expect(listed.summary).toBe('Updated over REST');
  });

  it('shows a GraphQL update at once', async () => {
    await warmAll();
    const res = await app
      .http()
      .post('/graphql')
      .set(auth)
      .send({
        query: 'mutation($id: ID!) { updateArticle(documentId: $id, locale: "en", status: PUBLISHED, data: { summary: "Updated over GraphQL" }) { summary } }',
        variables: { id: documentId },
      });
    expect(res.body.errors).toBeUndefined();
    expect((await get(urls.bySlug)).body.data.summary).toBe('Updated over GraphQL');
    expect((await get(urls.list)).body.data.find((item: any) => item.documentId === documentId).summary).toBe('Updated over GraphQL');
  });

  it('shows a change made in another locale (the language links) at once', async () => {
    await warmAll();
    const articles = documents(app.strapi, ARTICLE_UID);
    await articles.update({ documentId, locale: 'ru', data: { slug: 'novyi-adres-seminara' } });
    await articles.publish({ documentId, locale: 'ru' });
    for (const url of [urls.bySlug, urls.one]) {
      const ru = (await get(url)).body.data.localizations.find((link: any) => link.locale === 'ru');
      expect(ru.slug).toBe('novyi-adres-seminara');
    }
  });

  it('drops an unpublished article at once, and shows it again when republished', async () => {
    await warmAll();
    const articles = documents(app.strapi, ARTICLE_UID);
    await articles.unpublish({ documentId, locale: 'en' });
    expect((await get(urls.bySlug)).status).toBe(404);
    expect((await get(urls.one)).status).toBe(404);
    expect((await get(urls.list)).body.data.map((item: any) => item.documentId)).not.toContain(documentId);

    await warm(urls.list);
    await articles.publish({ documentId, locale: 'en' });
    expect((await get(urls.bySlug)).status).toBe(200);
    expect((await get(urls.list)).body.data.map((item: any) => item.documentId)).toContain(documentId);
  });

  it('shows a renamed source and institution at once in the articles that show them', async () => {
    await warmAll();
    const sources = documents(app.strapi, SOURCE_UID);
    await sources.update({ documentId: sourceId, locale: 'en', data: { name: 'China News Network (Liaoning)' } });
    await sources.publish({ documentId: sourceId, locale: 'en' });
    for (const url of [urls.bySlug, urls.one]) {
      const { data } = (await get(url)).body;
      expect(data.source.name).toBe('China News Network (Liaoning)');
      expect(data.attribution.creditLine).toContain('China News Network (Liaoning)');
    }

    // A list item shows institutions when the client asks for them (lean lists leave them out).
    const listWithInstitutions = `${urls.list}&populate[institutions]=true`;
    await warmAll();
    await warm(listWithInstitutions);
    const institutions = documents(app.strapi, INSTITUTION_UID);
    await institutions.update({ documentId: institutionId, locale: 'en', data: { name: 'Liaoning University (renamed)' } });
    await institutions.publish({ documentId: institutionId, locale: 'en' });
    const names = (await get(urls.bySlug)).body.data.institutions.map((item: any) => item.name);
    expect(names).toContain('Liaoning University (renamed)');
    const listed = (await get(listWithInstitutions)).body.data.find((item: any) => item.documentId === documentId);
    expect(listed.institutions.map((item: any) => item.name)).toContain('Liaoning University (renamed)');
  });

  it("shows a renamed source at once where only the credit line shows it", async () => {
    // Neither response carries the source's id: the attribution route, and an article read
    // whose client left the source out of the population. Both credit lines name the source.
    const attributionUrl = `/api/reprint-attribution/article/${documentId}?locale=en`;
    const narrowUrl = `/api/articles/${documentId}?locale=en&fields[0]=title&populate[reprint]=true`;
    for (const url of [attributionUrl, narrowUrl]) {
      const hit = await warm(url);
      expect(hit.text).not.toContain(sourceId);
    }
    const sources = documents(app.strapi, SOURCE_UID);
    await sources.update({ documentId: sourceId, locale: 'en', data: { name: 'CNS Liaoning Channel' } });
    await sources.publish({ documentId: sourceId, locale: 'en' });
    expect((await get(attributionUrl)).body.data.creditLine).toContain('CNS Liaoning Channel');
    expect((await get(narrowUrl)).body.data.attribution.creditLine).toContain('CNS Liaoning Channel');
  });

  it('shows a new credit-line template at once', async () => {
    await warmAll();
    const admin = await adminLogin(app);
    const saved = await app.http().put('/reprint-attribution/settings').set(admin).send({ templates: { en: 'Reprinted from {sourceName}: "{originalTitle}"' } });
    expect(saved.status).toBe(200);
    expect((await get(urls.bySlug)).body.data.attribution.creditLine).toMatch(/^Reprinted from /);
    const listed = (await get(urls.list)).body.data.find((item: any) => item.documentId === documentId);
    expect(listed.attribution.creditLine).toMatch(/^Reprinted from /);
    await app.http().put('/reprint-attribution/settings').set(admin).send({ templates: { en: null } });
    expect((await get(urls.bySlug)).body.data.attribution.creditLine).toMatch(/^Originally published by/);
  });

  it('drops a created-then-deleted article from lists at once', async () => {
    await warm(urls.list);
    const created = await app
      .http()
      .post('/api/articles?locale=en')
      .set(auth)
      .send({ data: { title: 'Cache test article', date: '2099-01-01', section: 'news', body: paragraph('Body') } });
    expect(created.status).toBe(201);
    const id = created.body.data.documentId;
    expect((await get(urls.list)).body.data[0].documentId).toBe(id);
    await warm(`/api/articles/${id}?locale=en`);

    const deleted = await app.http().delete(`/api/articles/${id}?locale=en`).set(auth);
    expect(deleted.status).toBe(204);
    expect((await get(`/api/articles/${id}?locale=en`)).status).toBe(404);
    expect((await get(urls.list)).body.data.map((item: any) => item.documentId)).not.toContain(id);
  });

  it('never serves a stale read after a write returns, while other readers fill the cache', async () => {
    let running = true;
    const readers = Array.from({ length: 6 }, async (_, i) => {
      while (running) await get(i % 2 ? urls.list : urls.bySlug);
    });
    try {
      for (let round = 1; round <= 4; round += 1) {
        const summary = `Concurrent edit ${round}`;
        const res = await app.http().put(`/api/articles/${documentId}?locale=en`).set(auth).send({ data: { summary } });
        expect(res.status).toBe(200);
        for (let check = 0; check < 3; check += 1) {
          const [one, list] = await Promise.all([get(urls.bySlug), get(urls.list)]);
          expect(one.body.data.summary).toBe(summary);
          expect(list.body.data.find((item: any) => item.documentId === documentId).summary).toBe(summary);
        }
      }
    } finally {
      running = false;
      await Promise.all(readers);
    }
  });

  it('does not store a response computed from data older than a write that returned meanwhile', async () => {
    // Hold a reader after it has read the list from the database, write, then let it finish:
    // its (old) response must not be stored, or every later reader would see the old list.
    // Strapi's path computes it (the read model, which would answer the list, never holds a
    // reader: its rows are marked in the writer's transaction; tests/integration/read-model.test.ts).
    const readModel = app.strapi.get('readModel') as { serving: boolean };
    readModel.serving = false;
    try {
      await readerRacesWriter();
    } finally {
      readModel.serving = true;
    }
  });

  const readerRacesWriter = async () => {
    let release!: () => void;
    let paused!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reachedGate = new Promise<void>((resolve) => (paused = resolve));
    let armed = true;
    app.strapi.documents.use(async (context: any, next: any) => {
      const result = await next();
      if (armed && context.action === 'findMany' && context.uid === ARTICLE_UID) {
        armed = false;
        paused();
        await gate;
      }
      return result;
    });
    const url = `${urls.list}&pagination[page]=1`;
    const slowReader = get(url).then((response) => response); // supertest sends on then()
    await reachedGate;
    const res = await app.http().put(`/api/articles/${documentId}?locale=en`).set(auth).send({ data: { summary: 'Written while a reader was busy' } });
    expect(res.status).toBe(200);
    release();
    const old = await slowReader;
    expect(old.body.data.find((item: any) => item.documentId === documentId).summary).not.toBe('Written while a reader was busy');
    const fresh = await get(url);
    expect(fresh.body.data.find((item: any) => item.documentId === documentId).summary).toBe('Written while a reader was busy');
  };

  it('measures the uncached path in query counts (the helper empties the cache)', async () => {
    await warm(urls.one);
    expect(await countQueries(app.strapi, () => get(urls.one))).toBeGreaterThan(0);
  });

  if (kind === 'redis') {
    it('is shared: an invalidation by another instance is seen here, and entries live in Redis', async () => {
      await warm(urls.bySlug);
      const prefix = redisKeyPrefix(app.strapi);
      const other = createRedisStore({ url: REDIS_URL, prefix });
      try {
        expect(await other.ready(3000)).toBe(true);
        expect(await other.size()).toBeGreaterThan(0);
        await other.invalidate([documentTag(documentId)]);
        expect((await get(urls.bySlug)).headers['x-cache']).toBe('MISS');
      } finally {
        await other.close();
      }
    });
  }
});

describe('response cache with Redis unreachable', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'true', REDIS_URL: 'redis://127.0.0.1:1' });
    await seed(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('serves every read uncached instead of failing, and writes still succeed', async () => {
    for (let i = 0; i < 2; i += 1) {
      const res = await app.http().get('/api/articles?locale=en');
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
      expect(res.headers['x-cache']).toBe('MISS');
    }
    const token = await app.adminToken();
    const { documentId } = (await app.http().get('/api/articles?locale=en')).body.data[0];
    const res = await app.http().put(`/api/articles/${documentId}?locale=en`).set('Authorization', `Bearer ${token}`).send({ data: { summary: 'Written while Redis is down' } });
    expect(res.status).toBe(200);
    expect((await app.http().get(`/api/articles/${documentId}?locale=en`)).body.data.summary).toBe('Written while Redis is down');
  });
});
