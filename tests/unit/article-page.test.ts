import crypto from 'node:crypto';

import {
  ARTICLE_PAGE_STYLE,
  articlePageCsp,
  escapeHtml,
  formatDate,
  PREVIEW_REFRESH_SCRIPT,
  renderArticlePage,
  renderBlocks,
  safeHref,
  scriptSafeJson,
  type ArticleData,
} from '../../src/lib/article-page';

/** The reference renderer (src/lib/article-page.ts): data in, HTML out. */

const HOSTILE = '</script><script>alert(1)</script><!-- & \u2028\u2029 "\'';
const LOCALES = ['zh-Hans', 'en', 'ru'] as const;

const site = {
  locales: [
    { code: 'zh-Hans', name: '简体中文' },
    { code: 'en', name: 'English' },
    { code: 'ru', name: 'русский' },
  ],
  sections: [{ key: 'news', names: { 'zh-Hans': '新闻', en: 'News', ru: 'Новости' } }],
};

const jsonLdOf = (headline: string) => ({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline, inLanguage: 'en' });

const article = (locale: string, overrides: Partial<ArticleData> = {}): ArticleData => ({
  documentId: 'abc',
  locale,
  title: `Title in ${locale}`,
  date: '2025-03-22',
  section: 'news',
  summary: 'A summary',
  url: `https://news.example.edu/${locale}/news/a`,
  source: { name: 'China News Network Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' },
  cover: {
    url: 'https://cms.example.edu/uploads/seminar.jpg',
    alternativeText: 'The seminar',
    width: 1200,
    height: 800,
    formats: { small: { url: 'https://cms.example.edu/uploads/small_seminar.jpg', width: 500, height: 333 } },
  },
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'First paragraph.' }] }],
  localizations: LOCALES.map((code) => ({ locale: code, url: `https://news.example.edu/${code}/news/a`, hreflang: code })),
  alternates: [...LOCALES.map((code) => ({ hreflang: code, href: `https://news.example.edu/${code}/news/a` })), { hreflang: 'x-default', href: 'https://news.example.edu/zh-Hans/news/a' }],
  attribution: {
    creditLine: 'Source: China News Network Liaoning.',
    creditLineHtml: 'Source: <a href="https://www.ln.chinanews.com.cn/" rel="noopener noreferrer">China News Network Liaoning</a>.',
    jsonLd: jsonLdOf('Title'),
    jsonLdScript: JSON.stringify(jsonLdOf('Title')),
    canonicalUrl: `https://news.example.edu/${locale}/news/a`,
    robots: [{ name: 'robots', content: 'index, follow' }, { name: 'googlebot-news', content: 'noindex' }],
  },
  ...overrides,
});

