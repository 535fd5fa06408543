import type { License, ReprintType } from './types';

/** What each licence means for the rules and for machines. */
export const LICENSE_INFO: Record<License, { url: string | null; needsPermission: boolean }> = {
  'all-rights-reserved-with-permission': { url: null, needsPermission: true },
  'cc-by-4.0': { url: 'https://creativecommons.org/licenses/by/4.0/', needsPermission: false },
  'cc-by-sa-4.0': { url: 'https://creativecommons.org/licenses/by-sa/4.0/', needsPermission: false },
  'cc-by-nd-4.0': { url: 'https://creativecommons.org/licenses/by-nd/4.0/', needsPermission: false },
  'cc-by-nc-4.0': { url: 'https://creativecommons.org/licenses/by-nc/4.0/', needsPermission: false },
  'public-domain': { url: 'https://creativecommons.org/publicdomain/mark/1.0/', needsPermission: false },
  'statutory-news-exception': { url: null, needsPermission: false },
};

/**
 * What a credit line says about the licence, as a clause each language's editors write. The news
 * exception names the provision it rests on in the edition's rule set (rule-sets.ts): PRC
 * Copyright Law art. 24(1)(4) in English, ГК РФ ст. 1274 п. 1 подп. 3 in Russian; Chinese news
 * sites print no legal clause for it (their credit line is 来源 / 原标题 / 责任编辑), so none.
 */
const LICENSE_NAMES: Record<License, Record<string, string | null>> = {
  'all-rights-reserved-with-permission': {
    'zh-Hans': '经授权转载',
    en: 'Reprinted with permission',
    ru: 'Публикуется с разрешения правообладателя',
  },
  'cc-by-4.0': { 'zh-Hans': '依据 CC BY 4.0 许可协议转载', en: 'Licensed under CC BY 4.0', ru: 'Публикуется по лицензии CC BY 4.0' },
  'cc-by-sa-4.0': { 'zh-Hans': '依据 CC BY-SA 4.0 许可协议转载', en: 'Licensed under CC BY-SA 4.0', ru: 'Публикуется по лицензии CC BY-SA 4.0' },
  'cc-by-nd-4.0': { 'zh-Hans': '依据 CC BY-ND 4.0 许可协议转载', en: 'Licensed under CC BY-ND 4.0', ru: 'Публикуется по лицензии CC BY-ND 4.0' },
  'cc-by-nc-4.0': { 'zh-Hans': '依据 CC BY-NC 4.0 许可协议转载', en: 'Licensed under CC BY-NC 4.0', ru: 'Публикуется по лицензии CC BY-NC 4.0' },
  'public-domain': { 'zh-Hans': '本作品属于公有领域', en: 'In the public domain', ru: 'Произведение находится в общественном достоянии' },
  'statutory-news-exception': {
    'zh-Hans': null,
    en: 'Reprinted under Article 24(1)(4) of the Copyright Law of the People’s Republic of China',
    ru: 'Перепечатано в соответствии с подп. 3 п. 1 ст. 1274 ГК РФ',
  },
};

/** The original's language, named in the edition's language (for {originalLanguage} used plainly). */
const LANGUAGE_NAMES: Record<string, Record<string, string>> = {
  'zh-Hans': { 'zh-Hans': '中文', en: 'Chinese', ru: 'китайский' },
  en: { 'zh-Hans': '英文', en: 'English', ru: 'английский' },
  ru: { 'zh-Hans': '俄文', en: 'Russian', ru: 'русский' },
};

const REPRINT_TYPE_NAMES: Record<ReprintType, Record<string, string>> = {
  full: { 'zh-Hans': '全文转载', en: 'Reprinted in full', ru: 'Перепечатано полностью' },
  excerpt: { 'zh-Hans': '节选转载', en: 'Excerpt', ru: 'Перепечатано в сокращении' },
  translation: { 'zh-Hans': '编译', en: 'Translated', ru: 'Перевод' },
  adaptation: { 'zh-Hans': '改编', en: 'Adapted', ru: 'В изложении' },
};

/** zh-Hans-CN → zh-Hans, en-GB → en: the newsroom's wording for a related locale. */
const pick = <T>(names: Record<string, T>, locale: string): T => {
  for (const key of [locale, locale.split('-').slice(0, 2).join('-'), locale.split('-')[0]]) {
    if (Object.prototype.hasOwnProperty.call(names, key)) return names[key];
  }
  return names.en;
};

export const licenseName = (license: string, locale: string): string | null =>
  Object.prototype.hasOwnProperty.call(LICENSE_NAMES, license) ? pick(LICENSE_NAMES[license as License], locale) : null;

export const languageName = (language: string | null | undefined, locale: string): string | null =>
  language && Object.prototype.hasOwnProperty.call(LANGUAGE_NAMES, language) ? pick(LANGUAGE_NAMES[language], locale) : null;

/** The key a template's select tests for the original's language: zh, en, ru or other. */
export const languageKey = (language: string | null | undefined): string | null => {
  if (!language) return null;
  const base = language.toLowerCase().split('-')[0];
  return ['zh', 'en', 'ru'].includes(base) ? base : 'other';
};

export const reprintTypeName = (type: string, locale: string): string | null =>
  Object.prototype.hasOwnProperty.call(REPRINT_TYPE_NAMES, type) ? pick(REPRINT_TYPE_NAMES[type as ReprintType], locale) : null;

export const licenseUrl = (license: string | null | undefined): string | null =>
  license && license in LICENSE_INFO ? LICENSE_INFO[license as License].url : null;

export const needsPermission = (license: string | null | undefined): boolean =>
  Boolean(license && license in LICENSE_INFO && LICENSE_INFO[license as License].needsPermission);

/** The original's language as a locale code, to compare with a document's locale. */
export const sameLanguage = (originalLanguage: string | null | undefined, locale: string) =>
  Boolean(originalLanguage) && originalLanguage !== 'other' && locale.toLowerCase().startsWith(String(originalLanguage).toLowerCase());
