import type { AttributionInput } from './types';

/** A reprint to preview templates on when no document is named. */
export const SAMPLE_INPUT: Record<string, AttributionInput> = {
  'zh-Hans': {
    locale: 'zh-Hans',
    title: '示例标题',
    source: { name: '中新网辽宁', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: '张三', reprintType: 'full', license: 'statutory-news-exception', responsibleEditor: '李四' },
  },
  en: {
    locale: 'en',
    title: 'Sample headline',
    source: { name: 'China News Service Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalTitleGloss: 'Sample original headline', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: 'Zhang San', translator: 'Anna Smith', reprintType: 'translation', license: 'statutory-news-exception', responsibleEditor: 'Li Si' },
  },
  ru: {
    locale: 'ru',
    title: 'Пример заголовка',
    source: { name: 'Ляонинский канал агентства «Чжунго синьвэнь»', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalTitleGloss: 'Пример заголовка оригинала', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: 'Чжан Сань', translator: 'Анна Петрова', reprintType: 'translation', license: 'statutory-news-exception', responsibleEditor: 'Ли Сы' },
  },
};