const scripts = (html: string) => [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((match) => ({ attributes: match[1], text: match[2] }));
const jsonLdScripts = (html: string) => scripts(html).filter((script) => script.attributes.includes('application/ld+json'));

describe('escaping', () => {
  it('escapes text and attributes', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
  });

  it('makes JSON safe in a script element, and leaves what it means unchanged', () => {
    const value = { headline: HOSTILE };
    const safe = scriptSafeJson(JSON.stringify(value));
    expect(safe).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(safe)).toEqual(value);
    // the API's jsonLdScript is already escaped: escaping it again changes nothing
    expect(scriptSafeJson(safe)).toBe(safe);
  });

  it('links only http(s), mailto: and root-relative addresses', () => {
    expect(safeHref('https://example.edu/a?b=1')).toBe('https://example.edu/a?b=1');
    expect(safeHref('/en/news/a')).toBe('/en/news/a');
    expect(safeHref('mailto:desk@example.edu')).toBe('mailto:desk@example.edu');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', '//evil.example/x', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\n/evil.example', 'https://example.edu/\u0000x', 'vbscript:x', 'not a url', 42, null]) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});

describe('the JSON-LD element', () => {
  it.each(LOCALES)('%s: a title with </script> cannot end it, and it parses to the API’s jsonLd', (locale) => {
    const jsonLd = jsonLdOf(HOSTILE);
    const html = renderArticlePage({ article: article(locale, { title: HOSTILE, attribution: { ...article(locale).attribution, jsonLd, jsonLdScript: JSON.stringify(jsonLd) } }), site });
    const found = jsonLdScripts(html);
    expect(found).toHaveLength(1);
    expect(JSON.parse(found[0].text)).toEqual(jsonLd);
    // nothing but the page's own elements: no script the title opened
    expect(scripts(html)).toHaveLength(1);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<!--');
  });

  it('writes the API’s jsonLdScript as it is, and builds a safe one from jsonLd when there is none', () => {
    const jsonLd = jsonLdOf(HOSTILE);
    const apiText = scriptSafeJson(JSON.stringify(jsonLd));
    const given = renderArticlePage({ article: article('en', { attribution: { jsonLd, jsonLdScript: apiText } }) });
    expect(jsonLdScripts(given)[0].text).toBe(apiText);
    const built = renderArticlePage({ article: article('en', { attribution: { jsonLd } }) });
    expect(JSON.parse(jsonLdScripts(built)[0].text)).toEqual(jsonLd);
    expect(jsonLdScripts(built)[0].text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(jsonLdScripts(renderArticlePage({ article: article('en', { attribution: null }) }))).toHaveLength(0);
  });
});

describe('the head', () => {
  it.each(LOCALES)('%s: lang, canonical, one alternate per edition and x-default, the attribution’s robots', (locale) => {
    const html = renderArticlePage({ article: article(locale), site });
    expect(html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}" dir="ltr">`));
    expect(html).toContain(`<link rel="canonical" href="https://news.example.edu/${locale}/news/a">`);
    const alternates = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((match) => [match[1], match[2]]);
    expect(alternates).toEqual([
      ['zh-Hans', 'https://news.example.edu/zh-Hans/news/a'],
      ['en', 'https://news.example.edu/en/news/a'],
      ['ru', 'https://news.example.edu/ru/news/a'],
      ['x-default', 'https://news.example.edu/zh-Hans/news/a'],
    ]);
    expect(html).toContain('<meta name="robots" content="index, follow">');
    expect(html).toContain('<meta name="googlebot-news" content="noindex">');
    expect(html).not.toContain('<meta name="referrer"');
  });

  it('a preview is noindex, nofollow, sends no referrer, says what it shows, and reloads on the admin’s save', () => {
    const html = renderArticlePage({ article: article('en'), site, preview: { status: 'draft', expiresAt: '2026-01-02T03:04:05.000Z' } });
    expect(html.match(/<meta name="robots"[^>]*>/g)).toEqual(['<meta name="robots" content="noindex, nofollow">']);
    expect(html).not.toContain('googlebot-news');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain('Draft: not published yet');
    expect(html).toContain('link valid until 2026-01-02 03:04 UTC');
    expect(scripts(html).map((script) => script.text)).toContain(PREVIEW_REFRESH_SCRIPT);
    const published = renderArticlePage({ article: article('ru'), site, preview: { status: 'published' } });
    expect(published).toContain('Опубликованная версия');
    expect(published).not.toContain('ссылка действует');
  });

  it('falls back to the page url for the canonical and leaves out addresses that are not http(s)', () => {
    const html = renderArticlePage({
      article: article('en', { attribution: { canonicalUrl: null }, alternates: [{ hreflang: 'en', href: 'javascript:alert(1)' }] }),
    });
    expect(html).toContain('<link rel="canonical" href="https://news.example.edu/en/news/a">');
    expect(html).not.toContain('javascript:');
  });
});

describe('the article', () => {
  it('shows title, section, date, source, credit line, cover and body, in the locale’s words', () => {
    const zh = renderArticlePage({ article: article('zh-Hans'), site });
    expect(zh).toContain('<h1>Title in zh-Hans</h1>');
    expect(zh).toContain('<p class="section">新闻</p>');
    expect(zh).toContain('日期：<time datetime="2025-03-22">2025年3月22日</time>');
    expect(zh).toContain('来源：<a href="https://www.ln.chinanews.com.cn/" rel="noopener noreferrer">China News Network Liaoning</a>');
    expect(zh).toContain(`<p class="credit">${article('zh-Hans').attribution!.creditLineHtml}</p>`);
    expect(zh).toContain('<img src="https://cms.example.edu/uploads/seminar.jpg" alt="The seminar" width="1200" height="800" srcset="https://cms.example.edu/uploads/small_seminar.jpg 500w, https://cms.example.edu/uploads/seminar.jpg 1200w"');
    expect(zh).toContain('<p>First paragraph.</p>');
    expect(renderArticlePage({ article: article('ru'), site })).toContain('Дата: <time datetime="2025-03-22">22 марта 2025 г.</time>');
    expect(renderArticlePage({ article: article('en'), site })).toContain('Date: <time datetime="2025-03-22">March 22, 2025</time>');
  });

  it('escapes every text the data holds', () => {
    const html = renderArticlePage({
      article: article('en', {
        title: HOSTILE,
        summary: '<img src=x onerror=alert(1)>',
        section: '<b>',
        source: { name: '<i>Outlet</i>', homepage: 'javascript:alert(1)' },
        cover: { url: 'https://cms.example.edu/a.jpg', alternativeText: '" onerror="alert(1)', caption: '<script>' },
        attribution: { creditLine: '<b>plain</b>' },
        seo: { metaDescription: '"><script>' },
      }),
      site,
    });
    expect(html).toContain(`<h1>${escapeHtml(HOSTILE.trim())}</h1>`);
    expect(html).toContain('<p class="summary">&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html).toContain('<p class="section">&lt;b&gt;</p>');
    expect(html).toContain('Source: &lt;i&gt;Outlet&lt;/i&gt;</span>');
    expect(html).toContain('alt="&quot; onerror=&quot;alert(1)"');
    expect(html).toContain('<figcaption>&lt;script&gt;</figcaption>');
    // no creditLineHtml: the text credit line, escaped
    expect(html).toContain('<p class="credit">&lt;b&gt;plain&lt;/b&gt;</p>');
    expect(html).toContain('<meta name="description" content="&quot;&gt;&lt;script&gt;">');
    // the only elements are the page's own: one image (its alt text escaped inside the quotes)
    expect(html.match(/<img\b[^>]*>/g)).toEqual(['<img src="https://cms.example.edu/a.jpg" alt="&quot; onerror=&quot;alert(1)">']);
    expect(html).not.toMatch(/<(i|b)>/);
    expect(html).not.toContain('javascript:');
  });

  it('links the other editions in the language switcher, to the given addresses or the site’s', () => {
    const site_ = renderArticlePage({ article: article('en'), site });
    expect(site_).toContain('<a href="https://news.example.edu/zh-Hans/news/a" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>');
    expect(site_).toContain('<span lang="en" aria-current="page">English</span>');
    const preview = renderArticlePage({ article: article('en'), site, editionHref: { ru: '/preview/articles/abc?locale=ru&status=draft&token=1.x' } });
    expect(preview).toContain('<a href="/preview/articles/abc?locale=ru&amp;status=draft&amp;token=1.x" hreflang="ru" lang="ru">русский</a>');
    // null: the edition is named, not linked (not even to its address on the site)
    const unlinked = renderArticlePage({ article: article('en'), site, editionHref: { 'zh-Hans': null } });
    expect(unlinked).toContain('<li><span lang="zh-Hans">简体中文</span></li>');
    expect(unlinked).not.toContain('<a href="https://news.example.edu/zh-Hans/news/a"');
    // one edition: no switcher
    expect(renderArticlePage({ article: article('en', { localizations: [{ locale: 'en', url: null }] }) })).not.toContain('<nav');
  });

  it('names a language without site data by Intl, and says untitled for a draft without a title', () => {
    const html = renderArticlePage({ article: article('en', { title: '  ' }) });
    expect(html).toContain('>русский</a>');
    expect(html).toContain('<h1>(untitled)</h1>');
  });
});

describe('the body blocks', () => {
  it('renders each block type, modifiers and links, and drops unsafe links but keeps their text', () => {
    const html = renderBlocks([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Heading' }] },
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'Sub' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'bold', bold: true },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'all', bold: true, italic: true, underline: true, strikethrough: true, code: true },
          { type: 'link', url: 'https://example.edu/', children: [{ type: 'text', text: 'a link' }] },
          { type: 'link', url: '/en/news/b', children: [{ type: 'text', text: 'internal' }] },
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'kept text' }] },
          { type: 'text', text: 'line\nbreak' },
        ],
      },
      {
        type: 'list',
        format: 'ordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'one' }] },
          { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'nested' }] }] },
        ],
      },
      { type: 'quote', children: [{ type: 'text', text: 'quoted <q>' }] },
      { type: 'code', language: 'js', children: [{ type: 'text', text: 'a < b && c' }] },
      { type: 'image', image: { url: '/uploads/x.jpg', alternativeText: 'X', width: 10, height: 5, caption: 'Cap' }, children: [{ type: 'text', text: '' }] },
      { type: 'image', image: { url: 'javascript:alert(1)' }, children: [] },
      { type: 'unknown-future-block', children: [{ type: 'text', text: 'not lost' }] },
    ] as any);
    expect(html.split('\n')).toEqual([
      '<h2>Heading</h2>',
      '<h3>Sub</h3>',
      '<p><strong>bold</strong> and <s><u><em><strong><code>all</code></strong></em></u></s><a href="https://example.edu/" rel="noopener noreferrer">a link</a><a href="/en/news/b">internal</a>kept textline<br>break</p>',
      '<ol><li>one<ul><li>nested</li></ul></li></ol>',
      '<blockquote><p>quoted &lt;q&gt;</p></blockquote>',
      '<pre><code>a &lt; b &amp;&amp; c</code></pre>',
      '<figure><img src="/uploads/x.jpg" alt="X" width="10" height="5"><figcaption>Cap</figcaption></figure>',
      '',
      '<p>not lost</p>',
    ]);
  });

  it('takes a body that is not a list of blocks as empty', () => {
    expect(renderBlocks(null)).toBe('');
    expect(renderBlocks({} as any)).toBe('');
  });
});

