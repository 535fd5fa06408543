import { ARTICLE_UID, documents, INSTITUTION_UID, snapshotDatabase, SOURCE_UID } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The public read path under hostile queries: prototype property names as fields, operators
 * nested under operators, and filters through relations that would otherwise see drafts.
 */

let app: TestApp;
let auth: { Authorization: string };
let articleId: string;

const SECRET_TITLE = 'Embargoed: rector resigns';
const SECRET_EDIT = 'Unpublished correction naming the whistleblower';

beforeAll(async () => {
  app = await startTestApp();
  auth = { Authorization: `Bearer ${await app.adminToken()}` };
  const articles = documents(app.strapi, ARTICLE_UID);
  // A published English article whose Russian translation exists only as a draft...
  const article = await articles.create({ locale: 'en', data: { title: 'Seminar on innovation', date: '2025-03-22' } });
  articleId = article.documentId;
  await articles.publish({ documentId: articleId, locale: 'en' });
  await articles.update({ documentId: articleId, locale: 'ru', data: { title: SECRET_TITLE, date: '2025-03-22' } });
  // ...and a published Chinese version with an unpublished edit.
  await articles.update({ documentId: articleId, locale: 'zh-Hans', data: { title: '创新创业研讨会', date: '2025-03-22' } });
  await articles.publish({ documentId: articleId, locale: 'zh-Hans' });
  await articles.update({ documentId: articleId, locale: 'zh-Hans', data: { title: SECRET_EDIT } });

  // A published source with an unpublished rename, linked from a second published article.
  const sources = documents(app.strapi, SOURCE_UID);
  const source = await sources.create({ locale: 'en', data: { name: 'China News Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' } });
  await sources.publish({ documentId: source.documentId, locale: 'en' });
  await sources.update({ documentId: source.documentId, locale: 'en', data: { name: SECRET_TITLE } });
  const linked = await articles.create({ locale: 'en', data: { title: 'Linked story', date: '2025-03-23', source: source.documentId } });
  await articles.publish({ documentId: linked.documentId, locale: 'en' });

  const institutions = documents(app.strapi, INSTITUTION_UID);
  const institution = await institutions.create({ locale: 'en', data: { name: 'Bohai University', website: 'https://www.bhu.edu.cn/' } });
  await institutions.publish({ documentId: institution.documentId, locale: 'en' });
});

afterAll(async () => {
  await app?.stop();
});

const graphql = (query: string, variables: Record<string, unknown> = {}) => app.http().post('/graphql').send({ query, variables });

const TYPES = ['articles', 'sources', 'institutions'];
const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'];

