import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import en from '../../src/plugins/reprint-attribution/admin/src/translations/en.json';
import ru from '../../src/plugins/reprint-attribution/admin/src/translations/ru.json';
import zhHans from '../../src/plugins/reprint-attribution/admin/src/translations/zh-Hans.json';
import { fieldName } from '../../src/plugins/reprint-attribution/server/src/domain/messages';
import { adminSessionToken, api, BASE, dismissOverlays, fullAccessToken, LAPTOP, launch, login, screenshot, withToken } from './browser';

/**
 * The article list at a glance (#17), at a laptop's 1440 × 900 in each admin language: the
 * Attribution column in view without scrolling, what is missing in words, a published version
 * that is incomplete while its draft is not, and the list filtered to incomplete and expiring
 * reprints (Strapi's own list: its URL, its pagination, its status view).
 */
const WORDS: Record<string, Record<string, string>> = { en, 'zh-Hans': zhHans, ru };
const LANGUAGES = ['en', 'zh-Hans', 'ru'] as const;
const stamp = Date.now().toString(36);
const TITLES = {
  incomplete: `E2E list incomplete draft ${stamp}`,
  // its draft keeps the original's headline; its published version does not (refused once the headline check refuses)
  republish: `E2E list original headline ${stamp}`,
  expiring: `E2E list expiring permission ${stamp}`,
  complete: `E2E list complete ${stamp}`,
};
const LIST = `${BASE()}/admin/content-manager/collection-types/api::article.article`;

let browser: Browser;
let adminToken: string;
let apiToken: string;
let previousTitleCheck: string;

const adminApi = withToken(() => adminToken);
const contentApi = withToken(() => apiToken);
const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

const row = (page: Page, title: string) => page.locator('tbody tr', { hasText: title });
const cell = (page: Page, title: string) => row(page, title).getByTestId('attribution-cell');
/** The guided tour of a first visit (its "Skip" in the admin's language) and the banner. */
const dismissTour = async (page: Page) => {
  const skip = page.getByRole('button', { name: /^(skip|пропустить|跳过)$/i });
  if (await skip.count()) await skip.first().click({ timeout: 2000 }).catch(() => undefined);
  await dismissOverlays(page);
};
/** The column's cells once every row's status has arrived (one request for the page). */
const loadedCells = async (page: Page) => {
  await page.waitForFunction(
    () => {
      const rows = document.querySelectorAll('tbody tr').length;
      const done = document.querySelectorAll('tbody [data-testid="attribution-cell"], tbody [data-testid="attribution-own"]').length;
      return rows > 0 && rows === done;
    },
    undefined,
    { timeout: 30000 }
  );
  return page.locator('tbody [data-testid="attribution-cell"]');
};
/** Within the window, without scrolling anything sideways. */
const rightEdge = async (locator: Locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('not rendered');
  return box.x + box.width;
};

beforeAll(async () => {
  adminToken = await adminSessionToken();
  apiToken = await fullAccessToken(adminApi, 'e2e-list');
  const source = (await api('/api/sources?locale=en&filters[key][$eq]=china-news-network-liaoning')).body.data[0].documentId;
  const reprint = (overrides: Record<string, unknown>) => ({
    isReprint: true,
    originalTitle: 'Original headline',
    originalUrl: 'https://www.ln.chinanews.com.cn/news/e2e-list.shtml',
    originalPublishedAt: '2025-06-01',
    originalLanguage: 'zh-Hans',
    reprintType: 'translation',
    license: 'statutory-news-exception',
    ...overrides,
  });
  const create = async (title: string, data: Record<string, unknown>, status?: 'draft') => {
    const res = await contentApi('POST', `/api/articles?locale=en${status ? '&status=draft' : ''}`, { data: { title, date: '2025-06-02', ...data } });
    expect([title, res.status]).toEqual([title, 201]);
    return res.body.data.documentId as string;
  };

  await create(TITLES.incomplete, { reprint: { isReprint: true, originalTitle: 'Only a title' } }, 'draft');
  await create(TITLES.expiring, { source, reprint: reprint({ license: 'all-rights-reserved-with-permission', permissionGrantedBy: 'Rights desk', permissionExpiresAt: day(10) }) });
  await create(TITLES.complete, { source, reprint: reprint({}) });
  // A full reprint in the original's language published under another headline (the headline
  // check only warns by default), whose draft then gets the original's headline back; once the
  // newsroom makes the check refuse, readers' version is incomplete and the draft is not.
  const full = reprint({ originalTitle: TITLES.republish, originalLanguage: 'en', reprintType: 'full' });
  const republish = await create(`${TITLES.republish} (edited)`, { source, reprint: full });
  expect((await contentApi('PUT', `/api/articles/${republish}?locale=en&status=draft`, { data: { title: TITLES.republish } })).status).toBe(200);
  previousTitleCheck = (await adminApi('GET', '/reprint-attribution/settings')).body.data.titleCheck;
  expect((await adminApi('PUT', '/reprint-attribution/settings', { titleCheck: 'error' })).status).toBe(200);
  const live = (await api(`/api/reprint-attribution/article/${republish}?locale=en`)).body.data;
  expect(live).toMatchObject({ complete: false, missing: ['title'] });

  browser = await launch();
});

afterAll(async () => {
  if (adminToken) {
    await adminApi('PUT', '/reprint-attribution/settings', { titleCheck: previousTitleCheck ?? 'warn' });
    await adminApi('PUT', '/admin/users/me', { preferedLanguage: 'en' });
  }
  await browser?.close();
});

