import { seed } from '../../src/records/seed';
import { previewTokenUntil, signPreviewToken, type PreviewConfig } from '../../src/lib/preview';
import { cacheKeyOf } from '../../src/response-cache/tags';
import { adminLogin } from '../helpers/admin';
import { addCoverAndImageBlock, ARTICLE_UID, SOURCE_UID } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Preview (docs/preview.md) against a real Strapi: the Content Manager's preview handler for each
 * kind of admin, the built-in page for a draft in each locale with a valid token, nothing for the
 * public or a bad token, the page's credit line and JSON-LD equal to the API's, and nothing stored
 * by any cache.
 */
const PUBLIC_URL = 'https://cms.example.edu';
const SITE_URL = 'https://news.example.edu';
const LOCALES = ['zh-Hans', 'en', 'ru'] as const;
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';
const HOSTILE = '</script><script>alert(1)</script> & "x" \u2028';

const TITLES: Record<string, string> = {
  'zh-Hans': `预览测试：辽宁大学召开研讨会 ${HOSTILE}`,
  en: `Preview test: LNU hosts a seminar ${HOSTILE}`,
  ru: `Проверка предпросмотра: семинар в ЛНУ ${HOSTILE}`,
};

let app: TestApp;
let token: string;
let superAdmin: Record<string, string>;
let draftId: string;
let referenceId: string;

const content = (method: 'get' | 'post' | 'put', url: string) => app.http()[method](url).set('Authorization', `Bearer ${token}`);
const config = () => app.strapi.config.get('preview') as PreviewConfig;
const previewUrlOf = (headers: Record<string, string>, query: Record<string, string>) =>
  app.http().get(`/content-manager/preview/url/${ARTICLE_UID}`).query(query).set(headers);
/** The path and query of a preview address (the test server answers any host). */
const local = (url: string) => {
  const parsed = new URL(url, PUBLIC_URL);
  return `${parsed.pathname}${parsed.search}`;
};

/** What the page's <head> holds: the JSON-LD text, the alternates, canonical and robots. */
const headOf = (html: string) => ({
  jsonLd: [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => match[1]),
  alternates: [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((match) => ({ hreflang: match[1], href: match[2].replace(/&amp;/g, '&') })),
  canonical: /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1],
  robots: /<meta name="robots" content="([^"]+)">/.exec(html)?.[1],
  lang: /<html lang="([^"]+)"/.exec(html)?.[1],
  credit: /<p class="credit">([\s\S]*?)<\/p>\n/.exec(html)?.[1],
});

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_URL, SITE_URL });
  expect((await seed(app.strapi)).problems).toEqual([]);
  await addCoverAndImageBlock(app.strapi, REFERENCE, [...LOCALES]);
  token = await app.adminToken();
  superAdmin = await adminLogin(app);

  const [reference] = await app.strapi.db.query(ARTICLE_UID).findMany({ where: { key: REFERENCE, locale: 'en', publishedAt: { $notNull: true } } });
  referenceId = reference.documentId;
  const [source] = await app.strapi.db.query(SOURCE_UID).findMany({ where: { key: 'china-news-network-liaoning', locale: 'en' } });

  // A reprint in three locales, drafts only, its titles trying to end the JSON-LD's <script>.
  const reprint = (locale: string) => ({
    isReprint: true,
    originalTitle: '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开',
    originalUrl: 'https://www.ln.chinanews.com.cn/',
    originalPublishedAt: '2025-03-22',
    originalLanguage: 'zh-Hans',
    reprintType: locale === 'zh-Hans' ? 'full' : 'translation',
    license: 'statutory-news-exception',
    responsibleEditor: 'Li Ming',
    originalNamesNoAuthor: true,
  });
  const created = await content('post', '/api/articles?locale=zh-Hans&status=draft').send({
    data: { title: TITLES['zh-Hans'], date: '2025-04-01', section: 'news', source: source.documentId, reprint: reprint('zh-Hans'), body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文 <b>不是标签</b>' }] }] },
  });
  expect(created.status).toBe(201);
  draftId = created.body.data.documentId;
  for (const locale of ['en', 'ru']) {
    const res = await content('put', `/api/articles/${draftId}?locale=${locale}&status=draft`).send({
      data: { title: TITLES[locale], date: '2025-04-01', section: 'news', source: source.documentId, reprint: reprint(locale), body: [{ type: 'paragraph', children: [{ type: 'text', text: `Body <b>${locale}</b>` }] }] },
    });
    expect(res.status).toBe(200);
  }
});