describe('field names that are Object.prototype properties', () => {
  it.each(TYPES)('fields, sort, populate and filters on /api/%s answer 400 with the path', async (type) => {
    for (const name of PROTOTYPE_NAMES) {
      for (const [query, path] of [
        [`fields[0]=${name}`, ['fields', '0']],
        [`fields=${name}`, ['fields']],
        [`sort=${name}`, ['sort', name]],
        [`sort[0]=${name}:desc`, ['sort', '0', name]],
        [`populate[0]=${name}`, ['populate', '0']],
        [`populate=${name},source`, ['populate']],
      ] as const) {
        const res = await app.http().get(`/api/${type}?${query}`);
        if (res.status !== 400) throw new Error(`${type}?${query}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        expect(res.body.error.details.errors.map((error: any) => error.path.join('.'))).toContain(path.join('.'));
      }
      // As a key, qs drops a name of Object.prototype while parsing (allowPrototypes: false), so
      // the rest of the query is answered as if it were absent; any other unknown key is a 400.
      for (const query of [`populate[${name}]=true`, `filters[${name}][$eq]=1`, `filters[$or][0][${name}]=1`]) {
        const res = await app.http().get(`/api/${type}?${query}`);
        const dropped = name in Object.prototype;
        expect([query, res.status]).toEqual([query, dropped ? 200 : 400]);
      }
    }
  });

  it('write bodies with prototype names are a 400 that names the field, and change nothing', async () => {
    for (const data of [
      { title: 'T', date: '2025-01-01', constructor: 'x' },
      { title: 'T', date: '2025-01-01', toString: 'x' },
      { title: 'T', date: '2025-01-01', reprint: { toString: 'x' } },
      { title: 'T', date: '2025-01-01', reprint: { constructor: { prototype: 1 } } },
      { title: 'T', date: '2025-01-01', seo: { hasOwnProperty: 'x' } },
    ]) {
      const before = await snapshotDatabase(app.strapi);
      const res = await app.http().post('/api/articles?locale=en&status=draft').set(auth).send({ data });
      if (res.status !== 400) throw new Error(`${JSON.stringify(data)}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      expect(res.body.error.details.errors.length).toBeGreaterThan(0);
      expect(await snapshotDatabase(app.strapi)).toEqual(before);
      const update = await app.http().put(`/api/articles/${articleId}?locale=en&status=draft`).set(auth).send({ data });
      expect(update.status).toBe(400);
      expect(await snapshotDatabase(app.strapi)).toEqual(before);
    }
  });
});

describe('what sites send still works', () => {
  it.each([
    'fields[0]=title&fields[1]=slug&fields[2]=locale&fields[3]=publishedAt&fields[4]=documentId',
    'fields=title,date,createdAt,updatedAt',
    'sort=publishedAt:desc',
    'sort[0]=date:desc&sort[1]=id:asc',
    'sort=createdAt',
    'sort[0][date]=desc',
    'populate=*',
    'populate[0]=source&populate[1]=institutions',
    'populate[source][fields][0]=name&populate[reprint]=true&populate[localizations][fields][0]=slug',
    'populate[institutions][filters][name][$containsi]=university&populate[institutions][sort][0]=name:asc',
    'filters[publishedAt][$notNull]=true&filters[documentId][$eq]=x',
    'filters[source][$null]=true',
    'filters[reprint][isReprint][$eq]=false',
    'pagination[start]=0&pagination[limit]=5&pagination[withCount]=false',
  ])('%s', async (query) => {
    const res = await app.http().get(`/api/articles?locale=en&${query}`);
    expect([query, res.status, res.body.error]).toEqual([query, 200, undefined]);
  });
});

describe('GraphQL documents Apollo cannot be trusted with', () => {
  const cycle = 'fragment A on Query { ...A } { ...A }';
  const fanOut = `{ ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F30 on Query { __typename }`;

  it.each(['/graphql', '/graphql/', '/GraphQL', '/graphql?x=1'])('a fragment cycle or fan-out at %s is a 400, quickly', async (path) => {
    for (const query of [cycle, fanOut]) {
      const started = Date.now();
      const res = await app.http().post(path).send({ query });
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it('GET with the query repeated, and bodies that are not JSON', async () => {
    const get = await app.http().get(`/graphql?query[]=x&query=${encodeURIComponent(cycle)}`);
    expect(get.status).toBe(400);
    const form = await app.http().post('/graphql').set('apollo-require-preflight', '1').type('form').send({ query: cycle });
    expect(form.status).toBe(415);
    const vnd = await app.http().post('/graphql').set('Content-Type', 'application/vnd.api+json').send(JSON.stringify({ query: cycle }));
    expect(vnd.status).toBe(400);
    const subscription = await app.http().post('/graphql').send({ query: 'subscription { articles { documentId } }' });
    expect([subscription.status, subscription.body.errors[0].message]).toEqual([400, 'This API has no subscriptions; read with a query']);
    // A well-formed query still works on every path form.
    const ok = await app.http().post('/graphql/').send({ query: '{ articles(locale: "en") { documentId } }' });
    expect(ok.status).toBe(200);
  });
});

describe('operators where a value belongs', () => {
  it.each([
    'filters[title][$eq][$eq]=1',
    'filters[title][$ne][$eq]=1',
    'filters[title][$not][$eq][$eq]=1',
    'filters[title][$contains][0][$eq]=1',
    'filters[$and][0][title][$eq][$in]=1',
    'filters[source][name][$eq][$eq]=1',
    'filters[title][$in][0][$eq]=1',
    'filters[title][$null][x]=1',
    'filters[title][$between][0][a]=1',
    'filters[title][$eqi][$startsWith]=a',
    'filters[title][$unknownOperator]=1',
  ])('%s is a 400 that names the path', async (query) => {
    const res = await app.http().get(`/api/articles?${query}`);
    if (res.status !== 400) throw new Error(`${query}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    expect(res.body.error.details.errors[0].path[0]).toBe('filters');
  });

  it('well-formed filters still work', async () => {
    for (const query of [
      'filters[title][$eq]=Seminar%20on%20innovation',
      'filters[title][$in][0]=Seminar%20on%20innovation&filters[title][$in][1]=x',
      'filters[title][$not][$eq]=x',
      'filters[$or][0][title][$containsi]=seminar&filters[$or][1][title][$null]=true',
      'filters[date][$between][0]=2025-01-01&filters[date][$between][1]=2025-12-31',
    ]) {
      const res = await app.http().get(`/api/articles?locale=en&${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      expect(res.body.data.map((item: any) => item.documentId)).toContain(articleId);
    }
  });
});

describe('filters through relations see published versions only', () => {
  const leaks = async (filter: string) => {
    const res = await app.http().get(`/api/articles?locale=en&${filter}`);
    expect(res.status).toBeLessThan(500);
    return res.status === 200 ? res.body.data.length : 0;
  };

  it('a draft-only translation cannot be recovered through localizations (REST)', async () => {
    // Published text is found...
    expect(await leaks('filters[localizations][title][$eq]=%E5%88%9B%E6%96%B0%E5%88%9B%E4%B8%9A%E7%A0%94%E8%AE%A8%E4%BC%9A')).toBe(1);
    // ...unpublished text never is, in any form an attacker would try.
    for (const filter of [
      `filters[localizations][title][$startsWith]=Emb`,
      `filters[localizations][title][$eq]=${encodeURIComponent(SECRET_TITLE)}`,
      `filters[localizations][title][$containsi]=rector`,
      `filters[localizations][title][$startsWith]=Unpublished`,
      `filters[$or][0][localizations][title][$startsWith]=Emb&filters[$or][1][title][$eq]=nothing`,
      `filters[$and][0][localizations][title][$startsWith]=Emb`,
      `filters[localizations][$or][0][title][$startsWith]=Emb&filters[localizations][$or][1][title][$eq]=nothing`,
      `filters[localizations][localizations][title][$startsWith]=Emb`,
      `filters[source][name][$startsWith]=Emb`,
      `filters[source][localizations][name][$startsWith]=Emb`,
    ]) {
      expect([filter, await leaks(filter)]).toEqual([filter, 0]);
    }
  });

  it('the same holds through GraphQL', async () => {
    const query = `query ($filters: ArticleFiltersInput) { articles(locale: "en", filters: $filters) { documentId } }`;
    for (const filters of [
      { localizations: { title: { startsWith: 'Emb' } } },
      { localizations: { title: { startsWith: 'Unpublished' } } },
      { or: [{ localizations: { title: { containsi: 'rector' } } }] },
      { source: { name: { startsWith: 'Emb' } } },
    ]) {
      const res = await graphql(query, { filters });
      expect(res.status).toBe(200);
      expect([filters, res.body.data?.articles]).toEqual([filters, []]);
    }
  });

  it('filters inside populate and on GraphQL sub-fields see published rows only too', async () => {
    const populated = async (query: string) => {
      const res = await app.http().get(`/api/articles?locale=en&filters[documentId][$eq]=${articleId}&${query}`);
      expect([query, res.status]).toEqual([query, 200]);
      return res.body.data[0];
    };
    // The English article's own localizations: zh-Hans is published; ru is a draft only.
    const base = await populated('populate[localizations][fields][0]=locale');
    expect(base.localizations.map((l: any) => l.locale)).toContain('zh-Hans');
    expect(base.localizations.map((l: any) => l.locale)).not.toContain('ru');
    // Whatever Strapi does with these filters, the answer must not depend on unpublished text:
    // a prefix of the draft title gets the same response as a prefix of nothing.
    for (const [secret, nothing] of [
      ['populate[localizations][filters][localizations][title][$startsWith]=Emb', 'populate[localizations][filters][localizations][title][$startsWith]=Qqq'],
      ['populate[localizations][filters][localizations][title][$startsWith]=Unpublished', 'populate[localizations][filters][localizations][title][$startsWith]=Qqq'],
      [`populate[localizations][filters][$or][0][localizations][title][$eq]=${encodeURIComponent(SECRET_TITLE)}`, 'populate[localizations][filters][$or][0][localizations][title][$eq]=Qqq'],
      ['populate[source][filters][localizations][name][$startsWith]=Emb', 'populate[source][filters][localizations][name][$startsWith]=Qqq'],
    ]) {
      expect([secret, await populated(secret)]).toEqual([secret, await populated(nothing)]);
    }
    const sub = (prefix: string) =>
      graphql(`query ($id: ID!) { article(documentId: $id, locale: "en") { localizations(filters: { localizations: { title: { startsWith: "${prefix}" } } }) { locale } } }`, { id: articleId });
    const [secretSub, nothingSub] = [await sub('Emb'), await sub('Qqq')];
    expect(secretSub.status).toBe(200);
    expect(secretSub.body).toEqual(nothingSub.body);
  });

  it('draft parameters are for API tokens only, and asking does not tell whether a draft exists', async () => {
    for (const query of ['publicationFilter=modified', 'hasPublishedVersion=false', 'status=draft']) {
      const res = await app.http().get(`/api/articles?locale=en&${query}`);
      expect([query, res.status]).toEqual([query, 403]);
    }
    const gql = await graphql('{ articles(locale: "en", publicationFilter: MODIFIED) { documentId } }');
    expect(gql.body.errors?.[0]?.message ?? '').toMatch(/only for API tokens|Forbidden/);
    expect(gql.body.data?.articles ?? null).toBeNull();
    // The slug route answers the same for a draft slug that exists and one that does not.
    const draftSlug = (await app.strapi.db.query(ARTICLE_UID as never).findOne({ where: { documentId: articleId, locale: 'ru' } })).slug;
    const existing = await app.http().get(`/api/articles/slug/${draftSlug}?locale=ru&status=draft`);
    const missing = await app.http().get(`/api/articles/slug/no-such-slug?locale=ru&status=draft`);
    expect([existing.status, missing.status]).toEqual([403, 403]);
    expect(existing.body).toEqual(missing.body);
  });

  it('sorting through a relation is refused (an order is a side channel too)', async () => {
    const res = await app.http().get('/api/articles?locale=en&sort=localizations.title');
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['sort']);
  });

  it('an API token reading drafts still filters drafts through relations', async () => {
    const res = await app
      .http()
      .get(`/api/articles?locale=en&status=draft&filters[localizations][title][$startsWith]=Emb`)
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body.data.map((item: any) => item.documentId)).toEqual([articleId]);
  });
});
