import { ARTICLE_UID, documents, INSTITUTION_UID, snapshotDatabase, SOURCE_UID } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Pagination, locale and single-valued parameters on the public REST API (docs/api.md, "Drafts,
 * locales and bad input"): what no route serves is a 400 naming the parameter and its range,
 * never a silently cut page, a one-item page or every locale at once. GraphQL clamps its own
 * pagination (docs/security.md); what it does is pinned here too.
 */

let app: TestApp;
let auth: { Authorization: string };
const ids: Record<string, string> = {};
const ARTICLES = 4;

beforeAll(async () => {
  app = await startTestApp();
  auth = { Authorization: `Bearer ${await app.adminToken()}` };
  for (let i = 0; i < ARTICLES; i++) {
    const article = await documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: `Pagination story ${i}`, date: `2025-03-2${i}` } });
    await documents(app.strapi, ARTICLE_UID).publish({ documentId: article.documentId, locale: 'en' });
    ids.articles = article.documentId;
  }
  const source = await documents(app.strapi, SOURCE_UID).create({ locale: 'en', data: { name: 'Pagination News', homepage: 'https://news.example.com/' } });
  await documents(app.strapi, SOURCE_UID).publish({ documentId: source.documentId, locale: 'en' });
  ids.sources = source.documentId;
  const institution = await documents(app.strapi, INSTITUTION_UID).create({ locale: 'en', data: { name: 'Pagination University', website: 'https://www.example.edu/' } });
  await documents(app.strapi, INSTITUTION_UID).publish({ documentId: institution.documentId, locale: 'en' });
  ids.institutions = institution.documentId;
});

afterAll(async () => {
  await app?.stop();
});

const TYPES = ['articles', 'sources', 'institutions'] as const;
const CALLERS = ['public', 'token'] as const;
type Caller = (typeof CALLERS)[number];

const get = (url: string, caller: Caller) => (caller === 'token' ? app.http().get(url).set(auth) : app.http().get(url));

/** Every read route of a type: the list, the single read and (articles) the read by slug. */
const routes = (type: (typeof TYPES)[number]) => [
  `/api/${type}`,
  `/api/${type}/${ids[type]}`,
  ...(type === 'articles' ? ['/api/articles/slug/pagination-story-0'] : []),
];

const expectRefused = (res: any, path: string[], message: RegExp, label: string) => {
  expect([label, res.status]).toEqual([label, 400]);
  expect(res.body.error.name).toBe('ValidationError');
  expect(res.body.error.message).toMatch(message);
  expect(res.body.error.details.errors.map((e: any) => e.path)).toContainEqual(path);
};