describe('typography and policy', () => {
  it('the stylesheet sets each script’s fonts and line height', () => {
    expect(ARTICLE_PAGE_STYLE).toMatch(/:lang\(zh\)[^{]*\{[^}]*"Noto Sans CJK SC"[^}]*line-height: 1\.85/);
    expect(ARTICLE_PAGE_STYLE).toMatch(/:lang\(ru\)[^{]*\{[^}]*hyphens: auto/);
    expect(ARTICLE_PAGE_STYLE).toMatch(/body \{[^}]*font-family: Georgia[^}]*\}/);
  });

  it('the CSP lets run only the page’s own style and script, and names who may frame it', () => {
    const csp = articlePageCsp({ imgSources: ['https://cms.example.edu'], frameAncestors: ["'self'"] });
    const hash = (text: string) => `'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toBe(
      [
        "default-src 'none'",
        "img-src 'self' data: https://cms.example.edu",
        `style-src ${hash(ARTICLE_PAGE_STYLE)}`,
        `script-src ${hash(PREVIEW_REFRESH_SCRIPT)}`,
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
      ].join('; ')
    );
    // the page's <style> is exactly what the hash covers
    expect(renderArticlePage({ article: article('en') })).toContain(`<style>${ARTICLE_PAGE_STYLE}</style>`);
    expect(articlePageCsp({ imgSources: [], frameAncestors: [] })).toContain("frame-ancestors 'none'");
  });

  it('formats dates per locale and leaves anything else as it is', () => {
    expect(formatDate('2025-12-01', 'zh-Hans')).toBe('2025年12月1日');
    expect(formatDate('soon', 'en')).toBe('soon');
  });
});
