import { seed } from '../../src/records/seed';
import { addCoverAndImageBlock, ARTICLE_UID, documents } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * A site built from the API alone (docs/api.md): the home list, the article page and the
 * institution page in each locale, as a site builder would request them. Every URL in every
 * response is absolute, every article page carries its language alternates and canonical URL,
 * and each page costs the requests docs/api.md promises (1, 1 and 2).
 */

const PUBLIC_URL = 'https://cms.example.edu';
const SITE_URL = 'https://news.example.edu';
const LOCALES = ['zh-Hans', 'en', 'ru'];
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';

let app: TestApp;
let untranslatedId: string;

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_URL, SITE_URL });
  expect((await seed(app.strapi)).problems).toEqual([]);
  // The reference article gets a cover, and its English body an image block: both stored with
  // the root-relative URLs Strapi's local upload provider writes.
  await addCoverAndImageBlock(app.strapi, REFERENCE, LOCALES);
  const articles = documents(app.strapi, ARTICLE_UID);
  // A notice published in Chinese only: the Russian and English home pages still list it.
  const notice = await articles.create({ locale: 'zh-Hans', data: { title: '图书馆寒假开放时间通知', date: '2099-01-01', section: 'notices' } });
  untranslatedId = notice.documentId;
  await articles.publish({ documentId: untranslatedId, locale: 'zh-Hans' });
});

afterAll(async () => {
  await app?.stop();
});

/** A page's requests, counted. */
const page = () => {
  let requests = 0;
  return {
    get: async (url: string) => {
      requests += 1;
      const res = await app.http().get(url);
      expect(res.status).toBe(200);
      expectNoRelativeUrl(res.body);
      return res.body;
    },
    count: () => requests,
  };
};

const URL_LIKE_KEYS = new Set(['url', 'href', 'previewUrl', 'canonicalUrl', 'homepage', 'website', 'originalUrl', 'image', '@id']);

/** No URL in a response is relative: keys that hold URLs, and any string naming an upload. */
const expectNoRelativeUrl = (value: unknown, path: string[] = []): void => {
  if (typeof value === 'string') {
    const key = path[path.length - 1];
    const relative = (URL_LIKE_KEYS.has(key) && value !== '' && !/^https?:\/\//.test(value)) || /(?<!cms\.example\.edu)\/uploads\//.test(value);
    if (relative) throw new Error(`relative URL at ${path.join('.')}: ${value}`);
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => expectNoRelativeUrl(item, [...path, String(index)]));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) expectNoRelativeUrl(item, [...path, key]);
};

const slugOf = async (locale: string) => (await app.strapi.db.query(ARTICLE_UID).findOne({ where: { key: REFERENCE, locale, publishedAt: { $notNull: true } } })).slug as string;