describe.each(LANGUAGES)('the article list in the %s admin', (language) => {
  const words = WORDS[language];
  const t = (key: string, values: Record<string, string | number> = {}) => words[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? `{${name}}`));
  let context: BrowserContext;
  let page: Page;

  const filterTo = async (option: string) => {
    await dismissTour(page);
    await page.getByRole('combobox', { name: words['list.filter.label'] }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    expect((await adminApi('PUT', '/admin/users/me', { preferedLanguage: language })).status).toBe(200);
    context = await browser.newContext({ viewport: LAPTOP });
    page = await context.newPage();
    await login(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the Attribution column in view, right after the title, with what is missing in words', async () => {
    await page.goto(`${LIST}?plugins[i18n][locale]=en&page=1&pageSize=100&sort=updatedAt:DESC`);
    // (Strapi's list is a grid: its header cells are `th` elements with the role gridcell)
    const header = page.locator('thead th').filter({ hasText: new RegExp(`^\\s*${words['list.header']}\\s*$`) });
    await header.waitFor({ timeout: 30000 });
    await cell(page, TITLES.incomplete).waitFor({ timeout: 30000 });
    // the guided tour of a first visit opens once the list is there
    await page.waitForTimeout(500);
    await dismissTour(page);
    expect(await rightEdge(header)).toBeLessThanOrEqual(LAPTOP.width);
    const headers = (await page.locator('thead th').allTextContents()).map((text) => text.trim());
    const titleAt = headers.findIndex((text) => text === fieldName('title', language) || /^(Title|Headline|标题|Заголовок)$/.test(text));
    expect(headers.indexOf(words['list.header'])).toBe(titleAt + 1);

    // a draft that needs its source and more: in words, in the admin's language
    const incomplete = cell(page, TITLES.incomplete);
    expect(await rightEdge(incomplete)).toBeLessThanOrEqual(LAPTOP.width);
    const text = (await incomplete.getByTestId('attribution-incomplete').textContent()) ?? '';
    expect(text.startsWith(t('list.incompleteFields', { fields: '' }).trim())).toBe(true);
    for (const key of ['source', 'originalUrl', 'originalPublishedAt', 'license']) expect(text).toContain(fieldName(key, language));
    expect(text).not.toMatch(/reprint\.|originalUrl/);

    expect(await cell(page, TITLES.complete).getByTestId('attribution-complete').textContent()).toBe(words['list.complete']);
    const expiring = await cell(page, TITLES.expiring).getByTestId('attribution-permission-expiring').textContent();
    expect(expiring).toMatch(/10|9/);
    await screenshot(page, `list-${language}-column`);
  });

  it('shows a published version that is incomplete while its draft is not', async () => {
    const republish = cell(page, TITLES.republish);
    const text = (await republish.getByTestId('attribution-published-incomplete').textContent({ timeout: 10000 })) ?? '';
    expect(text).toBe(t('list.publishedIncomplete', { fields: fieldName('title', language) }));
    expect(await republish.getByTestId('attribution-incomplete').count()).toBe(0);
    expect(await republish.getByTestId('attribution-complete').count()).toBe(0);
    expect(await republish.getByTestId('attribution-republish').textContent()).toBe(words['list.republish']);
    expect(await rightEdge(republish)).toBeLessThanOrEqual(LAPTOP.width);
    await republish.scrollIntoViewIfNeeded();
    await screenshot(page, `list-${language}-published-incomplete`);
  });

  it('filters the list to incomplete reprints, then to expiring ones, and back to all', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await filterTo(words['list.filter.incomplete']);
    await page.waitForURL(/__attribution/);
    await row(page, TITLES.complete).waitFor({ state: 'detached', timeout: 30000 });
    await cell(page, TITLES.incomplete).waitFor({ timeout: 30000 });
    await cell(page, TITLES.republish).waitFor({ timeout: 30000 });
    expect(await row(page, TITLES.expiring).count()).toBe(0);
    // every row shown is incomplete in its draft or in its published version
    const cells = await loadedCells(page);
    const shown = await cells.count();
    expect(shown).toBeGreaterThan(1);
    for (let index = 0; index < shown; index += 1) {
      expect(await cells.nth(index).locator('[data-testid="attribution-incomplete"], [data-testid="attribution-published-incomplete"]').count()).toBeGreaterThan(0);
    }
    await screenshot(page, `list-${language}-filter-incomplete`);

    const expiringLabel = t('list.filter.expiring', { days: 30 });
    await filterTo(expiringLabel);
    await cell(page, TITLES.expiring).waitFor({ timeout: 30000 });
    await row(page, TITLES.incomplete).waitFor({ state: 'detached', timeout: 30000 });
    expect(await row(page, TITLES.complete).count()).toBe(0);
    const expiringCells = await loadedCells(page);
    for (let index = 0; index < (await expiringCells.count()); index += 1) {
      expect(await expiringCells.nth(index).getByTestId('attribution-permission-expiring').count()).toBe(1);
    }
    await screenshot(page, `list-${language}-filter-expiring`);

    // cleared: every document again
    await filterTo(words['list.filter.all']);
    await cell(page, TITLES.complete).waitFor({ timeout: 30000 });
    expect(page.url()).not.toContain('__attribution');
  });

  it('filters the published view by the published versions', async () => {
    await page.goto(`${LIST}?plugins[i18n][locale]=en&page=1&pageSize=100&filters[$and][0][__status][$eq]=published&filters[$and][1][__attribution][$eq]=incomplete`);
    await cell(page, TITLES.republish).waitFor({ timeout: 30000 });
    await dismissTour(page);
    // never published: not in the published view
    expect(await row(page, TITLES.incomplete).count()).toBe(0);
    expect(await row(page, TITLES.complete).count()).toBe(0);
    // the select shows the filter the URL carries
    expect(await page.getByRole('combobox', { name: words['list.filter.label'] }).textContent()).toContain(words['list.filter.incomplete']);
    await screenshot(page, `list-${language}-published-view`);
  });
});
