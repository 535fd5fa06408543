import type { Browser, Frame, Page } from 'playwright-core';

import { adminSessionToken, api, BASE, editUrl, fullAccessToken, LAPTOP, launch, login, screenshot, withToken } from './browser';

/**
 * Preview as readers see it (docs/preview.md), in a real browser at 1440 × 900: a draft reprint
 * opened in the Content Manager, "Open preview" clicked, and the built-in page checked inside the
 * admin's preview frame in each locale: the credit line the API gives, the hreflang alternates,
 * and JSON-LD that parses to the API's. A screenshot per locale; the same address without its
 * token is a 404 for the public.
 */
let browser: Browser;
let adminToken: string;
let apiToken: string;
let documentId: string;

const adminApi = withToken(() => adminToken);
const contentApi = withToken(() => apiToken);

const LOCALES = ['zh-Hans', 'en', 'ru'] as const;
const TITLES: Record<string, string> = {
  'zh-Hans': '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开（预览）',
  en: 'Liaoning Undergraduate Innovation and Entrepreneurship Seminar Convened at LNU (preview)',
  ru: 'В Ляонинском университете прошёл семинар по инновационному образованию (предпросмотр)',
};
const BODIES: Record<string, string> = {
  'zh-Hans': '近日，辽宁省教育厅在辽宁大学召开全省本科大学生创新创业教育工作研讨会，部署2025年全省高校创新创业重点任务。',
  en: 'Recently, the Educational Department of Liaoning Province convened a seminar at Liaoning University on innovation and entrepreneurship education.',
  ru: 'На днях Департамент образования провинции Ляонин провёл в Ляонинском университете семинар по инновационному и предпринимательскому образованию.',
};

beforeAll(async () => {
  adminToken = await adminSessionToken();
  apiToken = await fullAccessToken(adminApi, 'e2e-preview');
  const sources = await api('/api/sources?locale=en&filters[key][$eq]=china-news-network-liaoning');
  const source = sources.body.data[0].documentId;
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
  const data = (locale: string) => ({
    title: TITLES[locale],
    date: '2025-03-22',
    section: 'news',
    source,
    summary: BODIES[locale].slice(0, 60),
    reprint: reprint(locale),
    body: [{ type: 'paragraph', children: [{ type: 'text', text: BODIES[locale] }] }, { type: 'paragraph', children: [{ type: 'text', text: BODIES[locale] }] }],
  });
  // a draft reprint in three editions, never published
  const created = await contentApi('POST', '/api/articles?locale=zh-Hans&status=draft', { data: data('zh-Hans') });
  expect(created.status).toBe(201);
  documentId = created.body.data.documentId;
  for (const locale of ['en', 'ru']) expect((await contentApi('PUT', `/api/articles/${documentId}?locale=${locale}&status=draft`, { data: data(locale) })).status).toBe(200);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** The preview frame once its page has loaded. */
const previewFrame = async (page: Page): Promise<Frame> => {
  const iframe = page.locator('iframe[data-testid="preview-iframe"]');
  await iframe.waitFor({ state: 'visible', timeout: 30000 });
  const frame = await (await iframe.elementHandle())!.contentFrame();
  await frame!.waitForSelector('article h1', { timeout: 30000 });
  return frame!;
};

describe.each(LOCALES)('Open preview of a draft reprint in %s', (locale) => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.newPage({ viewport: LAPTOP });
    await login(page);
  });

  afterAll(async () => {
    await page?.close();
  });

  it('shows the page readers will see, with the API’s credit line, alternates and JSON-LD', async () => {
    await page.goto(editUrl(documentId, locale));
    const open = page.getByRole('link', { name: /open preview/i });
    await open.waitFor({ state: 'visible', timeout: 30000 });
    await open.click();
    await page.waitForURL((url) => url.pathname.endsWith('/preview'), { timeout: 30000 });
    const frame = await previewFrame(page);

    const apiRead = await contentApi('GET', `/api/articles/${documentId}?locale=${locale}&status=draft`);
    const expected = apiRead.body.data;
    expect(new URL(frame.url()).pathname).toBe(`/preview/articles/${documentId}`);
    expect(await frame.locator('html').getAttribute('lang')).toBe(locale);
    expect(await frame.locator('article h1').textContent()).toBe(TITLES[locale]);
    // the credit line the API gives, as text and as markup
    expect(expected.attribution.creditLine).toBeTruthy();
    expect(await frame.locator('p.credit').textContent()).toBe(expected.attribution.creditLine);
    expect(await frame.locator('p.credit').innerHTML()).toBe(expected.attribution.creditLineHtml);
    // the hreflang alternates, one per edition and x-default
    const alternates = await frame.locator('link[rel="alternate"]').evaluateAll((links) => links.map((link) => ({ hreflang: link.getAttribute('hreflang'), href: link.getAttribute('href') })));
    expect(alternates).toEqual(expected.alternates);
    expect(alternates.map((alternate) => alternate.hreflang)).toEqual([...LOCALES, 'x-default']);
    // the JSON-LD parses, and is the API's
    const jsonLd = await frame.locator('script[type="application/ld+json"]').evaluateAll((scripts) => scripts.map((script) => JSON.parse(script.textContent ?? '')));
    expect(jsonLd).toEqual([expected.attribution.jsonLd]);
    expect(await frame.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex, nofollow');
    // the language switcher names the other editions; a preview link opens one version, so these
    // drafts (never published) are not linked: the Content Manager's locale menu previews each
    const named = await frame.locator('.languages li > span').evaluateAll((items) => items.map((item) => item.getAttribute('lang')));
    expect(named).toEqual(LOCALES);
    expect(await frame.locator('.languages a').count()).toBe(0);

    await screenshot(page, `preview-${locale}`);

    // the page's own address without its token: nothing for the public
    const url = new URL(frame.url());
    url.searchParams.delete('token');
    const anonymous = await fetch(`${BASE()}${url.pathname}${url.search}`);
    expect(anonymous.status).toBe(404);
    expect(await anonymous.text()).not.toContain(TITLES[locale]);
  });
});