describe.each(LOCALES)('the site in %s', (locale) => {
  it('home: one request gives teasers with absolute URLs, untranslated notices included', async () => {
    const home = page();
    const body = await home.get(`/api/articles?locale=${locale}&fallback=true`);
    expect(home.count()).toBe(1);
    const items: any[] = body.data;
    expect(items.length).toBeGreaterThan(0);
    // One page holds them all: the count covers both locales' documents, each once.
    expect(body.meta.pagination.total).toBe(items.length);
    expect(new Set(items.map((item) => item.documentId)).size).toBe(items.length);
    for (const item of items) {
      // What a teaser needs...
      expect(item).toEqual(expect.objectContaining({ title: expect.any(String), slug: expect.any(String), date: expect.any(String), section: expect.any(String) }));
      expect(item.url).toMatch(new RegExp(`^${SITE_URL}/${item.locale}/news/`));
      expect(item.attribution).toEqual({ isReprint: expect.any(Boolean), creditLine: item.attribution.isReprint ? expect.any(String) : null, canonicalUrl: expect.any(String) });
      // ...and not what it does not.
      expect(item).not.toHaveProperty('body');
      expect(item).not.toHaveProperty('institutions');
      expect(item).not.toHaveProperty('reprint');
    }
    const reference = items.find((item) => item.key === REFERENCE);
    expect(reference.cover).toMatchObject({
      url: `${PUBLIC_URL}/uploads/seminar.jpg`,
      alternativeText: expect.any(String),
      formats: { thumbnail: { url: `${PUBLIC_URL}/uploads/thumbnail_seminar.jpg` }, small: { url: `${PUBLIC_URL}/uploads/small_seminar.jpg` } },
    });
    expect(reference.source).toEqual(expect.objectContaining({ name: expect.any(String), slug: expect.any(String) }));

    const notice = items.find((item) => item.documentId === untranslatedId);
    expect(notice).toBeDefined();
    expect(notice.locale).toBe('zh-Hans');
    if (locale === 'zh-Hans') expect(notice.fallback).toBeUndefined();
    else expect(notice.fallback).toEqual({ requested: locale, served: 'zh-Hans', reason: expect.any(String) });
    // Newest first across both locales: the 2099 notice leads.
    expect(items[0].documentId).toBe(untranslatedId);
  });

  it('article: one request gives the page, its alternates, canonical URL and JSON-LD', async () => {
    const slug = await slugOf(locale);
    const article = page();
    const { data } = await article.get(`/api/articles/slug/${encodeURIComponent(slug)}?locale=${locale}`);
    expect(article.count()).toBe(1);

    const own = `${SITE_URL}/${locale}/news/${encodeURIComponent(slug)}`;
    expect(data.url).toBe(own);
    expect(data.localizations.map((link: any) => link.locale)).toEqual(LOCALES);
    for (const link of data.localizations) {
      expect(link).toEqual({ locale: link.locale, hreflang: link.locale, slug: await slugOf(link.locale), url: `${SITE_URL}/${link.locale}/news/${encodeURIComponent(await slugOf(link.locale))}` });
    }
    const zhUrl = data.localizations[0].url;
    expect(data.alternates).toEqual([...data.localizations.map((link: any) => ({ hreflang: link.hreflang, href: link.url })), { hreflang: 'x-default', href: zhUrl }]);

    expect(data.attribution.canonicalUrl).toBe(own);
    expect(data.attribution.jsonLd).toMatchObject({
      url: own,
      image: `${PUBLIC_URL}/uploads/seminar.jpg`,
      dateModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      inLanguage: locale,
    });
    expect(JSON.parse(data.attribution.jsonLdScript)).toEqual(data.attribution.jsonLd);
    expect(data.cover.url).toBe(`${PUBLIC_URL}/uploads/seminar.jpg`);
    // Its source and institutions link to their own pages.
    expect(data.source.url).toBe(`${SITE_URL}/${locale}/sources/${encodeURIComponent(data.source.slug)}`);
    for (const institution of [...data.institutions, data.hostInstitution]) {
      expect(institution.url).toBe(`${SITE_URL}/${locale}/institutions/${encodeURIComponent(institution.slug)}`);
    }
    if (locale === 'en') {
      const block = data.body.find((item: any) => item.type === 'image');
      expect(block.image).toMatchObject({ url: `${PUBLIC_URL}/uploads/seminar.jpg`, alternativeText: expect.any(String) });
      expect(block.image.formats.thumbnail.url).toBe(`${PUBLIC_URL}/uploads/thumbnail_seminar.jpg`);
    }
  });

  it('institution: two requests give the institution with its links and its articles', async () => {
    const institution = page();
    const [row] = await app.strapi.db.query('api::institution.institution').findMany({ where: { key: 'liaoning-university', locale, publishedAt: { $notNull: true } } });
    const { data } = await institution.get(`/api/institutions/slug/${encodeURIComponent(row.slug)}?locale=${locale}`);
    const { data: articles } = await institution.get(`/api/articles?locale=${locale}&institution=${encodeURIComponent(row.slug)}`);
    expect(institution.count()).toBe(2);

    expect(data).toMatchObject({ key: 'liaoning-university', locale, url: `${SITE_URL}/${locale}/institutions/${encodeURIComponent(row.slug)}` });
    expect(data.localizations.map((link: any) => link.locale)).toEqual(LOCALES);
    expect(data.alternates.map((link: any) => link.hreflang)).toEqual([...LOCALES, 'x-default']);
    expect(articles.map((article: any) => article.key)).toContain(REFERENCE);
  });
});

