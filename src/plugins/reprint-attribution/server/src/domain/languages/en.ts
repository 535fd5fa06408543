import type { LanguagePack } from './types';

/**
 * English: full sentences; a non-English headline with its gloss; "Translated from Chinese by …";
 * the provision the news exception rests on (PRC Copyright Law art. 24(1)(4)), not an invented
 * term. Problem messages are the rules' own (rules.ts, rule-sets.ts).
 */
export const en: LanguagePack = {
  code: 'en',
  template:
    'Originally published by {sourceName}{originalDate, select, none {} other { on {originalDate}}} as “{originalTitle}”' +
    '{originalTitleGloss, select, none {} other { (“{originalTitleGloss}”)}}{authors, select, none {} other {, by {authors}}}.' +
    '{reprintType, select, translation { Translated from {originalLanguage, select, zh {Chinese} en {English} ru {Russian} other {the original language}}{translator, select, none {} other { by {translator}}}.}' +
    ' excerpt { This is an excerpt.} adaptation { Adapted from the original.} other {}}' +
    '{license, select, none {} other { {license}.}}' +
    '{responsibleEditor, select, none {} other { Editor: {responsibleEditor}.}}',
  licenses: {
    'all-rights-reserved-with-permission': 'Reprinted with permission',
    'cc-by-4.0': 'Licensed under CC BY 4.0',
    'cc-by-sa-4.0': 'Licensed under CC BY-SA 4.0',
    'cc-by-nd-4.0': 'Licensed under CC BY-ND 4.0',
    'cc-by-nc-4.0': 'Licensed under CC BY-NC 4.0',
    'public-domain': 'In the public domain',
    'statutory-news-exception': 'Reprinted under Article 24(1)(4) of the Copyright Law of the People’s Republic of China',
  },
  reprintTypes: {
    full: 'Reprinted in full',
    excerpt: 'Excerpt',
    translation: 'Translated',
    adaptation: 'Adapted',
  },
  languageNames: {
    'zh-Hans': 'Chinese',
    en: 'English',
    ru: 'Russian',
  },
  messages: {},
  editor: {
    refusal: 'This reprint was not published. Fix these fields and publish again: ',
    refusalMany: 'None of these reprints was published. Fix these fields and publish again: ',
    refusalCitedSource: 'This source stays published while published reprints cite it: ',
    separator: ', ',
    groupSeparator: '; ',
    withLocales: (label, locales) => `${label} (${locales.join(', ')})`,
    andMore: (count) => ` and ${count} more`,
    fields: {
      source: 'Source',
      originalTitle: 'Original title',
      originalUrl: 'Original URL',
      originalPublishedAt: 'Original publication date',
      reprintType: 'Reprint type',
      license: 'Licence or permission',
      originalLanguage: 'Original language',
      permissionGrantedBy: 'Permission granted by',
      permissionExpiresAt: 'Permission',
      originalAuthors: 'Original author(s)',
      responsibleEditor: 'Responsible editor',
      title: 'Title',
    },
    permissionUntil: (date) => `Permission expires on ${date}`,
    permissionPerpetual: 'Permission without expiry',
  },
  sample: {
    locale: 'en',
    title: 'Sample headline',
    source: { name: 'China News Service Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalTitleGloss: 'Sample original headline', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: 'Zhang San', translator: 'Anna Smith', reprintType: 'translation', license: 'statutory-news-exception', responsibleEditor: 'Li Si' },
  },
};
