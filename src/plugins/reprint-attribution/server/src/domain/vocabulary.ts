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

const LICENSE_NAMES: Record<License, Record<string, string>> = {
  'all-rights-reserved-with-permission': {
    'zh-Hans': '版权所有，经授权转载',
    en: 'all rights reserved, reprinted with permission',
    ru: 'все права защищены, перепечатано с разрешения',
  },
  'cc-by-4.0': { 'zh-Hans': 'CC BY 4.0', en: 'CC BY 4.0', ru: 'CC BY 4.0' },
  'cc-by-sa-4.0': { 'zh-Hans': 'CC BY-SA 4.0', en: 'CC BY-SA 4.0', ru: 'CC BY-SA 4.0' },
  'cc-by-nd-4.0': { 'zh-Hans': 'CC BY-ND 4.0', en: 'CC BY-ND 4.0', ru: 'CC BY-ND 4.0' },
  'cc-by-nc-4.0': { 'zh-Hans': 'CC BY-NC 4.0', en: 'CC BY-NC 4.0', ru: 'CC BY-NC 4.0' },
  'public-domain': { 'zh-Hans': '公有领域', en: 'public domain', ru: 'общественное достояние' },
  'statutory-news-exception': {
    'zh-Hans': '依法转载时事新闻',
    en: 'reprinted under the statutory news exception',
    ru: 'перепечатка новостей на основании закона',
  },
};

const REPRINT_TYPE_NAMES: Record<ReprintType, Record<string, string>> = {
  full: { 'zh-Hans': '全文转载', en: 'Reprinted in full', ru: 'Перепечатано полностью' },
  excerpt: { 'zh-Hans': '节选转载', en: 'Excerpt', ru: 'Перепечатано в сокращении' },
  translation: { 'zh-Hans': '编译', en: 'Translated', ru: 'Перевод' },
  adaptation: { 'zh-Hans': '改编', en: 'Adapted', ru: 'Адаптация' },
};

/** zh-Hans-CN → zh-Hans, en-GB → en: the newsroom's wording for a related locale. */
const pick = (names: Record<string, string>, locale: string) =>
  names[locale] ?? names[locale.split('-').slice(0, 2).join('-')] ?? names[locale.split('-')[0]] ?? names.en;

export const licenseName = (license: string, locale: string): string | null =>
  license in LICENSE_NAMES ? pick(LICENSE_NAMES[license as License], locale) : null;

export const reprintTypeName = (type: string, locale: string): string | null =>
  type in REPRINT_TYPE_NAMES ? pick(REPRINT_TYPE_NAMES[type as ReprintType], locale) : null;

export const licenseUrl = (license: string | null | undefined): string | null =>
  license && license in LICENSE_INFO ? LICENSE_INFO[license as License].url : null;

export const needsPermission = (license: string | null | undefined): boolean =>
  Boolean(license && license in LICENSE_INFO && LICENSE_INFO[license as License].needsPermission);

/** The original's language as a locale code, to compare with a document's locale. */
export const sameLanguage = (originalLanguage: string | null | undefined, locale: string) =>
  Boolean(originalLanguage) && originalLanguage !== 'other' && locale.toLowerCase().startsWith(String(originalLanguage).toLowerCase());