describe('the contract around the pages', () => {
  it('an institution or source named by its slug in another locale still filters', async () => {
    const [zh] = await app.strapi.db.query('api::institution.institution').findMany({ where: { key: 'liaoning-university', locale: 'zh-Hans', publishedAt: { $notNull: true } } });
    const [source] = await app.strapi.db.query('api::source.source').findMany({ where: { key: 'china-news-network-liaoning', locale: 'ru', publishedAt: { $notNull: true } } });
    for (const url of [`/api/articles?locale=en&institution=${encodeURIComponent(zh.slug)}`, `/api/articles?locale=en&source=${encodeURIComponent(source.slug)}`]) {
      const res = await app.http().get(url);
      expect(res.status).toBe(200);
      expect(res.body.data.map((article: any) => article.key)).toContain(REFERENCE);
    }
    // An unknown key is an empty page, not an error.
    const none = await app.http().get('/api/articles?locale=en&institution=no-such-institution');
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
  });

  it('sources are readable by slug, with fallback, and an unknown slug is a 404 naming it', async () => {
    const [source] = await app.strapi.db.query('api::source.source').findMany({ where: { key: 'china-news-network-liaoning', locale: 'en', publishedAt: { $notNull: true } } });
    const found = await app.http().get(`/api/sources/slug/${source.slug}?locale=en`);
    expect(found.status).toBe(200);
    expect(found.body.data).toMatchObject({ documentId: source.documentId, url: `${SITE_URL}/en/sources/${source.slug}` });
    expect(found.body.data.alternates).toHaveLength(4);

    const missing = await app.http().get('/api/sources/slug/no-such-source?locale=ru');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('No source with slug "no-such-source" in locale ru');
    expect((await app.http().get('/api/institutions/slug/no-such-place?locale=en')).status).toBe(404);
  });

  it('a client’s own fields and populate win over the lean list', async () => {
    const res = await app.http().get(`/api/articles?locale=en&filters[key][$eq]=${REFERENCE}&fields[0]=title&populate[institutions][fields][0]=name`);
    expect(res.status).toBe(200);
    const [item] = res.body.data;
    expect(item.title).toEqual(expect.any(String));
    expect(item.institutions).toHaveLength(20);
    expect(item).not.toHaveProperty('summary');
    // It chose its shape: the full attribution, and the page address all the same.
    expect(item.attribution.jsonLd).toBeDefined();
    expect(item.url).toMatch(/^https:\/\/news\.example\.edu\/en\/news\//);
  });

  it('an unknown locale is a 400 naming it, with or without fallback, on every read', async () => {
    for (const url of [
      '/api/articles?locale=xx&fallback=true',
      `/api/articles/${untranslatedId}?locale=xx&fallback=true`,
      '/api/articles/slug/anything?locale=xx&fallback=true',
      '/api/sources/slug/anything?locale=xx',
      '/api/institutions?locale=xx&fallback=true',
    ]) {
      const res = await app.http().get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.error.details.errors[0]).toMatchObject({ path: ['locale'], message: expect.stringContaining('"xx"') });
    }
  });

  it('a fallback list narrowed to one field still marks and addresses the items it serves in the default locale', async () => {
    for (const fields of ['fields=title', 'fields[0]=title', 'fields=title,date']) {
      const res = await app.http().get(`/api/articles?locale=ru&fallback=true&${fields}`);
      expect(res.status).toBe(200);
      const notice = res.body.data.find((item: any) => item.documentId === untranslatedId);
      expect([fields, notice.fallback]).toEqual([fields, expect.objectContaining({ requested: 'ru', served: 'zh-Hans' })]);
      expect(notice.url).toMatch(new RegExp(`^${SITE_URL}/zh-Hans/news/`));
    }
  });

  it('an edition that is only a draft has no link, and a document never published is in no list', async () => {
    const articles = documents(app.strapi, ARTICLE_UID);
    // The Chinese-only notice gets a Russian draft; a second document is only ever a draft.
    await articles.update({ documentId: untranslatedId, locale: 'ru', data: { title: 'Черновик объявления', date: '2099-01-01', section: 'notices' } });
    const hidden = await articles.create({ locale: 'zh-Hans', data: { title: '未发布的稿件', date: '2099-02-01', section: 'notices' } });
    try {
      const one = await app.http().get(`/api/articles/${untranslatedId}?locale=zh-Hans`);
      expect(one.body.data.localizations.map((link: any) => link.locale)).toEqual(['zh-Hans']);
      expect(one.body.data.alternates.map((link: any) => link.hreflang)).toEqual(['zh-Hans', 'x-default']);
      for (const locale of LOCALES) {
        const list = await app.http().get(`/api/articles?locale=${locale}&fallback=true`);
        expect(list.body.data.map((item: any) => item.documentId)).not.toContain(hidden.documentId);
        // The Russian draft is not served; the published Chinese version stands in for it.
        const notice = list.body.data.find((item: any) => item.documentId === untranslatedId);
        expect(notice.locale).toBe('zh-Hans');
        expect(JSON.stringify(list.body)).not.toContain('Черновик объявления');
      }
    } finally {
      await articles.delete({ documentId: hidden.documentId, locale: '*' });
      await articles.delete({ documentId: untranslatedId, locale: 'ru' });
    }
  });

  it('a fallback list asks the database for the untranslated documents inside its own query, however many there are', async () => {
    const articles = documents(app.strapi, ARTICLE_UID);
    const created: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const notice = await articles.create({ locale: 'zh-Hans', data: { title: `通知 ${i}`, date: '2000-01-01', section: 'notices' } });
      await articles.publish({ documentId: notice.documentId, locale: 'zh-Hans' });
      created.push(notice.documentId);
    }
    const bindings: number[] = [];
    const listener = (query: { bindings?: unknown[] }) => bindings.push(query.bindings?.length ?? 0);
    app.strapi.db.connection.on('query', listener);
    try {
      await app.strapi.get('responseCache').clear();
      // A page of 5 at the end of the archive: the 40 notices dated 2000 are its last items.
      const res = await app.http().get('/api/articles?locale=ru&fallback=true&pagination[pageSize]=5&sort=date:asc');
      expect(res.status).toBe(200);
      expect(res.body.data).toHaveLength(5);
      expect(res.body.data.every((item: any) => created.includes(item.documentId) && item.fallback?.served === 'zh-Hans')).toBe(true);
      expect(res.body.meta.pagination.total).toBeGreaterThanOrEqual(40);
      // The untranslated ids are not sent as bound parameters (SQLite takes 32,766 at most,
      // PostgreSQL 65,535): every query of the page binds fewer values than there are notices.
      expect(Math.max(...bindings)).toBeLessThan(40);
    } finally {
      app.strapi.db.connection.off('query', listener);
      for (const documentId of created) await articles.delete({ documentId, locale: '*' });
    }
  });

  it('GraphQL teasers get the same attribution summary as REST list items, and the full one when asked', async () => {
    const rest = await app.http().get('/api/articles?locale=en');
    const gql = await app
      .http()
      .post('/graphql')
      .send({ query: '{ articles(locale: "en") { documentId teaser: attribution(summary: true) full: attribution } }' });
    expect(gql.body.errors).toBeUndefined();
    const byId = new Map(gql.body.data.articles.map((item: any) => [item.documentId, item]));
    for (const item of rest.body.data) {
      const match: any = byId.get(item.documentId);
      expect(match.teaser).toEqual(item.attribution);
      expect(match.full).toMatchObject({ ...item.attribution, jsonLd: expect.any(Object) });
    }
  });

  it('a single read with fallback links the edition it serves', async () => {
    const res = await app.http().get(`/api/articles/${untranslatedId}?locale=ru&fallback=true`);
    expect(res.status).toBe(200);
    expect(res.body.meta.fallback).toMatchObject({ requested: 'ru', served: 'zh-Hans' });
    expect(res.body.data.url).toMatch(new RegExp(`^${SITE_URL}/zh-Hans/news/`));
    expect(res.body.data.alternates).toEqual([
      { hreflang: 'zh-Hans', href: res.body.data.url },
      { hreflang: 'x-default', href: res.body.data.url },
    ]);
  });
});
