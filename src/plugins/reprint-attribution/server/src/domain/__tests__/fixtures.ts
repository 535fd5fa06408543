import type { AttributionInput, AttributionSettings } from '../types';
import { defaultRuleSetSettings } from '../rule-sets';
import { defaultTemplates } from '../languages';

const DEFAULT_TEMPLATES = defaultTemplates();

/**
 * The reference reprint as the seed has it (database/seed/articles.json): 中新网辽宁's report; the
 * Chinese edition a reconstruction (adaptation), the English and Russian ones translations. The
 * original's address here is an article's (the seed only knows the outlet's homepage).
 */
export const reference = (locale: 'zh-Hans' | 'en' | 'ru', overrides: Partial<AttributionInput> = {}): AttributionInput => ({
  locale,
  title: { 'zh-Hans': '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开', en: 'Liaoning Undergraduate Students’ Innovation and Entrepreneurship Education Work Seminar Convened at LNU', ru: 'В Ляонинском университете прошёл семинар' }[locale],
  slug: `seminar-${locale.toLowerCase()}`,
  date: '2025-03-22',
  source: {
    name: { 'zh-Hans': '中新网辽宁', en: 'China News Service Liaoning', ru: 'Ляонинский канал агентства «Чжунго синьвэнь»' }[locale],
    homepage: 'https://www.ln.chinanews.com.cn/',
  },
  reprint: {
    isReprint: true,
    originalTitle: '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开',
    originalTitleGloss: {
      'zh-Hans': null,
      en: 'Liaoning Undergraduate Students’ Innovation and Entrepreneurship Education Work Seminar Convened at LNU',
      ru: 'Семинар по инновационному и предпринимательскому образованию студентов провинции Ляонин прошёл в Ляонинском университете',
    }[locale],
    originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml',
    originalNamesNoAuthor: true,
    originalPublishedAt: '2025-03-22',
    originalLanguage: 'zh-Hans',
    reprintType: locale === 'zh-Hans' ? 'adaptation' : 'translation',
    license: 'statutory-news-exception',
    responsibleEditor: { 'zh-Hans': '李明', en: 'Li Ming', ru: 'Ли Мин' }[locale],
  },
  ...overrides,
});

/** A CC-licensed English report with two authors: in full in English, translated into Chinese and Russian. */
export const ccReprint = (locale: 'zh-Hans' | 'en' | 'ru'): AttributionInput => ({
  locale,
  // a full reprint in the original's language keeps its headline
  title: locale === 'en' ? 'How University Makerspaces Turn Student Ideas into Prototypes' : { 'zh-Hans': '高校创客空间', ru: 'Мейкерспейсы' }[locale],
  date: '2025-06-12',
  source: { name: 'Campus Science Weekly', homepage: 'https://science-weekly.example.org/' },
  reprint: {
    isReprint: true,
    originalTitle: 'How University Makerspaces Turn Student Ideas into Prototypes',
    originalTitleGloss: { 'zh-Hans': '高校创客空间如何把学生的创意变成原型', en: null, ru: 'Как университетские мейкерспейсы превращают идеи студентов в прототипы' }[locale],
    originalUrl: 'https://science-weekly.example.org/2025/06/makerspaces',
    originalAuthors: 'Jane Doe, John Roe',
    originalPublishedAt: '2025-06-10',
    originalLanguage: 'en',
    reprintType: locale === 'en' ? 'full' : 'translation',
    translator: { 'zh-Hans': '王芳', en: null, ru: 'Анна Петрова' }[locale],
    license: 'cc-by-4.0',
    responsibleEditor: { 'zh-Hans': '李明', en: 'Li Ming', ru: 'Ли Мин' }[locale],
  },
});

/** An excerpt reprinted with a permission that expires, one author. */
export const permissionReprint = (locale: 'zh-Hans' | 'en' | 'ru'): AttributionInput => ({
  locale,
  title: 'Library',
  date: '2025-09-02',
  source: { name: 'Campus Science Weekly', homepage: 'https://science-weekly.example.org/' },
  reprint: {
    isReprint: true,
    originalTitle: 'The Library That Never Closes',
    originalUrl: 'https://science-weekly.example.org/2025/09/library',
    originalAuthors: 'Jane Doe',
    originalPublishedAt: '2025-09-01',
    originalLanguage: 'en',
    reprintType: 'excerpt',
    license: 'all-rights-reserved-with-permission',
    permissionGrantedBy: 'Campus Science Weekly',
    permissionExpiresAt: '2026-09-01',
    responsibleEditor: { 'zh-Hans': '李明', en: 'Li Ming', ru: 'Ли Мин' }[locale],
  },
});

export const settings = (overrides: Partial<AttributionSettings> = {}): AttributionSettings => ({
  templates: DEFAULT_TEMPLATES,
  titleCheck: 'warn',
  defaultPolicy: 'self',
  articleUrl: 'https://news.lnu.edu.cn/{locale}/news/{slug}',
  publisher: { name: { 'zh-Hans': '辽宁大学新闻网', en: 'Liaoning University News', ru: 'Новости ЛНУ' }, url: 'https://www.lnu.edu.cn/' },
  ruleSets: defaultRuleSetSettings(),
  ...overrides,
});

export const TODAY = '2025-11-25';
