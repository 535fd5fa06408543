import type { Browser, Page } from 'playwright-core';

import { adminSessionToken, api, BASE, dismissOverlays, editUrl, fullAccessToken, LAPTOP, launch, login, screenshot, withToken } from './browser';

const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';
let browser: Browser;
let page: Page;
let adminToken: string;
let apiToken: string;
let referenceId: string;

const adminApi = withToken(() => adminToken);
const contentApi = withToken(() => apiToken);

const creditLine = () => page.getByTestId('reprint-attribution-credit-line');

beforeAll(async () => {
  adminToken = await adminSessionToken();
  apiToken = await fullAccessToken(adminApi, 'e2e');
  referenceId = (await api(`/api/articles?locale=en&filters[key][$eq]=${REFERENCE}&fields[0]=title`)).body.data[0].documentId;

  browser = await launch();
  page = await browser.newPage({ viewport: LAPTOP });
});

afterAll(async () => {
  await browser?.close();
});

describe('the editors’ side of reprint attribution', () => {
  it('logs in', async () => {
    await login(page);
    await expect(page.getByText(/Hello|你好|Привет|Welcome/).first().isVisible()).resolves.toBe(true);
    await screenshot(page, '01-logged-in');
  });

  it('shows the English credit line naming China News Service Liaoning, then the Chinese one', async () => {
    await page.goto(editUrl(referenceId, 'en'));
    await dismissOverlays(page);
    await expect(creditLine().textContent({ timeout: 20000 })).resolves.toMatch(/^Originally published by China News Service Liaoning/);
    // The seed knows only the outlet's homepage as the original's address: the panel says so.
    const homepageWarning = page.locator('[data-path="reprint.originalUrl"]', { hasText: 'This is the outlet’s homepage, not the article’s address' });
    await homepageWarning.first().waitFor({ timeout: 20000 });
    expect(await homepageWarning.first().isVisible()).toBe(true);
    await screenshot(page, '02-panel-en');

    await page.goto(editUrl(referenceId, 'zh-Hans'));
    await expect(creditLine().textContent({ timeout: 20000 })).resolves.toMatch(/^来源：中新网辽宁/);
    await screenshot(page, '03-panel-zh-Hans');
  });

  it('refuses to publish without the source, naming the field, and changes nothing readers see', async () => {
    await page.goto(editUrl(referenceId, 'en'));
    await creditLine().waitFor({ timeout: 20000 });
    const sourceItem = page.locator('li', { hasText: 'China News Service Liaoning' }).first();
    await sourceItem.scrollIntoViewIfNeeded();
    await sourceItem.getByRole('button').last().click();
    // The panel follows the form: the checklist now asks for the source.
    await expect(page.getByTestId('reprint-attribution-checklist').locator('[data-path="source"]').textContent({ timeout: 10000 })).resolves.toMatch(/source/i);

    await page.getByRole('button', { name: /^publish$/i }).click();
    // The refusal names the field, next to it and in the notification.
    await page.getByText('A reprint needs its source: choose the outlet that first published it').first().waitFor({ timeout: 10000 });
    await screenshot(page, '04-publish-refused');
    const live = await api(`/api/articles/${referenceId}?locale=en`);
    expect(live.body.data.source.name).toBe('China News Service Liaoning');
  });

  it('publishes once the source is restored', async () => {
    const before = (await api(`/api/articles/${referenceId}?locale=en`)).body.data.publishedAt;
    const combobox = page.getByRole('combobox', { name: /source/i }).first();
    await combobox.scrollIntoViewIfNeeded();
    await combobox.click();
    await combobox.fill('China News');
    await page.getByRole('option', { name: /China News Service Liaoning/ }).first().click();
    // The panel follows: the credit line names the source again and nothing is missing.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="reprint-attribution-credit-line"]')?.textContent?.startsWith('Originally published by China News Service Liaoning'),
      undefined,
      { timeout: 10000 }
    );
    expect(await page.getByTestId('reprint-attribution-checklist').count()).toBe(0);
    await page.getByRole('button', { name: /^publish$/i }).click();
    // A new publication: the published version's time moves on.
    let live = await api(`/api/articles/${referenceId}?locale=en`);
    for (let i = 0; i < 40 && live.body.data.publishedAt === before; i += 1) {
      await page.waitForTimeout(250);
      live = await api(`/api/articles/${referenceId}?locale=en`);
    }
    await screenshot(page, '05-published');
    expect(live.body.data.publishedAt).not.toBe(before);
    expect(live.body.data.source.name).toBe('China News Service Liaoning');
  });

  it('edits the Russian template with a live preview; a broken one shows its error and is not saved', async () => {
    await page.goto(`${BASE()}/admin/settings/reprint-attribution`);
    const ru = page.getByTestId('template-ru');
    await ru.waitFor({ timeout: 20000 });
    const saved = await ru.inputValue();
    await ru.fill('Перепечатка из {sourceName}: «{originalTitle}»');
    await expect(page.getByTestId('preview-ru').textContent({ timeout: 10000 })).resolves.toBeDefined();
    await page.waitForFunction(() => document.querySelector('[data-testid="preview-ru"]')?.textContent?.startsWith('Перепечатка из'), undefined, { timeout: 10000 });
    // …and on the reference article, in its Russian version.
    await page.waitForFunction(
      () => document.querySelector('[data-testid="preview-document-ru"]')?.textContent === 'Перепечатка из Ляонинский канал агентства «Чжунго синьвэнь»: «辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开»',
      undefined,
      { timeout: 10000 }
    );
    await screenshot(page, '06-template-preview');

    await ru.fill('Перепечатка из {sourceName: «{originalTitle}»');
    await page.getByText(/Syntax error/).first().waitFor({ timeout: 10000 });
    // Save is disabled while a template is broken; the server would refuse it anyway.
    await page.waitForFunction(() => (document.querySelector('[data-testid="save-settings"]') as HTMLButtonElement | null)?.disabled === true, undefined, { timeout: 5000 });
    await screenshot(page, '07-template-broken');
    const stored = await adminApi('GET', '/reprint-attribution/settings');
    expect(stored.body.data.templates.ru).not.toContain('{sourceName: «');
    // back as it was: nothing unsaved (leaving would ask for confirmation)
    await ru.fill(saved);
    await page.waitForFunction(() => (document.querySelector('[data-testid="save-settings"]') as HTMLButtonElement | null)?.disabled === true, undefined, { timeout: 5000 });
  });

  it('marks an incomplete reprint in the list view', async () => {
    const draft = await contentApi('POST', '/api/articles?locale=en&status=draft', {
      data: { title: 'E2E incomplete reprint', date: '2025-06-01', reprint: { isReprint: true, originalTitle: 'Something' } },
    });
    expect(draft.status).toBe(201);
    await page.goto(`${BASE()}/admin/content-manager/collection-types/api::article.article?plugins[i18n][locale]=en`);
    const row = page.locator('tr', { hasText: 'E2E incomplete reprint' });
    await row.waitFor({ timeout: 20000 });
    await row.getByTestId('attribution-incomplete').waitFor({ timeout: 10000 });
    await screenshot(page, '08-list-incomplete');
    // A complete reprint of the seed, found by the list's search (the other browser tests' documents
    // push it past the first page).
    await page.goto(`${BASE()}/admin/content-manager/collection-types/api::article.article?plugins[i18n][locale]=en&_q=${encodeURIComponent('Liaoning Undergraduate')}`);
    const complete = page.locator('tr', { hasText: 'Liaoning Undergraduate' }).getByTestId('attribution-complete');
    await complete.first().waitFor({ timeout: 20000 });
    expect(await complete.count()).toBe(1);
  });

  it('lists an expiring permission in the report', async () => {
    const soon = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10);
    const source = (await api('/api/sources?locale=en&filters[key][$eq]=china-news-network-liaoning')).body.data[0].documentId;
    const created = await contentApi('POST', '/api/articles?locale=en', {
      data: {
        title: 'E2E reprint under permission',
        date: '2025-06-02',
        source,
        reprint: { isReprint: true, originalTitle: '原标题', originalUrl: 'https://www.ln.chinanews.com.cn/news/9.shtml', originalPublishedAt: '2025-06-01', originalLanguage: 'zh-Hans', reprintType: 'translation', license: 'all-rights-reserved-with-permission', permissionGrantedBy: 'Rights desk', permissionExpiresAt: soon },
      },
    });
    expect(created.status).toBe(201);
    await page.goto(`${BASE()}/admin/plugins/reprint-attribution`);
    await page.locator('[data-testid="report-row"][data-status="expiring"]', { hasText: 'E2E reprint under permission' }).waitFor({ timeout: 20000 });
    await screenshot(page, '09-report');
  });

  it('speaks the admin’s language: the panel in Chinese', async () => {
    const me = await adminApi('PUT', '/admin/users/me', { preferedLanguage: 'zh-Hans' });
    expect(me.status).toBe(200);
    const context = await browser.newContext({ viewport: LAPTOP });
    const zh = await context.newPage();
    await login(zh);
    await zh.goto(editUrl(referenceId, 'ru'));
    await zh.getByTestId('reprint-attribution-credit-line').waitFor({ timeout: 20000 });
    await zh.getByText('转载署名').first().waitFor({ timeout: 10000 });
    expect(await zh.getByTestId('reprint-attribution-credit-line').textContent()).toMatch(/^Источник: Ляонинский канал агентства «Чжунго синьвэнь»/);
    // The homepage warning in the admin's language.
    await zh.locator('[data-path="reprint.originalUrl"]', { hasText: '这是该媒体的首页，不是原文网址' }).first().waitFor({ timeout: 10000 });
    await screenshot(zh, '11-panel-admin-in-chinese');
    await context.close();
    await adminApi('PUT', '/admin/users/me', { preferedLanguage: 'en' });
  });

  describe('a second attributable type whose fields have names of their own (the tests’ clips: attribution, outlet, headline)', () => {
    const CLIP = 'plugin::attribution-fixture.clip';
    const clipUrl = (documentId: string) => `${BASE()}/admin/content-manager/collection-types/${CLIP}/${documentId}?plugins[i18n][locale]=en`;
    let clipId: string;

    it('lists what publishing needs by the clip’s own fields, and “Go to field” reaches them', async () => {
      const created = await adminApi('POST', `/content-manager/collection-types/${CLIP}?locale=en`, {
        headline: 'E2E clip',
        day: '2025-03-22',
        attribution: { isReprint: true, reprintType: 'translation', originalLanguage: 'zh-Hans' },
      });
      expect(created.status).toBe(201);
      clipId = created.body.data.documentId;
      await page.goto(clipUrl(clipId));
      await dismissOverlays(page);
      const checklist = page.getByTestId('reprint-attribution-checklist');
      await checklist.waitFor({ timeout: 20000 });
      const paths = await checklist.locator('[data-path]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-path')));
      expect(paths).toEqual(['outlet', 'attribution.originalTitle', 'attribution.originalUrl', 'attribution.originalPublishedAt', 'attribution.license']);
      await checklist.locator('[data-path="attribution.originalTitle"]').locator('xpath=..').getByRole('button', { name: 'Go to field' }).click();
      await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'attribution.originalTitle', undefined, { timeout: 5000 });
      // The editor types the original title there: the checklist follows the form.
      await page.keyboard.type('Original clip headline');
      await checklist.locator('[data-path="attribution.originalTitle"]').waitFor({ state: 'detached', timeout: 10000 });
      expect(await checklist.locator('[data-path="outlet"]').count()).toBe(1);
      await screenshot(page, '12-clip-checklist');
    });

    it('refuses to publish it in the browser, naming the outlet', async () => {
      await page.getByRole('button', { name: /^publish$/i }).click();
      await page.getByText('A reprint needs its source: choose the outlet that first published it').first().waitFor({ timeout: 10000 });
      await screenshot(page, '13-clip-publish-refused');
      const stored = await adminApi('GET', `/content-manager/collection-types/${CLIP}/${clipId}?locale=en`);
      expect(stored.body.data.publishedAt ?? null).toBeNull();
    });

    it('reports a published clip with incomplete attribution by its own field names', async () => {
      const sources = await adminApi('GET', '/content-manager/collection-types/api::source.source?locale=en&filters[key][$eq]=china-news-network-liaoning');
      const outlet = sources.body.results[0].documentId;
      const complete = { isReprint: true, reprintType: 'full', originalLanguage: 'en', originalTitle: 'Original clip headline', originalUrl: 'https://example.com/clip', originalNamesNoAuthor: true, originalPublishedAt: '2025-03-20', license: 'cc-by-4.0' };
      const updated = await adminApi('PUT', `/content-manager/collection-types/${CLIP}/${clipId}?locale=en`, { headline: 'E2E clip', outlet: { connect: [{ documentId: outlet, locale: 'en' }] }, attribution: complete });
      expect(updated.status).toBe(200);
      expect((await adminApi('POST', `/content-manager/collection-types/${CLIP}/${clipId}/actions/publish?locale=en`, {})).status).toBe(200);
      // its headline is not the original's: once the title check refuses that, the report lists it
      expect((await adminApi('PUT', '/reprint-attribution/settings', { titleCheck: 'error' })).status).toBe(200);
      try {
        await page.goto(`${BASE()}/admin/plugins/reprint-attribution`);
        const row = page.locator('[data-testid="report-row"][data-status="incomplete"]', { hasText: 'E2E clip' });
        await row.waitFor({ timeout: 20000 });
        // the clip's own field (its path), named by its label
        expect(await row.locator('[data-path="headline"]').count()).toBe(1);
        await screenshot(page, '14-clip-report');
      } finally {
        await adminApi('PUT', '/reprint-attribution/settings', { titleCheck: 'warn' });
      }
    });
  });

  it('keeps the settings page from an admin without the plugin’s permission', async () => {
    const roles = await adminApi('GET', '/admin/roles');
    const editorRole = roles.body.data.find((role: any) => role.code === 'strapi-editor');
    const invited = await adminApi('POST', '/admin/users', { firstname: 'Plain', lastname: 'Editor', email: 'plain-editor@example.edu', roles: [editorRole.id] });
    expect(invited.status).toBe(201);
    const registered = await fetch(`${BASE()}/admin/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ registrationToken: invited.body.data.registrationToken, userInfo: { firstname: 'Plain', lastname: 'Editor', password: 'Plain-Editor-2025' } }),
    });
    expect(registered.status).toBe(200);

    const context = await browser.newContext({ viewport: LAPTOP });
    const other = await context.newPage();
    await login(other, 'plain-editor@example.edu', 'Plain-Editor-2025');
    await other.goto(`${BASE()}/admin/settings/reprint-attribution`);
    await other.waitForTimeout(2000);
    expect(await other.getByTestId('template-ru').count()).toBe(0);
    await screenshot(other, '10-settings-forbidden');
    const direct = await fetch(`${BASE()}/reprint-attribution/settings`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(direct.status).toBe(200);
    await context.close();
  });
});
