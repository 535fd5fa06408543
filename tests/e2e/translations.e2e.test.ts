import fs from 'node:fs';
import path from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';

import { adminSessionToken, BASE, dismissOverlays, editUrl, fullAccessToken, LAPTOP, launch, login, screenshot, withToken } from './browser';

/**
 * The translation desk as an editor meets it at a laptop's 1440 × 900, in each admin language
 * (issue #18, docs/translations.md): the Translations page's counts and cells for an article whose
 * Russian edition is missing and whose English one fell behind a corrected Chinese title, its
 * filters (kept in the address), one click creating and opening the missing edition, and the
 * edit view's badge with what changed and "Mark as reviewed".
 */
const ARTICLE = 'api::article.article';

const LANGUAGES = [
  {
    code: 'en',
    title: 'Translations',
    names: { 'zh-Hans': 'Chinese', en: 'English', ru: 'Russian' },
    states: { missing: 'Missing', published: 'Published', draft: 'Draft', stale: 'Stale' },
    headline: 'Headline',
    changed: '(Headline).',
    stale: 'This edition is stale: the Chinese original changed on',
    review: 'Mark as reviewed',
    current: 'Up to date with the Chinese original.',
  },
  {
    code: 'zh-Hans',
    title: '翻译',
    names: { 'zh-Hans': '中文', en: '英文', ru: '俄文' },
    states: { missing: '缺失', published: '已发布', draft: '草稿', stale: '已过时' },
    headline: '标题',
    changed: '（标题）。',
    stale: '此版本已过时：中文原文已于',
    review: '标记为已审阅',
    current: '与中文原文一致。',
  },
  {
    code: 'ru',
    title: 'Переводы',
    names: { 'zh-Hans': 'Китайский', en: 'Английский', ru: 'Русский' },
    states: { missing: 'Отсутствует', published: 'Опубликовано', draft: 'Черновик', stale: 'Устарело' },
    headline: 'Заголовок',
    changed: '(Заголовок).',
    stale: 'Эта версия устарела: китайский оригинал изменён',
    review: 'Отметить как проверенное',
    current: 'Версия актуальна: расхождений с оригиналом нет.',
  },
] as const;

type Language = (typeof LANGUAGES)[number];

let browser: Browser;
let adminToken: string;
let apiToken: string;
const adminApi = withToken(() => adminToken);
const contentApi = withToken(() => apiToken);

const pageUrl = (query = '') => `${BASE()}/admin/plugins/translation-desk${query}`;
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];
const statusOf = async (query: Record<string, string>) => {
  const res = await adminApi('GET', `/translation-desk/status?${new URLSearchParams({ type: ARTICLE, pageSize: '200', ...query })}`);
  expect(res.status).toBe(200);
  return res.body;
};

/** Whether an element lies wholly within the 1440 × 900 viewport's width, and starts within its height. */
const onScreen = async (locator: Locator) => {
  const box = await locator.boundingBox();
  return Boolean(box && box.x >= 0 && box.x + box.width <= LAPTOP.width && box.y >= 0 && box.y < LAPTOP.height);
};
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.querySelector('main')!.scrollWidth <= document.querySelector('main')!.clientWidth + 1);

const cell = (row: Locator, locale: string) => row.locator(`[data-testid="translation-cell"][data-locale="${locale}"]`);
const counts = async (page: Page, locale: string) =>
  Object.fromEntries(
    await page
      .locator(`[data-testid="translations-count"][data-locale="${locale}"] [data-count]`)
      .evaluateAll((items) => items.map((item) => [item.getAttribute('data-count'), Number(item.querySelector('[data-testid="translations-count-value"]')?.textContent)]))
  );