afterAll(async () => {
  await app?.stop();
});

describe('the preview handler (GET /content-manager/preview/url/:uid)', () => {
  it.each(LOCALES)('gives a super admin a signed link to the %s draft on the built-in page', async (locale) => {
    const res = await previewUrlOf(superAdmin, { documentId: draftId, locale, status: 'draft' });
    expect(res.status).toBe(200);
    // a path on this server: the admin frames it from its own origin
    expect(res.body.data.url).toMatch(/^\/preview\/articles\//);
    const url = new URL(res.body.data.url, PUBLIC_URL);
    expect(url.pathname).toBe(`/preview/articles/${draftId}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ locale, status: 'draft', token: expect.stringMatching(/^\d+\.[A-Za-z0-9_-]{43}$/) });
    const expires = Number(url.searchParams.get('token')!.split('.')[0]);
    expect(expires - Date.now() / 1000).toBeGreaterThan(config().ttlSeconds - 60);
    expect(expires - Date.now() / 1000).toBeLessThanOrEqual(config().ttlSeconds);
  });

  it("treats the admin's 'modified' and a missing status as the draft, and answers the published version when asked", async () => {
    const modified = await previewUrlOf(superAdmin, { documentId: referenceId, locale: 'en', status: 'modified' });
    expect(new URL(modified.body.data.url, PUBLIC_URL).searchParams.get('status')).toBe('draft');
    const published = await previewUrlOf(superAdmin, { documentId: referenceId, locale: 'ru', status: 'published' });
    expect(new URL(published.body.data.url, PUBLIC_URL).searchParams.get('status')).toBe('published');
  });

  it('gives no link (204) for a version that does not exist, another type or an unknown locale', async () => {
    expect((await previewUrlOf(superAdmin, { documentId: draftId, locale: 'en', status: 'published' })).status).toBe(204);
    expect((await previewUrlOf(superAdmin, { documentId: 'abcdefghijklmnopqrstuvwx', locale: 'en', status: 'draft' })).status).toBe(204);
    expect((await previewUrlOf(superAdmin, { documentId: draftId, locale: 'de', status: 'draft' })).status).toBe(204);
    const source = await app.http().get(`/content-manager/preview/url/${SOURCE_UID}`).query({ documentId: draftId, locale: 'en' }).set(superAdmin);
    expect(source.status).toBe(204);
  });

  it('refuses an anonymous caller', async () => {
    const res = await app.http().get(`/content-manager/preview/url/${ARTICLE_UID}`).query({ documentId: draftId, locale: 'en', status: 'draft' });
    expect(res.status).toBe(401);
  });

  it('gives an Author a link to its own draft, and none to a draft it may not read', async () => {
    const author = await adminLogin(app, 'strapi-author');
    const own = await app.http().post(`/content-manager/collection-types/${ARTICLE_UID}?locale=en`).set(author).send({ title: 'An Author’s own draft', date: '2025-05-01', section: 'events' });
    expect(own.status).toBe(201);
    const ownId = own.body.data.documentId;
    const mine = await previewUrlOf(author, { documentId: ownId, locale: 'en', status: 'draft' });
    expect(mine.status).toBe(200);
    const page = await app.http().get(local(mine.body.data.url));
    expect(page.status).toBe(200);
    expect(page.text).toContain('An Author’s own draft');
    // The super admin's draft: the Content Manager would not show it to this Author either.
    const theirs = await previewUrlOf(author, { documentId: draftId, locale: 'en', status: 'draft' });
    expect(theirs.status).toBe(204);
    expect(theirs.body).toEqual({});
  });
});

describe('the draft on the built-in page', () => {
  const linkFor = async (locale: string) => local((await previewUrlOf(superAdmin, { documentId: draftId, locale, status: 'draft' })).body.data.url);

  it.each(LOCALES)('%s: the page shows the draft with the API’s credit line, JSON-LD and language links', async (locale) => {
    const res = await app.http().get(await linkFor(locale));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const api = (await content('get', `/api/articles/${draftId}?locale=${locale}&status=draft`)).body.data;
    const head = headOf(res.text);

    expect(head.lang).toBe(locale);
    // the credit line exactly as the API gives it
    expect(api.attribution.creditLineHtml).toBeTruthy();
    expect(head.credit).toBe(api.attribution.creditLineHtml);
    // one JSON-LD element; it parses and is the API's, though the title tries to end the element
    expect(head.jsonLd).toHaveLength(1);
    expect(JSON.parse(head.jsonLd[0])).toEqual(api.attribution.jsonLd);
    expect(api.attribution.jsonLd.headline).toContain('</script>');
    expect(head.jsonLd[0]).not.toMatch(/[<>&\u2028]/);
    expect(res.text.match(/<script/g)).toHaveLength(2); // the JSON-LD and the preview's reload
    // alternates: the API's; the language switcher names each other edition
    expect(head.alternates).toEqual(api.alternates);
    expect(head.alternates.map((alternate) => alternate.hreflang)).toEqual([...LOCALES, 'x-default']);
    // A token opens one version: the draft page never links another edition's draft (its reader
    // may not be allowed to read it), and these drafts have no published edition to link to.
    expect(res.text).not.toMatch(/<a href="\/preview\/[^"]*token=/);
    for (const other of LOCALES.filter((code) => code !== locale)) {
      expect(res.text).toMatch(new RegExp(`<li><span lang="${other}">[^<]+</span></li>`));
    }
    // a preview is never indexed and never kept by a cache
    expect(head.robots).toBe('noindex, nofollow');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-cache']).toBeUndefined();
    expect(res.headers.etag).toBeUndefined();
    // the admin (same origin) may frame it; nothing but its own style and script runs
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    // every text escaped: the title as text, never as markup
    expect(res.text).not.toContain('<script>alert(1)');
    expect(res.text).toContain(`<h1>${TITLES[locale].trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</h1>`);
  });

  it('is refused to the public, without a token, and with a wrong, tampered, expired or borrowed token: one 404 that tells nothing', async () => {
    const good = new URL(`http://x${await linkFor('en')}`);
    const tokenOf = good.searchParams.get('token')!;
    const [expires, signature] = tokenOf.split('.');
    const { secret } = config();
    const target = { uid: ARTICLE_UID, documentId: draftId, locale: 'en', status: 'draft' as const };
    const path = `/preview/articles/${draftId}`;
    const attempts: Record<string, string> = {
      'no token': `${path}?locale=en&status=draft`,
      'no status either': `${path}?locale=en`,
      'tampered signature': `${path}?locale=en&status=draft&token=${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      'later expiry, same signature': `${path}?locale=en&status=draft&token=${Number(expires) + 3600}.${signature}`,
      'expired': `${path}?locale=en&status=draft&token=${signPreviewToken(secret, target, { now: Date.now() - 7200_000, ttlSeconds: 3600 })}`,
      'another locale’s token': `${path}?locale=ru&status=draft&token=${tokenOf}`,
      'another document’s token': `/preview/articles/${referenceId}?locale=en&status=draft&token=${tokenOf}`,
      'signed with another key': `${path}?locale=en&status=draft&token=${previewTokenUntil('k'.repeat(44), target, Number(expires))}`,
      'malformed token': `${path}?locale=en&status=draft&token=not-a-token`,
      'a published version’s token for the draft': `${path}?locale=en&status=draft&token=${signPreviewToken(secret, { ...target, status: 'published' }, { ttlSeconds: 600 })}`,
    };
    const missing = await app.http().get(`/preview/articles/abcdefghijklmnopqrstuvwx?locale=en&status=draft&token=${previewTokenUntil(secret, { ...target, documentId: 'abcdefghijklmnopqrstuvwx' }, Number(expires))}`);
    expect(missing.status).toBe(404);
    for (const [what, url] of Object.entries(attempts)) {
      const res = await app.http().get(url);
      expect({ what, status: res.status }).toEqual({ what, status: 404 });
      // the same answer as for a draft that does not exist: no title, no hint of which check failed
      expect(res.text).toBe(missing.text);
      expect(res.text).not.toContain('Preview test');
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    // the same for a JSON client
    const json = await app.http().get(attempts['no token']).set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body.error.message).toMatch(/wrong or has expired/);
  });

  it('is stored by no cache: an edit shows at once, and the content API’s cache holds nothing of it', async () => {
    const link = await linkFor('ru');
    const before = await app.http().get(link);
    expect(before.text).toContain('Проверка предпросмотра');
    expect((await content('put', `/api/articles/${draftId}?locale=ru&status=draft`).send({ data: { summary: 'Исправленное резюме' } })).status).toBe(200);
    const after = await app.http().get(link);
    expect(after.text).toContain('Исправленное резюме');
    const cache = app.strapi.get('responseCache') as any;
    expect(await cache.lookup(cacheKeyOf('GET', link), 'identity')).toBeUndefined();
    expect(after.headers['x-cache']).toBeUndefined();
  });
});

describe('the published version', () => {
  it.each(LOCALES)('%s: open to anyone without a token, with the public API’s credit line and JSON-LD', async (locale) => {
    const res = await app.http().get(`/preview/articles/${referenceId}?locale=${locale}`);
    expect(res.status).toBe(200);
    const api = (await app.http().get(`/api/articles/${referenceId}?locale=${locale}`)).body.data;
    const head = headOf(res.text);
    expect(head.credit).toBe(api.attribution.creditLineHtml);
    expect(JSON.parse(head.jsonLd[0])).toEqual(api.attribution.jsonLd);
    expect(head.alternates).toEqual(api.alternates);
    expect(head.canonical).toBe(api.attribution.canonicalUrl);
    expect(head.robots).toBe('noindex, nofollow');
    expect(res.headers['cache-control']).toBe('no-cache');
    // the cover, absolute on PUBLIC_URL, and the language switcher without tokens
    expect(res.text).toContain(`<img src="${api.cover.url}"`);
    expect(res.text).not.toContain('token=');
  });

  it('from a draft, links another edition to its published page only, never to its draft', async () => {
    // The reference article is published in every locale and has drafts: its en draft's page.
    const link = (await previewUrlOf(superAdmin, { documentId: referenceId, locale: 'en', status: 'draft' })).body.data.url;
    const res = await app.http().get(local(link));
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/<a href="\/preview\/[^"]*token=/);
    for (const other of ['zh-Hans', 'ru']) {
      const match = new RegExp(`<a href="(/preview/articles/${referenceId}\\?locale=${other}&amp;status=published)" hreflang="${other}"`).exec(res.text);
      expect(match).not.toBeNull();
      const switched = await app.http().get(match![1].replace(/&amp;/g, '&'));
      expect(switched.status).toBe(200);
      expect(headOf(switched.text).lang).toBe(other);
    }
  });

  it('with a token for the published version too', async () => {
    const link = (await previewUrlOf(superAdmin, { documentId: referenceId, locale: 'zh-Hans', status: 'published' })).body.data.url;
    const res = await app.http().get(local(link));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
  });
});

describe('bad input', () => {
  it.each([
    ['an unknown locale', '?locale=de', ['locale'], /Unknown locale "de": use one of zh-Hans, en, ru/],
    ['a locale given twice', '?locale=en&locale=ru', ['locale'], /locale must be given once/],
    ['an unknown status', '?locale=en&status=modified', ['status'], /status must be draft or published/],
    ['an unknown parameter', '?locale=en&populate=*', ['populate'], /Unknown parameter populate/],
  ])('%s is a 400 naming it', async (_what, query, path, message) => {
    const res = await app.http().get(`/preview/articles/${referenceId}${query}`).set('Accept', 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.details.errors.map((error: any) => error.path)).toEqual([path]);
    const html = await app.http().get(`/preview/articles/${referenceId}${query}`);
    expect(html.status).toBe(400);
    expect(html.text.replace(/&quot;/g, '"')).toMatch(message);
  });

  it('an address that names no document is a 404 (a NUL a 400), never a 500', async () => {
    for (const id of ['..%2F..%2Fetc', 'A'.repeat(300), 'x%20y', '%E2%80%A8']) {
      const res = await app.http().get(`/preview/articles/${id}?locale=en`);
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
    }
    expect((await app.http().get('/preview/articles/%00?locale=en')).status).toBe(400);
  });
});
