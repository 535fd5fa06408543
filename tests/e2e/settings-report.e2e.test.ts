import fs from 'node:fs';

import type { Browser, Page } from 'playwright-core';

import { adminSessionToken, api, BASE, dismissOverlays, fullAccessToken, LAPTOP, launch, login, screenshot, withToken } from './browser';

/**
 * The settings page and the report as an editor meets them, at a laptop's 1440 × 900, in each
 * admin language: the placeholder picker, the unsaved-changes warning, developer hints for super
 * admins only, the report's statuses, filter and dates, and its CSV.
 */
const LANGUAGES = ['en', 'zh-Hans', 'ru'] as const;
type Language = (typeof LANGUAGES)[number];
const CANCEL: Record<Language, string> = { en: 'Cancel', 'zh-Hans': '取消', ru: 'Отменить' };
const CONFIRM: Record<Language, string> = { en: 'Confirm', 'zh-Hans': '确认', ru: 'Подтвердить' };
const CSV_HEADER: Record<Language, string> = { en: 'Status,Title,Locale', 'zh-Hans': '状态,标题,语言版本', ru: 'Статус,Заголовок,Язык версии' };
const EDITOR = { email: 'reprint-desk@example.edu', password: 'Reprint-Desk-2025' };

let browser: Browser;
let adminToken: string;
let apiToken: string;
const titles = { expiring: 'E2E report: permission ending soon', altered: 'E2E report: headline altered' };
let soon: string;

const adminApi = withToken(() => adminToken);
const contentApi = withToken(() => apiToken);

/** A page of a fresh browser context, logged in (the admin's language is read at login). */
const openAs = async (email?: string, password?: string) => {
  const context = await browser.newContext({ viewport: LAPTOP, acceptDownloads: true });
  const page = await context.newPage();
  await login(page, email, password);
  return page;
};

