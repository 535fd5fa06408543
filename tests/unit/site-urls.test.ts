import { absolutizeUrls, languageLinks, pageUrl, readSiteUrlConfig } from '../../src/lib/site-urls';

describe('readSiteUrlConfig', () => {
  it('has development defaults and resolves {site} in the patterns', () => {
    const config = readSiteUrlConfig({ PORT: '1400' });
    expect(config.publicUrl).toBe('http://localhost:1400');
    expect(config.siteUrl).toBe('http://localhost:3000');
    expect(config.patterns['api::article.article']).toBe('http://localhost:3000/{locale}/news/{slug}');
    expect(config.patterns['api::institution.institution']).toBe('http://localhost:3000/{locale}/institutions/{slug}');
  });

  it('takes the configured addresses, without trailing slashes', () => {
    const config = readSiteUrlConfig({ PUBLIC_URL: 'https://cms.example.edu/', SITE_URL: 'https://news.example.edu/', SITE_ARTICLE_URL: '{site}/{locale}/story/{slug}.html' });
    expect(config.publicUrl).toBe('https://cms.example.edu');
    expect(config.patterns['api::article.article']).toBe('https://news.example.edu/{locale}/story/{slug}.html');
  });

  it('names the variable that is wrong', () => {
    expect(() => readSiteUrlConfig({ PUBLIC_URL: 'cms.example.edu' })).toThrow(/^PUBLIC_URL="cms.example.edu" must be an absolute http\(s\) address/);
    expect(() => readSiteUrlConfig({ SITE_URL: 'ftp://news.example.edu' })).toThrow(/^SITE_URL=/);
    expect(() => readSiteUrlConfig({ SITE_SOURCE_URL: '{site}/{lang}/{slug}' })).toThrow('SITE_SOURCE_URL: unknown placeholder {lang}; use {site}, {locale} and {slug}');
    expect(() => readSiteUrlConfig({ SITE_ARTICLE_URL: '{site}/{locale}/news' })).toThrow('SITE_ARTICLE_URL must contain {slug}');
    expect(() => readSiteUrlConfig({ SITE_INSTITUTION_URL: '/{locale}/{slug}' })).toThrow(/^SITE_INSTITUTION_URL=.* must give an absolute http\(s\) address/);
  });
});

describe('pageUrl', () => {
  it('fills the pattern, encoding each part, and gives null without a slug', () => {
    expect(pageUrl('https://n.example/{locale}/news/{slug}', { locale: 'zh-Hans', slug: 'a b' })).toBe('https://n.example/zh-Hans/news/a%20b');
    expect(pageUrl('https://n.example/{locale}/news/{slug}', { locale: 'en', slug: null })).toBeNull();
    expect(pageUrl(undefined, { locale: 'en', slug: 'x' })).toBeNull();
  });
});

describe('absolutizeUrls', () => {
  it('makes media URLs absolute at any depth, formats and image blocks included', () => {
    const body = {
      cover: { url: '/uploads/a.jpg', formats: { small: { url: '/uploads/small_a.jpg' } }, previewUrl: '/uploads/p.jpg' },
      body: [{ type: 'image', image: { url: '/uploads/b.jpg' }, children: [] }],
      already: { url: 'https://cdn.example/c.jpg' },
      protocolRelative: { url: '//cdn.example/d.jpg' },
    };
    absolutizeUrls(body, 'https://cms.example.edu');
    expect(body.cover).toEqual({ url: 'https://cms.example.edu/uploads/a.jpg', formats: { small: { url: 'https://cms.example.edu/uploads/small_a.jpg' } }, previewUrl: 'https://cms.example.edu/uploads/p.jpg' });
    expect(body.body[0].image.url).toBe('https://cms.example.edu/uploads/b.jpg');
    expect(body.already.url).toBe('https://cdn.example/c.jpg');
    expect(body.protocolRelative.url).toBe('//cdn.example/d.jpg');
  });

  it('leaves an editor’s root-relative link in the body alone: it points into the site', () => {
    const body = [{ type: 'paragraph', children: [{ type: 'link', url: '/en/news/other', children: [{ type: 'text', text: 'other' }] }] }];
    absolutizeUrls(body, 'https://cms.example.edu');
    expect(body[0].children[0].url).toBe('/en/news/other');
  });
});

describe('languageLinks', () => {
  const pattern = 'https://n.example/{locale}/news/{slug}';
  it('gives each edition its address and the alternates with x-default on the default locale', () => {
    const { localizations, alternates } = languageLinks(
      [
        { locale: 'zh-Hans', slug: 'zh' },
        { locale: 'en', slug: 'en' },
      ],
      { pattern, defaultLocale: 'zh-Hans' }
    );
    expect(localizations).toEqual([
      { locale: 'zh-Hans', slug: 'zh', url: 'https://n.example/zh-Hans/news/zh', hreflang: 'zh-Hans' },
      { locale: 'en', slug: 'en', url: 'https://n.example/en/news/en', hreflang: 'en' },
    ]);
    expect(alternates.at(-1)).toEqual({ hreflang: 'x-default', href: 'https://n.example/zh-Hans/news/zh' });
  });

  it('points x-default at the first edition when the default locale has none, and gives none without editions', () => {
    expect(languageLinks([{ locale: 'ru', slug: 'r' }], { pattern, defaultLocale: 'zh-Hans' }).alternates).toEqual([
      { hreflang: 'ru', href: 'https://n.example/ru/news/r' },
      { hreflang: 'x-default', href: 'https://n.example/ru/news/r' },
    ]);
    expect(languageLinks([], { pattern, defaultLocale: 'zh-Hans' })).toEqual({ localizations: [], alternates: [] });
  });
});
