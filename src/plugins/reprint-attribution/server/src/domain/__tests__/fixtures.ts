import type { AttributionInput, AttributionSettings } from '../types';
import { DEFAULT_TEMPLATES } from '../templates';

/** The reference reprint: China News Network Liaoning's report, reprinted by the newsroom. */
export const reference = (locale: 'zh-Hans' | 'en' | 'ru', overrides: Partial<AttributionInput> = {}): AttributionInput => ({
  locale,
  title: { 'zh-Hans': '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开', en: 'Liaoning Undergraduate Students’ Innovation and Entrepreneurship Education Work Seminar Convened at LNU', ru: 'В Ляонинском университете прошёл семинар' }[locale],
  slug: `seminar-${locale.toLowerCase()}`,
  date: '2025-03-22',
  source: {
    name: { 'zh-Hans': '中国新闻网辽宁', en: 'China News Network Liaoning', ru: 'Китайская новостная сеть, Ляонин' }[locale],
    homepage: 'https://www.ln.chinanews.com.cn/',
  },
  reprint: {
    isReprint: true,
    originalTitle: '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开',
    originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml',
    originalPublishedAt: '2025-03-21',
    originalLanguage: 'zh-Hans',
    reprintType: locale === 'zh-Hans' ? 'full' : 'translation',
    license: 'statutory-news-exception',
    responsibleEditor: { 'zh-Hans': '王编辑', en: 'Wang', ru: 'Ван' }[locale],
  },
  ...overrides,
});

export const settings = (overrides: Partial<AttributionSettings> = {}): AttributionSettings => ({
  templates: DEFAULT_TEMPLATES,
  titleCheck: 'warn',
  defaultPolicy: 'self',
  articleUrl: 'https://news.lnu.edu.cn/{locale}/news/{slug}',
  publisher: { name: { 'zh-Hans': '辽宁大学新闻网', en: 'Liaoning University News', ru: 'Новости ЛНУ' }, url: 'https://www.lnu.edu.cn/' },
  ...overrides,
});

export const TODAY = '2025-11-25';
