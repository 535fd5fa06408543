import crypto from 'node:crypto';

import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, SOURCE_UID, documents, paragraph } from '../helpers/fixtures';
import { isReadModelWork } from '../../src/read-model/render-flag';
import { dropRedisKeys, startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Anonymous GraphQL queries sent by GET are cached like REST reads (#15; docs/api.md, "Caching
 * GraphQL reads"): a repeat is a hit with no query run, every write empties them, only what
 * Apollo would answer with 200 and no error is kept, and nothing is served to a request Apollo
 * would refuse (its CSRF prevention) or that carries credentials. With the memory store and Redis.
 */
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

const LIST = 'query($locale: I18NLocaleCode) { articles(locale: $locale, sort: "date:desc") { documentId title slug source { name } attribution } }';

/** The URL of a GET GraphQL request (docs/api.md: the query and variables URL-encoded). */
const graphqlUrl = (params: { query?: string; variables?: unknown; extensions?: unknown }) => {
  const search = new URLSearchParams();
  if (params.query) search.set('query', params.query);
  if (params.variables) search.set('variables', JSON.stringify(params.variables));
  if (params.extensions) search.set('extensions', JSON.stringify(params.extensions));
  return `/graphql?${search.toString()}`;
};

const stores: Array<[string, Record<string, string>]> = [
  ['memory', { RESPONSE_CACHE_ENABLED: 'true', REDIS_URL: '' }],
  ['redis', { RESPONSE_CACHE_ENABLED: 'true', REDIS_URL, RESPONSE_CACHE_PREFIX: `newsroom-test:${crypto.randomBytes(4).toString('hex')}:` }],
];

describe.each(stores)('GraphQL GET cache (%s)', (kind, env) => {
  let app: TestApp;
  let documentId: string;
  let slug: string;
  const listUrl = graphqlUrl({ query: LIST, variables: { locale: 'en' } });

  const get = (url: string, headers: Record<string, string> = PREFLIGHT) => app.http().get(url).set(headers);
  const titleIn = (body: any) => body.data.articles.find((item: any) => item.documentId === documentId)?.title;
  /**
   * The URL's answer, stored and then served from the cache. With Redis on PostgreSQL, an entry
   * computed while any transaction runs on the server (the read model's renders of what a write
   * changed) is not served: the freshness check is conservative then (docs/operations.md, "The
   * response cache"), and a repeat is a MISS. What these tests check is invalidation, not that:
   * this waits for the renders and tries again (at most 5 s) until the entry is a hit
   * (tests/integration/response-cache.test.ts does the same).
   */
  const warm = async (url: string) => {
    await (app.strapi.get('readModel') as { idle: () => Promise<void> }).idle();
    const until = Date.now() + 5000;
    for (;;) {
      await get(url);
      const hit = await get(url);
      if (hit.headers['x-cache'] === 'HIT' || Date.now() > until) {
        expect(hit.headers['x-cache']).toBe('HIT');
        return hit;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    app = await startTestApp(env);
    await seed(app.strapi);
    const en = await documents(app.strapi, ARTICLE_UID).findFirst({ locale: 'en', status: 'published', filters: { key: REFERENCE } });
    documentId = en.documentId;
    slug = en.slug;
  });

  afterAll(async () => {
    if (kind === 'redis' && app) await dropRedisKeys(app, REDIS_URL);
    await app?.stop();
  });

  it('answers a repeated GET query from the cache: same bytes and headers as the miss, no SQL, 304 on a match', async () => {
    const miss = await get(listUrl);
    expect(miss.status).toBe(200);
    expect(miss.headers['x-cache']).toBe('MISS');
    expect(miss.body.errors).toBeUndefined();
    expect(titleIn(miss.body)).toEqual(expect.any(String));
    // The same answer as the POST a site sends today.
    const posted = await app.http().post('/graphql').send({ query: LIST, variables: { locale: 'en' } });
    expect(posted.body).toEqual(miss.body);

    // The statements on the content's tables the hit runs (countQueries would empty the cache
    // first). Work beside any request is not the hit's: the cache's poll of its invalidations,
    // and the read model's renders of what the seed wrote (waited for, and left out as countQueries does).
    await (app.strapi.get('readModel') as { idle: () => Promise<void> }).idle();
    let count = 0;
    const listener = (query: { sql?: string }) => {
      if (isReadModelWork()) return;
      if (/\b(articles|sources|institutions)\b/.test(query?.sql ?? '')) count += 1;
    };
    // A repeat computed while a transaction ran on the server is a MISS with Redis on PostgreSQL
    // (see warm): the entry is stored again, and the next repeat is the hit (5 s at most).
    const until = Date.now() + 5000;
    let hit: Awaited<ReturnType<typeof get>>;
    for (;;) {
      count = 0;
      app.strapi.db.connection.on('query', listener);
      hit = await get(listUrl);
      app.strapi.db.connection.off('query', listener);
      if (hit.headers['x-cache'] === 'HIT' || Date.now() > until) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(hit.status).toBe(200);
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(count).toBe(0);
    expect(hit.text).toBe(miss.text);
    expect(hit.headers['content-type']).toBe(miss.headers['content-type']);
    expect(hit.headers.etag).toBe(miss.headers.etag);
    expect(hit.headers['cache-control']).toBe(miss.headers['cache-control']);

    const notModified = await get(listUrl, { ...PREFLIGHT, 'If-None-Match': hit.headers.etag });
    expect(notModified.status).toBe(304);
  });

  it('keeps the media types apart: a client asking for application/graphql-response+json gets it, hit or miss', async () => {
    // No render of an earlier test's writes beside it (see warm).
    await (app.strapi.get('readModel') as { idle: () => Promise<void> }).idle();
    const accept = { ...PREFLIGHT, Accept: 'application/graphql-response+json' };
    const first = await get(listUrl, accept);
    expect(first.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    const second = await get(listUrl, accept);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.headers['content-type']).toMatch(/^application\/graphql-response\+json/);
    expect((await get(listUrl)).headers['content-type']).toMatch(/^application\/json/);
    // And says so to shared caches (a CDN in front of a site), on the miss and on the hit.
    for (const res of [first, second]) expect(res.headers.vary).toMatch(/\bAccept\b(?!-)/);
  });

  it('never answers from the cache a request Apollo refuses as a possible CSRF, nor one with credentials', async () => {
    await warm(listUrl);

    // No preflight header, no content type: Apollo's 400, cached URL or not.
    const refused = await get(listUrl, {});
    expect(refused.status).toBe(400);
    expect(refused.headers['x-cache']).toBeUndefined();
    expect(refused.text).toMatch(/CSRF/);
    const simpleType = await get(listUrl, { 'Content-Type': 'text/plain' });
    expect(simpleType.status).toBe(400);
    // A non-simple content type is Apollo's other way through.
    expect((await get(listUrl, { 'Content-Type': 'application/json' })).headers['x-cache']).toBe('HIT');

    const token = await app.adminToken();
    const authenticated = await get(listUrl, { ...PREFLIGHT, Authorization: `Bearer ${token}` });
    expect(authenticated.status).toBe(200);
    expect(authenticated.headers['x-cache']).toBeUndefined();
  });

  it('shows a write at once: an article published, a source renamed, a credit-line template changed', async () => {
    const articles = documents(app.strapi, ARTICLE_UID);
    await warm(listUrl);
    await articles.update({ documentId, locale: 'en', data: { title: 'Retitled for the GraphQL cache' } });
    // A draft change shows nothing new...
    const draftOnly = await get(listUrl);
    expect(titleIn(draftOnly.body)).not.toBe('Retitled for the GraphQL cache');
    await articles.publish({ documentId, locale: 'en' });
    // ...its publication shows at once.
    const published = await get(listUrl);
    expect(published.headers['x-cache']).toBe('MISS');
    expect(titleIn(published.body)).toBe('Retitled for the GraphQL cache');

    await warm(listUrl);
    expect(published.body.data.articles.find((item: any) => item.documentId === documentId).source.name).toEqual(expect.any(String));
    const source = await documents(app.strapi, SOURCE_UID).findFirst({ locale: 'en', filters: { key: 'china-news-network-liaoning' } });
    await documents(app.strapi, SOURCE_UID).update({ documentId: source.documentId, locale: 'en', data: { name: 'CNS Liaoning (GraphQL cache)' } });
    await documents(app.strapi, SOURCE_UID).publish({ documentId: source.documentId, locale: 'en' });
    const renamed = (await get(listUrl)).body.data.articles.find((item: any) => item.documentId === documentId);
    expect(renamed.source.name).toBe('CNS Liaoning (GraphQL cache)');
    expect(renamed.attribution.creditLine).toContain('CNS Liaoning (GraphQL cache)');

    await warm(listUrl);
    const admin = await adminLogin(app);
    const saved = await app.http().put('/reprint-attribution/settings').set(admin).send({ templates: { en: 'Reprinted from {sourceName}: "{originalTitle}"' } });
    expect(saved.status).toBe(200);
    const templated = (await get(listUrl)).body.data.articles.find((item: any) => item.documentId === documentId);
    expect(templated.attribution.creditLine).toMatch(/^Reprinted from /);
    await app.http().put('/reprint-attribution/settings').set(admin).send({ templates: { en: null } });
    expect((await get(listUrl)).body.data.articles.find((item: any) => item.documentId === documentId).attribution.creditLine).toMatch(/^Originally published by/);
  });

  it('drops an unpublished article at once and never shows a draft-only one', async () => {
    const articles = documents(app.strapi, ARTICLE_UID);
    const draft = await articles.create({
      locale: 'en',
      data: { title: 'A draft no reader may see', summary: 'Draft summary', body: paragraph('Draft body'), date: '2025-12-01', section: 'news' },
    });
    await get(listUrl);
    await articles.unpublish({ documentId, locale: 'en' });
    for (let i = 0; i < 2; i += 1) {
      const res = await get(listUrl);
      const ids = res.body.data.articles.map((item: any) => item.documentId);
      expect(ids).not.toContain(documentId);
      expect(ids).not.toContain(draft.documentId);
    }
    // Asking for drafts anonymously shows none of them, and is not cached as if it had.
    const drafts = graphqlUrl({ query: '{ articles(status: DRAFT) { documentId title } }' });
    for (let i = 0; i < 2; i += 1) expect((await get(drafts)).text).not.toContain('A draft no reader may see');
    await articles.publish({ documentId, locale: 'en' });
    expect((await get(listUrl)).body.data.articles.map((item: any) => item.documentId)).toContain(documentId);
  });

  it('stores no answer with an error: an unknown field, a closed query, a mutation sent by GET', async () => {
    const unknownField = graphqlUrl({ query: '{ articles { documentId noSuchField } }' });
    const closed = graphqlUrl({ query: '{ i18NLocales { code } }' });
    for (const url of [unknownField, closed]) {
      const first = await get(url);
      expect(first.status === 200 ? first.body.errors : 'refused').toBeTruthy();
      const second = await get(url);
      expect(second.headers['x-cache']).not.toBe('HIT');
      expect(second.status).toBe(first.status);
    }

    const before = (await documents(app.strapi, ARTICLE_UID).findFirst({ documentId, locale: 'en', status: 'published' })).summary;
    const mutation = graphqlUrl({ query: `mutation { updateArticle(documentId: "${documentId}", locale: "en", data: { summary: "Changed by GET" }) { summary } }` });
    for (let i = 0; i < 2; i += 1) {
      const res = await get(mutation);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['x-cache']).not.toBe('HIT');
    }
    expect((await documents(app.strapi, ARTICLE_UID).findFirst({ documentId, locale: 'en', status: 'published' })).summary).toBe(before);
  });

  it('caches automatic persisted queries: the hash alone is answered once the query is registered', async () => {
    // No render of an earlier test's writes beside it (see warm).
    await (app.strapi.get('readModel') as { idle: () => Promise<void> }).idle();
    const query = `query($slug: String!) { articles(locale: "en", filters: { slug: { eq: $slug } }) { documentId title } }`;
    const sha256Hash = crypto.createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const hashOnly = graphqlUrl({ variables: { slug }, extensions });

    const unknown = await get(hashOnly);
    expect(unknown.text).toMatch(/PERSISTED_QUERY_NOT_FOUND|PersistedQueryNotFound/);
    expect((await get(hashOnly)).headers['x-cache']).not.toBe('HIT');

    const registered = await get(graphqlUrl({ query, variables: { slug }, extensions }));
    expect(registered.status).toBe(200);
    expect(registered.body.data.articles[0].documentId).toBe(documentId);

    const first = await get(hashOnly);
    expect(first.status).toBe(200);
    expect(first.body.data.articles[0].documentId).toBe(documentId);
    const second = await get(hashOnly);
    expect(second.headers['x-cache']).toBe('HIT');
    expect(second.text).toBe(first.text);
  });
});

describe('GraphQL GET cache switched off (RESPONSE_CACHE_GRAPHQL=false)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'true', RESPONSE_CACHE_GRAPHQL: 'false' });
    await seed(app.strapi);
  });
  afterAll(async () => app?.stop());

  it('answers every GET query uncached while REST reads stay cached', async () => {
    const url = graphqlUrl({ query: LIST, variables: { locale: 'en' } });
    for (let i = 0; i < 2; i += 1) {
      const res = await app.http().get(url).set(PREFLIGHT);
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBeUndefined();
    }
    await app.http().get('/api/articles?locale=en');
    expect((await app.http().get('/api/articles?locale=en')).headers['x-cache']).toBe('HIT');
  });
});