describe('out-of-range pagination is a 400 naming the parameter and its range', () => {
  const CASES: Array<[string, string, RegExp]> = [
    ['pageSize', '0', /pagination\[pageSize\] must be a whole number between 1 and 100/],
    ['pageSize', '-1', /pagination\[pageSize\] must be a whole number between 1 and 100/],
    ['pageSize', '2.5', /pagination\[pageSize\] must be a whole number between 1 and 100/],
    // Strapi cut these to 100 without a word.
    ['pageSize', '101', /pagination\[pageSize\] must be a whole number between 1 and 100/],
    ['pageSize', '1000', /pagination\[pageSize\] must be a whole number between 1 and 100/],
    ['limit', '0', /pagination\[limit\] must be a whole number between 1 and 100/],
    // Strapi answered a one-item page.
    ['limit', '-1', /pagination\[limit\] must be a whole number between 1 and 100 \(-1, "everything", is not served/],
    ['limit', '101', /pagination\[limit\] must be a whole number between 1 and 100/],
    ['limit', '1.5', /pagination\[limit\] must be a whole number between 1 and 100/],
    ['page', '0', /pagination\[page\] must be a whole number between 1 and 1000000/],
    ['page', '-2', /pagination\[page\] must be a whole number between 1 and 1000000/],
    ['page', '1.5', /pagination\[page\] must be a whole number between 1 and 1000000/],
    // An offset past what the database reads back (PostgreSQL served a page for it).
    ['page', '99999999999999999999999', /pagination\[page\] must be a whole number between 1 and 1000000/],
    ['page', '1000001', /pagination\[page\] must be a whole number between 1 and 1000000/],
    ['start', '-1', /pagination\[start\] must be a whole number between 0 and 100000000/],
    ['start', '1.5', /pagination\[start\] must be a whole number between 0 and 100000000/],
    ['start', '99999999999999999999999', /pagination\[start\] must be a whole number between 0 and 100000000/],
  ];

  it.each(TYPES)('on every read route of /api/%s, as the public and with an API token', async (type) => {
    for (const url of routes(type)) {
      for (const [key, value, message] of CASES) {
        for (const caller of CALLERS) {
          const res = await get(`${url}?locale=en&pagination[${key}]=${value}`, caller);
          expectRefused(res, ['pagination', key], message, `${caller} ${url} ${key}=${value}`);
        }
      }
    }
  });

  it('a page of 100, the last allowed page and offset, and start=0 still answer', async () => {
    for (const type of TYPES) {
      for (const caller of CALLERS) {
        const full = await get(`/api/${type}?locale=en&pagination[pageSize]=100`, caller);
        expect(full.status).toBe(200);
        expect(full.body.meta.pagination).toMatchObject({ page: 1, pageSize: 100 });
        const limit = await get(`/api/${type}?locale=en&pagination[start]=0&pagination[limit]=100`, caller);
        expect(limit.status).toBe(200);
        expect(limit.body.meta.pagination).toMatchObject({ start: 0, limit: 100 });
        const far = await get(`/api/${type}?locale=en&pagination[page]=1000000&pagination[pageSize]=100`, caller);
        expect([far.status, far.body.data]).toEqual([200, []]);
        const offset = await get(`/api/${type}?locale=en&pagination[start]=100000000&pagination[limit]=1`, caller);
        expect([offset.status, offset.body.data]).toEqual([200, []]);
      }
    }
    const page = await get(`/api/articles?locale=en&pagination[page]=2&pagination[pageSize]=3`, 'public');
    expect(page.body.data).toHaveLength(ARTICLES - 3);
    expect(page.body.meta.pagination).toEqual({ page: 2, pageSize: 3, pageCount: 2, total: ARTICLES });
  });

  it('page with limit, or a pagination parameter given twice, is a 400 naming it', async () => {
    for (const caller of CALLERS) {
      expectRefused(await get('/api/articles?locale=en&pagination[page]=2&pagination[limit]=10', caller), ['pagination'], /page and pageSize, or start and limit, not both/, caller);
      expectRefused(await get('/api/sources?pagination[pageSize]=10&pagination[pageSize]=20', caller), ['pagination', 'pageSize'], /given 2 times/, caller);
    }
  });
});

describe('locale: one per request', () => {
  it.each(TYPES)('locale given twice on /api/%s is a 400 naming locale', async (type) => {
    for (const url of routes(type)) {
      for (const caller of CALLERS) {
        for (const query of ['locale=en&locale=ru', 'locale=en&locale=en', 'locale[0]=en']) {
          const res = await get(`${url}?${query}`, caller);
          expectRefused(res, ['locale'], /^locale must be one value.*ask for one locale per request, one of zh-Hans, en, ru/, `${caller} ${url}?${query}`);
        }
      }
    }
  });

  it.each(TYPES)('locale=* on /api/%s is a 400 that lists the locales (it answered every locale at once)', async (type) => {
    for (const url of routes(type)) {
      for (const caller of CALLERS) {
        const res = await get(`${url}?locale=*`, caller);
        expectRefused(res, ['locale'], /^locale=\* \(every locale at once\) is not served: ask for one locale per request, one of zh-Hans, en, ru/, `${caller} ${url}`);
      }
    }
  });

  it('locale=* with fallback=true is refused before the read resolves a locale', async () => {
    for (const type of TYPES) {
      for (const caller of CALLERS) {
        expectRefused(await get(`/api/${type}/${ids[type]}?locale=*&fallback=true`, caller), ['locale'], /locale=\*/, `${caller} ${type}`);
        expectRefused(await get(`/api/${type}?locale=*&fallback=true`, caller), ['locale'], /locale=\*/, `${caller} ${type}`);
      }
    }
  });

  it('locale=* on a write is a 400 and changes nothing', async () => {
    const before = await snapshotDatabase(app.strapi);
    const create = await app.http().post('/api/articles?locale=*&status=draft').set(auth).send({ data: { title: 'Every locale at once', date: '2025-01-01' } });
    expectRefused(create, ['locale'], /locale=\*/, 'create');
    const update = await app.http().put(`/api/sources/${ids.sources}?locale=*`).set(auth).send({ data: { name: 'Renamed everywhere' } });
    expectRefused(update, ['locale'], /locale=\*/, 'update');
    expect(await snapshotDatabase(app.strapi)).toEqual(before);
  });

  it('GraphQL refuses locale: "*" the same way, as the public and with an API token', async () => {
    for (const caller of CALLERS) {
      for (const field of ['articles', 'sources', 'institutions']) {
        const request = app.http().post('/graphql').send({ query: `{ ${field}(locale: "*") { documentId locale } }` });
        const res = await (caller === 'token' ? request.set(auth) : request);
        expect(res.status).toBeLessThan(500);
        expect(res.body.data?.[field] ?? null).toBeNull();
        expect(res.body.errors[0].message).toMatch(/locale=\* \(every locale at once\) is not served/);
        expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('one locale still answers', async () => {
    for (const type of TYPES) {
      const res = await get(`/api/${type}?locale=en`, 'public');
      expect(res.status).toBe(200);
      expect(new Set(res.body.data.map((item: any) => item.locale))).toEqual(new Set(['en']));
    }
  });
});

describe('single-valued parameters given twice are a 400 naming them', () => {
  const CASES: Array<[string, string[]]> = [
    ['locale=en&fallback=true&fallback=false', ['fallback']],
    ['locale=en&from=2025-01-01&from=2025-02-01', ['from']],
    ['locale=en&to=2025-01-01&to=2025-02-01', ['to']],
    // A union of both sections before: one way of asking for several is enough (section=news,events).
    ['locale=en&section=news&section=events', ['section']],
    ['locale=en&institution=a&institution=b', ['institution']],
    ['locale=en&source=a&source=b', ['source']],
    ['locale=en&status=published&status=published', ['status']],
  ];

  it.each(CASES)('/api/articles?%s', async (query, path) => {
    for (const url of routes('articles')) {
      for (const caller of CALLERS) {
        const res = await get(`${url}?${query}`, caller);
        expectRefused(res, path, new RegExp(`^${path[0]} must be given once, as one value \\(it is given 2 times\\)`), `${caller} ${url}`);
      }
    }
  });

  it('the documented forms still answer', async () => {
    for (const query of ['section=news,events', 'from=2025-01-01&to=2025-12-31', 'fallback=true', 'fallback=false']) {
      const res = await get(`/api/articles?locale=en&${query}`, 'public');
      expect([query, res.status]).toEqual([query, 200]);
    }
  });
});

describe('GraphQL pagination is clamped by Strapi, never a 500', () => {
  const graphql = (query: string, caller: Caller) => {
    const request = app.http().post('/graphql').send({ query });
    return caller === 'token' ? request.set(auth) : request;
  };

  it.each(CALLERS)('limit 0, limit -1, pageSize 1000, page 0, start -1 (%s)', async (caller) => {
    const titles = async (args: string) => {
      const res = await graphql(`{ articles(locale: "en", pagination: { ${args} }) { title } }`, caller);
      expect([args, res.status, res.body.errors]).toEqual([args, 200, undefined]);
      return res.body.data.articles as unknown[];
    };
    // Strapi's GraphQL reads a limit below 1 as 1, -1 as its maximum (100), a pageSize past 100 as
    // 100, a page below 1 as the first page, a negative start as 0 (docs/security.md).
    expect(await titles('limit: 0')).toHaveLength(1);
    expect(await titles('limit: -1')).toHaveLength(ARTICLES);
    expect(await titles('pageSize: 1000')).toHaveLength(ARTICLES);
    expect(await titles('page: 0, pageSize: 2')).toHaveLength(2);
    expect(await titles('start: -1, limit: 2')).toHaveLength(2);
    const connection = await graphql('{ articles_connection(locale: "en", pagination: { pageSize: 1000 }) { pageInfo { pageSize total } } }', caller);
    expect(connection.body.data.articles_connection.pageInfo).toEqual({ pageSize: 100, total: ARTICLES });
    const far = await graphql('{ articles(locale: "en", pagination: { page: 2147483647, pageSize: 100 }) { title } }', caller);
    expect([far.status, far.body.errors, far.body.data]).toEqual([200, undefined, { articles: [] }]);
  });

  it('page with limit is a GraphQL error naming both, not a 500', async () => {
    const res = await graphql('{ articles(locale: "en", pagination: { page: 2, limit: 1 }) { title } }', 'public');
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors[0].message).toMatch(/page & offset pagination/);
  });
});