/** Picks an option of one of the page's selects (the design system's: a combobox and a listbox). */
const choose = async (page: Page, name: string, option: string) => {
  await page.locator(`[role="combobox"][name="${name}"]`).click();
  await page.getByRole('option', { name: option, exact: true }).click();
};
/** Until the table shows the answer to a request with these parameters (the page marks what it loaded). */
const waitForRows = async (page: Page, params: Record<string, string> = {}) => {
  await page.waitForFunction(
    (expected) => {
      const loaded = document.querySelector('main')?.getAttribute('data-loaded');
      if (!loaded) return false;
      const query = JSON.parse(loaded);
      return Object.entries(expected).every(([key, value]) => (value === '' ? !(key in query) : String(query[key]) === value));
    },
    params,
    { timeout: 20000 }
  );
};

/** The page's own words in an admin language (its translations file). */
const messages = (code: string): Record<string, string> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'plugins', 'translation-desk', 'admin', 'src', 'translations', `${code}.json`), 'utf8'));

/**
 * An editor whose role is the Editor's for articles, except that it may create and update only
 * the Chinese and English editions, with the desk's read permission: made through the admin API
 * (a role, an invited user, its registration), as an administrator would.
 */
let restricted: { email: string; password: string; token: string };
const createRestrictedEditor = async () => {
  const roles = await adminApi('GET', '/admin/roles');
  const editor = roles.body.data.find((role: any) => role.code === 'strapi-editor');
  const permissions = (await adminApi('GET', `/admin/roles/${editor.id}/permissions`)).body.data.filter((permission: any) => permission.subject === ARTICLE);
  const role = await adminApi('POST', '/admin/roles', { name: `Editor without Russian ${Date.now()}`, description: 'e2e: may not create Russian editions' });
  expect(role.status).toBe(201);
  const limited = permissions.map((permission: any) => ({
    action: permission.action,
    subject: permission.subject,
    properties: ['plugin::content-manager.explorer.create', 'plugin::content-manager.explorer.update'].includes(permission.action) ? { ...permission.properties, locales: ['zh-Hans', 'en'] } : permission.properties,
    conditions: [],
  }));
  const assigned = await adminApi('PUT', `/admin/roles/${role.body.data.id}/permissions`, {
    permissions: [...limited, { action: 'plugin::translation-desk.read', subject: null, properties: {}, conditions: [] }],
  });
  expect(assigned.status).toBe(200);
  const email = `desk-no-ru-${Date.now()}@example.edu`;
  const password = `E2e-${Date.now().toString(36)}-Aa1`;
  const invited = await adminApi('POST', '/admin/users', { firstname: 'Vera', lastname: 'Editor', email, roles: [role.body.data.id] });
  expect(invited.status).toBe(201);
  const registered = await fetch(`${BASE()}/admin/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ registrationToken: invited.body.data.registrationToken, userInfo: { firstname: 'Vera', lastname: 'Editor', password } }),
  });
  expect(registered.status).toBe(200);
  restricted = { email, password, token: ((await registered.json()) as any).data.token };
};

beforeAll(async () => {
  adminToken = await adminSessionToken();
  apiToken = await fullAccessToken(adminApi, 'e2e-translations');
  browser = await launch();
  await createRestrictedEditor();
});

afterAll(async () => {
  await adminApi('PUT', '/admin/users/me', { preferedLanguage: 'en' });
  await browser?.close();
});

describe.each(LANGUAGES)('the translation desk in the $code admin at 1440 × 900', (language: Language) => {
  let page: Page;
  let documentId: string;
  // a word found in this run's article only (the search box narrows the table to it)
  const token = `tdesk${language.code.replace('-', '').toLowerCase()}${Date.now().toString(36)}`;
  const zhTitle = `${token} 辽宁大学召开翻译工作研讨会`;
  const zhCorrected = `${token} 辽宁大学召开第二届翻译工作研讨会`;

  beforeAll(async () => {
    // The situation: written in Chinese, translated into English, then the Chinese title
    // corrected (so the English edition is stale); no Russian edition.
    const zh = await contentApi('POST', '/api/articles?locale=zh-Hans', {
      data: { title: zhTitle, summary: '研讨会纪要', body: paragraph('会议于三月二十二日举行。'), date: '2025-06-10', section: 'news' },
    });
    expect(zh.status).toBe(201);
    documentId = zh.body.data.documentId;
    const en = await contentApi('PUT', `/api/articles/${documentId}?locale=en`, {
      data: { title: `${token} LNU holds a seminar on translation`, summary: 'Minutes of the seminar', body: paragraph('The seminar was held on 22 March.') },
    });
    expect(en.status).toBe(200);
    const corrected = await contentApi('PUT', `/api/articles/${documentId}?locale=zh-Hans`, { data: { title: zhCorrected } });
    expect(corrected.status).toBe(200);
    const row = (await statusOf({ q: token })).data.find((entry: any) => entry.documentId === documentId);
    expect(row.cells.en).toMatchObject({ stale: true, translatedFrom: 'zh-Hans', changedFields: ['title'] });
    expect(row.cells.ru).toMatchObject({ state: 'missing' });

    expect((await adminApi('PUT', '/admin/users/me', { preferedLanguage: language.code })).status).toBe(200);
    const context = await browser.newContext({ viewport: LAPTOP });
    page = await context.newPage();
    await login(page);
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('shows the counts per locale and one row per document, with each edition’s state and the stale mark, on screen without scrolling sideways', async () => {
    await page.goto(pageUrl());
    await dismissOverlays(page);
    await page.getByTestId('translations-table').waitFor({ timeout: 30000 });
    await waitForRows(page, { q: '', stale: '', missing: '' });
    // the whole set's counts, as the API gives them
    const all = await statusOf({ pageSize: '1' });
    for (const locale of ['zh-Hans', 'en', 'ru']) expect(await counts(page, locale)).toEqual(all.counts[locale]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(language.title);
    expect(await page.locator('[data-testid="translations-table"] thead th').allTextContents()).toEqual(expect.arrayContaining(Object.values(language.names)));

    // narrowed to this run's article: the cells and the counts of that one document
    await page.locator('#translations-search').fill(token);
    await page.waitForURL((url) => url.search.includes(`q=${token}`), { timeout: 10000 });
    await waitForRows(page, { q: token });
    const rows = page.getByTestId('translations-row');
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-document-id')).toBe(documentId);
    expect(await row.getByTestId('translations-title').textContent()).toBe(zhCorrected);
    expect(await cell(row, 'zh-Hans').getAttribute('data-state')).toBe('published');
    expect(await cell(row, 'zh-Hans').getAttribute('data-stale')).toBe('false');
    expect(await cell(row, 'en').getAttribute('data-state')).toBe('published');
    expect(await cell(row, 'en').getAttribute('data-stale')).toBe('true');
    expect(await cell(row, 'ru').getAttribute('data-state')).toBe('missing');
    // in the admin's language
    expect(await cell(row, 'en').textContent()).toContain(language.states.published);
    expect(await cell(row, 'en').textContent()).toContain(language.states.stale);
    expect(await cell(row, 'ru').textContent()).toContain(language.states.missing);
    expect(await counts(page, 'zh-Hans')).toEqual({ missing: 0, draft: 0, published: 1, modified: 0, stale: 0 });
    expect(await counts(page, 'en')).toEqual({ missing: 0, draft: 0, published: 1, modified: 0, stale: 1 });
    expect(await counts(page, 'ru')).toEqual({ missing: 1, draft: 0, published: 0, modified: 0, stale: 0 });
    // what the editor sees: the table's row and every locale's cell on screen, nothing to scroll sideways
    expect(await noHorizontalScroll(page)).toBe(true);
    for (const locale of ['zh-Hans', 'en', 'ru']) expect(await onScreen(cell(row, locale))).toBe(true);
    expect(await onScreen(page.getByTestId('translations-counts'))).toBe(true);
    await screenshot(page, `translations-page-${language.code}`);
  });

  it('filters by “stale” and by “missing in ru”, and keeps the filters in the address', async () => {
    await page.goto(pageUrl());
    await page.getByTestId('translations-table').waitFor({ timeout: 30000 });
    await waitForRows(page, { q: '', stale: '', missing: '' });

    await choose(page, 'stale', language.names.en);
    await page.waitForURL((url) => url.search.includes('stale=true') && url.search.includes('locale=en'), { timeout: 10000 });
    await waitForRows(page, { stale: 'true', locale: 'en' });
    const rows = page.getByTestId('translations-row');
    await rows.first().waitFor({ timeout: 10000 });
    // every row has a stale English edition, and this run's article is among them
    const staleEn = await rows.evaluateAll((elements) => elements.map((element) => element.querySelector('[data-testid="translation-cell"][data-locale="en"]')?.getAttribute('data-stale')));
    expect(new Set(staleEn)).toEqual(new Set(['true']));
    const expected = await statusOf({ stale: 'true', locale: 'en' });
    expect(await rows.count()).toBe(Math.min(expected.meta.pagination.total, 20));
    expect(expected.data.some((entry: any) => entry.documentId === documentId)).toBe(true);
    expect(await counts(page, 'en')).toEqual(expected.counts.en);
    expect(await noHorizontalScroll(page)).toBe(true);
    await screenshot(page, `translations-stale-${language.code}`);

    // a shared link opens the same view
    const address = page.url();
    await page.goto(address);
    await page.getByTestId('translations-table').waitFor({ timeout: 30000 });
    await waitForRows(page, { stale: 'true', locale: 'en' });
    expect(await page.locator('[role="combobox"][name="stale"]').textContent()).toContain(language.names.en);
    expect(await page.getByTestId('translations-row').count()).toBe(Math.min(expected.meta.pagination.total, 20));

    await page.getByTestId('translations-clear').click();
    await page.waitForURL((url) => !url.search.includes('stale='), { timeout: 10000 });
    await choose(page, 'missing', language.names.ru);
    await page.waitForURL((url) => url.search.includes('missing=ru'), { timeout: 10000 });
    await waitForRows(page, { missing: 'ru', stale: '' });
    await rows.first().waitFor({ timeout: 10000 });
    const ruStates = await rows.evaluateAll((elements) => elements.map((element) => element.querySelector('[data-testid="translation-cell"][data-locale="ru"]')?.getAttribute('data-state')));
    expect(new Set(ruStates)).toEqual(new Set(['missing']));
    const missing = await statusOf({ missing: 'ru' });
    expect(missing.data.some((entry: any) => entry.documentId === documentId)).toBe(true);
    expect(await counts(page, 'ru')).toEqual(missing.counts.ru);
    expect(missing.counts.ru.missing).toBe(missing.meta.pagination.total);
    await screenshot(page, `translations-missing-${language.code}`);
  });

  it('offers “Create from the original” only where the editor’s role may create the edition', async () => {
    const words = messages(language.code);
    const asRestricted = withToken(() => restricted.token);
    expect((await asRestricted('PUT', '/admin/users/me', { preferedLanguage: language.code })).status).toBe(200);
    const context = await browser.newContext({ viewport: LAPTOP });
    try {
      const editorPage = await context.newPage();
      await login(editorPage, restricted.email, restricted.password);
      await editorPage.goto(pageUrl(`?q=${token}`));
      const row = editorPage.locator(`[data-testid="translations-row"][data-document-id="${documentId}"]`);
      await row.waitFor({ timeout: 30000 });
      // Russian is missing, and this role may not create it: the state, no offer, and why (for screen readers and the tooltip)
      const ru = cell(row, 'ru');
      expect(await ru.getAttribute('data-state')).toBe('missing');
      expect(await ru.textContent()).toContain(language.states.missing);
      expect(await ru.textContent()).not.toContain(words['cell.create']);
      expect(await ru.evaluate((element) => element.tagName)).toBe('SPAN');
      const reason = words['cell.missingAction'].replace('{locale}', language.names.ru).replace('{title}', zhCorrected);
      expect(await ru.getAttribute('title')).toBe(reason);
      expect(await ru.textContent()).toContain(reason);
      await ru.click();
      await editorPage.waitForTimeout(500);
      expect(new URL(editorPage.url()).pathname).toBe('/admin/plugins/translation-desk');
      expect((await statusOf({ q: token })).data[0].cells.ru.state).toBe('missing');
      await screenshot(editorPage, `translations-no-create-${language.code}`);
      // the super admin's page offers it
      await page.goto(pageUrl(`?q=${token}`));
      const own = page.locator(`[data-testid="translations-row"][data-document-id="${documentId}"]`);
      await own.waitFor({ timeout: 30000 });
      expect(await cell(own, 'ru').textContent()).toContain(words['cell.create']);
    } finally {
      await context.close();
    }
  });

  it('creates a missing edition from the original in one click, and opens it in the Content Manager', async () => {
    await page.goto(pageUrl(`?missing=ru&q=${token}`));
    const row = page.locator(`[data-testid="translations-row"][data-document-id="${documentId}"]`);
    await row.waitFor({ timeout: 30000 });
    await cell(row, 'ru').click();
    await page.waitForURL((url) => url.pathname === `/admin/content-manager/collection-types/${ARTICLE}/${documentId}` && url.search.includes('plugins[i18n][locale]=ru'), { timeout: 20000 });
    // the Russian draft, filled in from the Chinese original
    const title = page.locator('[name="title"]');
    await title.waitFor({ timeout: 20000 });
    await page.waitForFunction((text) => (document.querySelector('[name="title"]') as HTMLInputElement | null)?.value === text, zhCorrected, { timeout: 10000 });
    const created = (await statusOf({ q: token })).data.find((entry: any) => entry.documentId === documentId);
    expect(created.cells.ru).toMatchObject({ state: 'draft', translatedFrom: 'zh-Hans', stale: false });
    await screenshot(page, `translations-created-${language.code}`);
  });

  it('shows the stale badge in the edit view with the changed fields; “Mark as reviewed” clears it', async () => {
    await page.goto(editUrl(documentId, 'en'));
    await dismissOverlays(page);
    const panel = page.getByTestId('translation-panel-stale');
    await panel.waitFor({ timeout: 30000 });
    const message = (await page.getByTestId('translation-panel-message').textContent()) ?? '';
    expect(message.startsWith(language.stale)).toBe(true);
    // the changed field by its label in the admin's language
    expect(message).toContain(language.changed);
    expect(await onScreen(page.getByTestId('translation-panel-review'))).toBe(true);
    await screenshot(page, `translations-badge-${language.code}`);

    // what changed: the Chinese title then and now
    await page.getByTestId('translation-panel-diff').click();
    const diff = page.getByTestId('translation-diff');
    await diff.waitFor({ timeout: 10000 });
    expect(await diff.getByTestId('translation-diff-before').textContent()).toContain(zhTitle.slice(token.length + 1, token.length + 5));
    expect(await diff.getByTestId('translation-diff-after').textContent()).toContain('第二届');
    expect(await diff.locator('h3').allTextContents()).toEqual([language.headline]);
    await screenshot(page, `translations-diff-${language.code}`);
    await page.keyboard.press('Escape');
    await diff.waitFor({ state: 'detached', timeout: 5000 });

    await page.getByRole('button', { name: language.review }).click();
    const current = page.getByTestId('translation-panel-current');
    await current.waitFor({ timeout: 10000 });
    expect(await current.textContent()).toContain(language.current);
    expect(await page.getByTestId('translation-panel-stale').count()).toBe(0);
    const detail = await adminApi('GET', `/translation-desk/documents/${ARTICLE}/${documentId}/en`);
    expect(detail.body.data).toMatchObject({ stale: false, changedFields: [] });
    expect(detail.body.data.reviewedAt).toEqual(expect.any(String));
    // the text was not touched
    expect((await contentApi('GET', `/api/articles/${documentId}?locale=en`)).body.data.title).toBe(`${token} LNU holds a seminar on translation`);
    await screenshot(page, `translations-reviewed-${language.code}`);
  });
});