beforeAll(async () => {
  adminToken = await adminSessionToken();
  apiToken = await fullAccessToken(adminApi, 'e2e-report');

  // Two published English reprints: one whose permission ends within the report's window, one
  // whose headline differs from the original's (incomplete once the headline check refuses that).
  const source = (await api('/api/sources?locale=en&filters[key][$eq]=china-news-network-liaoning')).body.data[0].documentId;
  const settings = await adminApi('GET', '/reprint-attribution/settings');
  const timeZone = settings.body.data.developer.timeZone as string;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  soon = new Date(Date.parse(`${today}T00:00:00Z`) + 12 * 86400000).toISOString().slice(0, 10);
  const base = { isReprint: true, originalUrl: 'https://www.ln.chinanews.com.cn/news/e2e.shtml', originalPublishedAt: '2025-06-01', originalAuthors: 'Zhang San' };
  for (const [title, reprint] of [
    [titles.expiring, { ...base, originalTitle: '原标题', originalLanguage: 'zh-Hans', reprintType: 'translation', license: 'all-rights-reserved-with-permission', permissionGrantedBy: 'Rights desk', permissionExpiresAt: soon }],
    [titles.altered, { ...base, originalTitle: 'The original headline', originalLanguage: 'en', reprintType: 'full', license: 'cc-by-4.0' }],
  ] as const) {
    const created = await contentApi('POST', '/api/articles?locale=en', { data: { title, date: '2025-06-02', source, reprint } });
    expect(created.status).toBe(201);
  }

  // An editor of the newsroom: a role that may read the plugin's pages (not change its settings).
  const role = await adminApi('POST', '/admin/roles', { name: `Reprint desk ${Date.now()}`, description: 'e2e: reads the reprint settings and report' });
  expect(role.status).toBe(201);
  expect((await adminApi('PUT', `/admin/roles/${role.body.data.id}/permissions`, { permissions: [{ action: 'plugin::reprint-attribution.read', subject: null, properties: {}, conditions: [] }] })).status).toBe(200);
  const invited = await adminApi('POST', '/admin/users', { firstname: 'Reprint', lastname: 'Desk', email: EDITOR.email, roles: [role.body.data.id] });
  expect(invited.status).toBe(201);
  const registered = await fetch(`${BASE()}/admin/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ registrationToken: invited.body.data.registrationToken, userInfo: { firstname: 'Reprint', lastname: 'Desk', password: EDITOR.password } }),
  });
  expect(registered.status).toBe(200);

  browser = await launch();
});

afterAll(async () => {
  // Other test files find the settings and the admin's language as they were.
  await adminApi('PUT', '/reprint-attribution/settings', { titleCheck: 'warn' });
  await adminApi('PUT', '/admin/users/me', { preferedLanguage: 'en' });
  await browser?.close();
});

describe.each(LANGUAGES)('in the %s admin', (language) => {
  let page: Page;

  beforeAll(async () => {
    expect((await adminApi('PUT', '/admin/users/me', { preferedLanguage: language })).status).toBe(200);
    page = await openAs();
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('the placeholder picker inserts at the cursor, with each placeholder’s meaning, and the preview follows', async () => {
    const settings = (await adminApi('GET', '/reprint-attribution/settings')).body.data;
    const example = settings.examples.en;
    await page.goto(`${BASE()}/admin/settings/reprint-attribution`);
    await dismissOverlays(page);
    const template = page.getByTestId('template-en');
    await template.waitFor({ timeout: 20000 });
    // each placeholder with its meaning in the admin's language
    const picker = page.getByTestId('placeholder-picker');
    await picker.waitFor({ timeout: 10000 });
    const sourceName = settings.placeholders.find((item: any) => item.name === 'sourceName');
    expect(await page.getByTestId('placeholder-sourceName').textContent()).toContain(sourceName.meaning);

    await template.fill('{sourceName} | {originalTitle}');
    await template.evaluate((element: HTMLTextAreaElement) => {
      element.focus();
      element.setSelectionRange('{sourceName} '.length, '{sourceName} '.length);
    });
    await page.getByTestId('placeholder-authors').click();
    await expect(template.inputValue()).resolves.toBe('{sourceName} {authors}| {originalTitle}');
    // the cursor stays after what was inserted: typing goes on from there
    await page.keyboard.type(' ');
    await expect(template.inputValue()).resolves.toBe('{sourceName} {authors} | {originalTitle}');
    const expected = `${example.sourceName} ${example.authors} | ${example.originalTitle}`;
    await page.waitForFunction((text) => document.querySelector('[data-testid="preview-en"]')?.textContent === text, expected, { timeout: 10000 });
    await screenshot(page, `settings-picker-${language}`);
  });

  it('asks before leaving with unsaved edits; staying keeps the edit', async () => {
    const template = page.getByTestId('template-en');
    const edited = await template.inputValue();
    // closing or reloading the tab: the browser's own prompt
    expect(await page.evaluate(() => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    })).toBe(true);

    await page.locator('a[href="/admin/content-manager"]').first().click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 10000 });
    await screenshot(page, `settings-unsaved-${language}`);
    await dialog.getByRole('button', { name: CANCEL[language] }).click();
    await dialog.waitFor({ state: 'detached', timeout: 5000 });
    expect(new URL(page.url()).pathname).toBe('/admin/settings/reprint-attribution');
    await expect(template.inputValue()).resolves.toBe(edited);

    // leaving on purpose: nothing was saved
    await page.locator('a[href="/admin/content-manager"]').first().click();
    await page.getByRole('alertdialog').getByRole('button', { name: CONFIRM[language] }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/admin/content-manager'), { timeout: 10000 });
    expect((await adminApi('GET', '/reprint-attribution/settings')).body.data.templates.en).not.toBe(edited);
  });

  it('shows the configuration, with its environment variables, to a super admin', async () => {
    await page.goto(`${BASE()}/admin/settings/reprint-attribution`);
    const developer = page.getByTestId('developer-settings');
    await developer.waitFor({ timeout: 20000 });
    expect(await developer.textContent()).toContain('SITE_ARTICLE_URL');
    await developer.scrollIntoViewIfNeeded();
    await screenshot(page, `settings-developer-${language}`);
  });

  it('reports every reprint with its status, filters by status and writes dates in the admin’s locale', async () => {
    expect((await adminApi('PUT', '/reprint-attribution/settings', { titleCheck: 'error' })).status).toBe(200);
    await page.goto(`${BASE()}/admin/plugins/reprint-attribution`);
    const rows = page.getByTestId('report-row');
    await rows.first().waitFor({ timeout: 20000 });
    const statuses = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status')));
    expect(statuses).toEqual(expect.arrayContaining(['incomplete', 'expiring', 'complete']));
    // the altered headline: incomplete, naming the field by its label (not `title`)
    const altered = page.locator('[data-testid="report-row"][data-status="incomplete"]', { hasText: titles.altered });
    await altered.waitFor({ timeout: 10000 });
    const label = (await adminApi('GET', `/reprint-attribution/report?status=incomplete`)).body.data; // the admin API answers in the profile's language
    const row = label.reprints.find((entry: any) => entry.title === titles.altered);
    expect(await altered.locator('[data-path="title"]').textContent()).toBe(row.missingFields[0].label);
    await screenshot(page, `report-${language}`);

    await page.getByTestId('report-filter-expiring').click();
    const expiring = page.locator('[data-testid="report-row"]', { hasText: titles.expiring });
    await expiring.waitFor({ timeout: 10000 });
    expect(new Set(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status'))))).toEqual(new Set(['expiring']));
    // the permission's date as the admin's locale writes it
    const date = await page.evaluate(([day, locale]) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)), [soon, language]);
    expect(await expiring.getByTestId('report-permission').textContent()).toContain(date);
    expect(await expiring.getByTestId('report-original-date').textContent()).toBe(
      await page.evaluate((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date('2025-06-01T00:00:00Z')), language)
    );
    await screenshot(page, `report-expiring-${language}`);
  });

  it('downloads the filtered report as CSV, with a byte order mark and a header in the admin’s language', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^reprint-report-\d{4}-\d{2}-\d{2}-expiring\.csv$/);
    const bytes = fs.readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0].startsWith(CSV_HEADER[language])).toBe(true);
    const body = lines.slice(1).filter(Boolean);
    expect(body.length).toBeGreaterThan(0);
    expect(body.some((line) => line.includes(titles.expiring) && line.includes(soon))).toBe(true);
    expect(body.some((line) => line.includes(titles.altered))).toBe(false);
    await screenshot(page, `report-csv-${language}`);
  });
});

describe('an editor (a role that may read the plugin’s pages)', () => {
  it('sees the settings without developer hints or environment variables', async () => {
    const page = await openAs(EDITOR.email, EDITOR.password);
    try {
      await page.goto(`${BASE()}/admin/settings/reprint-attribution`);
      await page.getByTestId('template-en').waitFor({ timeout: 20000 });
      await page.getByTestId('preview-en').waitFor({ timeout: 10000 });
      await page.waitForTimeout(1000);
      expect(await page.getByTestId('developer-settings').count()).toBe(0);
      expect(await page.locator('body').textContent()).not.toMatch(/SITE_ARTICLE_URL|PUBLIC_URL|CRON_ENABLED|config\/plugins/);
      await screenshot(page, 'settings-editor');
      // …and the report, with its CSV (of the documents its role may read in the Content Manager: none here)
      await page.goto(`${BASE()}/admin/plugins/reprint-attribution`);
      await page.getByTestId('report-filter').waitFor({ timeout: 20000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-csv').click()]);
      expect(fs.readFileSync((await download.path()) as string, 'utf8').startsWith(`\uFEFF${CSV_HEADER.en}`)).toBe(true);
      await screenshot(page, 'report-editor');
    } finally {
      await page.context().close();
    }
  });
});
