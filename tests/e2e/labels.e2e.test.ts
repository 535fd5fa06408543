import type { Browser, BrowserContext, Page } from 'playwright-core';

import article from '../../src/api/article/content-types/article/schema.json';
import seo from '../../src/components/shared/seo.json';
import { reprintComponentSchema } from '../../src/plugins/reprint-attribution/server/src/components/reprint';
import { adminSessionToken, api, BASE, dismissOverlays, editUrl, LAPTOP, launch, login, screenshot } from './browser';

/**
 * The article edit view in each admin language: field labels and hints in that language, the
 * licence select in words, Strapi's own words (Entry, the draft/published tabs, "Available in")
 * translated. The admin's language is the user's preferred language, set before logging in.
 */
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';
const FIELD_NAMES = new Set([...Object.keys(article.attributes), ...Object.keys(seo.attributes), ...Object.keys(reprintComponentSchema.attributes)]);
const camelCase = /^[a-z]+[A-Z][A-Za-z]*$/;

const LANGUAGES = [
  {
    language: 'en',
    labels: ['Headline', 'Source', 'Original title', 'Original publication date', 'Licence or permission', 'Responsible editor', 'Perpetual permission', 'Search engines'],
    hint: 'The headline exactly as the original outlet printed it',
    licenceOptions: ['CC BY 4.0', 'Reprinted with permission (all rights reserved)', 'Reprinted under the news exception'],
    strapi: ['Entry', 'draft', 'published'],
    availableIn: 'Available in',
  },
  {
    language: 'zh-Hans',
    labels: ['标题', '来源', '原标题', '原文发布日期', '许可或授权方式', '责任编辑', '长期授权', '搜索引擎'],
    hint: '原文发布时的标题，一字不改',
    licenceOptions: ['CC BY 4.0', '经授权转载（版权所有）', '依法转载时事新闻（著作权法第二十四条）'],
    strapi: ['条目', '草稿', '已发布'],
    availableIn: '已有语言版本',
  },
  {
    language: 'ru',
    labels: ['Заголовок', 'Источник', 'Заголовок оригинала', 'Дата публикации оригинала', 'Лицензия или основание', 'Ответственный редактор', 'Бессрочное разрешение', 'Поисковые системы'],
    hint: 'Заголовок в точности как в оригинале',
    licenceOptions: ['CC BY 4.0', 'С разрешения правообладателя (все права защищены)', 'Свободная перепечатка (подп. 3 п. 1 ст. 1274 ГК РФ)'],
    strapi: ['Запись', 'черновик', 'опубликовано'],
    availableIn: 'Есть на языках',
  },
] as const;

let browser: Browser;
let adminToken: string;
let referenceId: string;

const setLanguage = async (preferedLanguage: string) => {
  const res = await fetch(`${BASE()}/admin/users/me`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ preferedLanguage }),
  });
  expect(res.status).toBe(200);
};

/** The text of every field label on the page, without the required mark. */
const labelTexts = async (page: Page) =>
  (await page.locator('label').allTextContents())
    // the required mark, and a relation's count: "Source (1)"
    .map((text) => text.replace(/\*$/, '').replace(/ \(\d+\)$/, '').trim())
    .filter((text) => text !== '');

beforeAll(async () => {
  adminToken = await adminSessionToken();
  referenceId = (await api(`/api/articles?locale=en&filters[key][$eq]=${REFERENCE}&fields[0]=title`)).body.data[0].documentId;
  browser = await launch();
});

afterAll(async () => {
  if (adminToken) await setLanguage('en');
  await browser?.close();
});

describe.each(LANGUAGES)('the article edit view in the $language admin', ({ language, labels, hint, licenceOptions, strapi, availableIn }) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await setLanguage(language);
    context = await browser.newContext({ viewport: LAPTOP });
    page = await context.newPage();
    await login(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  it('labels every field in the language, never with a raw field name', async () => {
    await page.goto(editUrl(referenceId, language));
    await dismissOverlays(page);
    await page.locator('label', { hasText: labels[2] }).first().waitFor({ timeout: 30000 });
    const texts = await labelTexts(page);
    expect(texts.filter((text) => camelCase.test(text) || FIELD_NAMES.has(text))).toEqual([]);
    for (const label of labels) expect(texts).toContain(label);
  });

  it('gives each field a hint with an example, in the language', async () => {
    const originalTitleHint = page.getByText(hint).first();
    await originalTitleHint.scrollIntoViewIfNeeded();
    expect(await originalTitleHint.isVisible()).toBe(true);
    await screenshot(page, `labels-${language}-reprint-fields`);
  });

  it('shows the licence in words, and offers every licence in words', async () => {
    const licence = page.getByRole('combobox', { name: labels[4] });
    await licence.scrollIntoViewIfNeeded();
    const shown = (await licence.textContent())?.trim() ?? '';
    expect(shown).not.toMatch(/^[a-z0-9.-]+$/);
    await licence.click();
    const options = (await page.getByRole('option').allTextContents()).map((text) => text.trim());
    for (const option of licenceOptions) expect(options).toContain(option);
    expect(options.filter((option) => /^[a-z]+(-[a-z0-9.]+)+$/.test(option))).toEqual([]);
    await screenshot(page, `labels-${language}-licence-options`);
    await page.keyboard.press('Escape');
  });

  it("shows Strapi's own words of the edit view in the language (Entry, the draft/published tabs)", async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const word of strapi) await expect(page.getByText(word, { exact: true }).first().isVisible({ timeout: 5000 })).resolves.toBe(true);
    await screenshot(page, `labels-${language}-edit-view`);
  });

  it('names the list columns in the language ("Available in", the headline)', async () => {
    await page.goto(`${BASE()}/admin/content-manager/collection-types/api::article.article?plugins[i18n][locale]=${language}`);
    await page.locator('th', { hasText: availableIn }).first().waitFor({ timeout: 30000 });
    await dismissOverlays(page);
    const headers = (await page.locator('th').allTextContents()).map((text) => text.trim()).filter((text) => text !== '');
    expect(headers).toContain(labels[0]);
    expect(headers.filter((text) => camelCase.test(text) || FIELD_NAMES.has(text) || text === 'status')).toEqual([]);
    await screenshot(page, `labels-${language}-list`);
  });
});
