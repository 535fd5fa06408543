import type { Browser, Locator, Page } from 'playwright-core';

import { adminSessionToken, BASE, dismissOverlays, editUrl, fullAccessToken, LAPTOP, launch, login, screenshot, withToken } from './browser';

/**
 * The reprint panel as an editor meets it at a laptop's 1440 × 900, in each admin language: the
 * refusal of a reprint with several problems (translated lead-in, fields named, no paths), a fixed
 * field's red error going away, and the credit line with the checklist in view while the reprint
 * fields are filled in.
 */
let browser: Browser;
let adminToken: string;
let apiToken: string;

const adminApi = withToken(() => adminToken);
const contentApi = withToken(() => apiToken);

const LANGUAGES = [
  {
    code: 'en',
    publish: /^publish$/i,
    leadIn: 'This reprint was not published. Fix these fields and publish again:',
    summary: 'Source, Original title, Original URL, Original publication date',
    originalTitleError: 'A reprint needs its original title',
    originalUrlError: 'A reprint needs its original URL',
    ticks: ['Reprint type', 'Licence or permission', 'Original title'],
  },
  {
    code: 'zh-Hans',
    publish: /^发布$/,
    leadIn: '本稿未发布。请修改以下字段后再发布：',
    summary: '来源、原标题、原文网址、原文发布日期',
    originalTitleError: '转载稿必须填写原标题',
    originalUrlError: '转载稿必须填写原文网址',
    ticks: ['转载类型', '许可或授权方式', '原标题'],
  },
  {
    code: 'ru',
    publish: /^опубликовать$/i,
    leadIn: 'Перепечатка не опубликована. Исправьте эти поля и опубликуйте снова:',
    summary: 'Источник, Заголовок оригинала, Адрес оригинала, Дата публикации оригинала',
    originalTitleError: 'У перепечатки должен быть заголовок оригинала',
    originalUrlError: 'У перепечатки должен быть адрес оригинала',
    ticks: ['Тип перепечатки', 'Лицензия или основание', 'Заголовок оригинала'],
  },
] as const;

/** A field's red error under the form's field (Strapi marks them data-strapi-field-error). */
const fieldError = (page: Page, text: string) => page.locator('[data-strapi-field-error]', { hasText: text });

/** Whether an element lies wholly within the 1440 × 900 viewport. */
const inViewport = async (locator: Locator) => {
  const box = await locator.boundingBox();
  return Boolean(box && box.y >= 0 && box.y + box.height <= LAPTOP.height && box.x >= 0 && box.x + box.width <= LAPTOP.width);
};

beforeAll(async () => {
  adminToken = await adminSessionToken();
  apiToken = await fullAccessToken(adminApi, 'e2e-panel');
  browser = await launch();
});

afterAll(async () => {
  await adminApi('PUT', '/admin/users/me', { preferedLanguage: 'en' });
  await browser?.close();
});

describe.each(LANGUAGES)('the reprint panel in the $code admin at 1440 × 900', (language) => {
  let page: Page;
  let documentId: string;

  beforeAll(async () => {
    // a reprint an editor left half done: type and licence chosen; source, original title,
    // address and date missing
    const created = await contentApi('POST', '/api/articles?locale=en&status=draft', {
      data: { title: `E2E panel reprint (${language.code})`, date: '2025-06-01', reprint: { isReprint: true, reprintType: 'excerpt', license: 'statutory-news-exception' } },
    });
    expect(created.status).toBe(201);
    documentId = created.body.data.documentId;
    expect((await adminApi('PUT', '/admin/users/me', { preferedLanguage: language.code })).status).toBe(200);
    const context = await browser.newContext({ viewport: LAPTOP });
    page = await context.newPage();
    await login(page);
    await page.goto(editUrl(documentId, 'en'));
    await dismissOverlays(page);
    await page.getByTestId('reprint-attribution-credit-line').waitFor({ timeout: 30000 });
  });

  afterAll(async () => {
    await page?.context().close();
  });

  it('refuses to publish with a lead-in in the admin’s language, naming fields, never paths', async () => {
    await page.getByRole('button', { name: language.publish }).first().click();
    const notification = page.getByText(language.leadIn).first();
    await notification.waitFor({ timeout: 15000 });
    const text = (await notification.textContent()) ?? '';
    expect(text.startsWith(language.leadIn)).toBe(true);
    // the fields by their labels (the original title among them); why, next to each field
    expect(text).toContain(language.summary);
    expect(text).not.toMatch(/reprint\.|originalUrl|originalTitle|originalPublishedAt|statutory-news-exception/);
    // each problem is also at its field, in red
    await fieldError(page, language.originalTitleError).first().waitFor({ timeout: 10000 });
    expect(await fieldError(page, language.originalUrlError).count()).toBe(1);
    await screenshot(page, `panel-refused-${language.code}`);
  });

  it('takes a fixed field’s red error away, and only that one, while the editor keeps typing', async () => {
    const input = page.locator('[name="reprint.originalTitle"]');
    await input.scrollIntoViewIfNeeded();
    await input.click();
    await page.keyboard.type('Original headline of the report');
    await fieldError(page, language.originalTitleError).first().waitFor({ state: 'detached', timeout: 15000 });
    // the others stay until they are fixed
    expect(await fieldError(page, language.originalUrlError).count()).toBe(1);
    // and the field being edited keeps the focus (Strapi's form would move it to the first error)
    await page.waitForTimeout(600);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('reprint.originalTitle');
    // with every character where it was typed
    expect(await input.inputValue()).toBe('Original headline of the report');
    await screenshot(page, `panel-error-cleared-${language.code}`);
  });

  it('keeps the credit line and the checklist in view next to the reprint fields, with ticks for what is done', async () => {
    await page.locator('[name="reprint.originalTitle"]').evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(500);
    expect(await inViewport(page.locator('[name="reprint.originalTitle"]'))).toBe(true);
    // the panel has scrolled away with the side column; its summary is docked over that column
    const dock = page.getByTestId('reprint-attribution-dock');
    await dock.waitFor({ state: 'visible', timeout: 10000 });
    const credit = dock.getByTestId('reprint-attribution-dock-credit-line');
    expect(await inViewport(credit)).toBe(true);
    expect(await credit.textContent()).toContain('Original headline of the report');
    const checklist = dock.getByTestId('reprint-attribution-dock-checklist');
    expect(await inViewport(checklist)).toBe(true);
    const done = dock.getByTestId('reprint-attribution-dock-satisfied');
    expect(await inViewport(done)).toBe(true);
    const ticked = await done.locator('[data-satisfied="true"]').allTextContents();
    for (const label of language.ticks) expect(ticked).toContain(label);
    // what is missing, by the form's labels (the source, the address, the date)
    expect(await checklist.locator('[data-satisfied="false"]').count()).toBe(3);
    // it covers no form field: it sits right of the form's column
    const field = await page.locator('[name="reprint.originalTitle"]').boundingBox();
    const docked = await dock.boundingBox();
    expect(field && docked && docked.x >= field.x + field.width).toBe(true);
    await screenshot(page, `panel-docked-${language.code}`);

    // "Go to field" from the dock reaches the original's address
    await checklist.locator('[data-dock-path="reprint.originalUrl"]').locator('xpath=..').getByRole('button').click();
    await page.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.name === 'reprint.originalUrl', undefined, { timeout: 5000 });
  });
});
