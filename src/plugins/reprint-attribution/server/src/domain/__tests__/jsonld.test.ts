import jsonld from 'jsonld';

import { buildAttribution } from '../attribution';
import { buildJsonLd } from '../jsonld';
import { searchPolicy } from '../policy';
import { reference, settings, TODAY } from './fixtures';

/** schema.org's context, served locally: the machines that run the tests have no network. */
const SCHEMA_CONTEXT = { '@context': { '@vocab': 'https://schema.org/', id: '@id', type: '@type' } };
const documentLoader = async (url: string) => {
  if (/^https?:\/\/schema\.org\/?$/.test(url)) return { contextUrl: undefined, documentUrl: url, document: SCHEMA_CONTEXT };
  throw new Error(`No network in tests: ${url}`);
};

describe('JSON-LD', () => {
  it('describes the reference reprint as a NewsArticle based on the original', async () => {
    const { jsonLd } = buildAttribution(reference('en'), settings(), TODAY);
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: expect.stringMatching(/^Liaoning Undergraduate/),
      inLanguage: 'en',
      datePublished: '2025-03-22',
      url: 'https://news.lnu.edu.cn/en/news/seminar-en',
      publisher: { '@type': 'Organization', name: 'Liaoning University News', url: 'https://www.lnu.edu.cn/' },
      isBasedOn: {
        '@type': 'NewsArticle',
        headline: '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开',
        url: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml',
        datePublished: '2025-03-22',
        inLanguage: 'zh-Hans',
        publisher: { '@type': 'Organization', name: 'China News Service Liaoning', url: 'https://www.ln.chinanews.com.cn/' },
      },
      translationOfWork: { '@type': 'NewsArticle', headline: '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开' },
      creditText: expect.stringMatching(/^Originally published by China News Service Liaoning/),
      copyrightHolder: { '@type': 'Organization', name: 'China News Service Liaoning' },
    });
    expect(jsonLd).not.toHaveProperty('license'); // the statutory exception has no licence URL

    // Valid JSON-LD: expands to schema.org IRIs with a local document loader.
    const expanded = await jsonld.expand(jsonLd as any, { documentLoader } as any);
    const [node] = expanded as unknown as any[];
    expect(node['@type']).toEqual(['https://schema.org/NewsArticle']);
    expect(node['https://schema.org/isBasedOn'][0]['https://schema.org/headline'][0]['@value']).toBe('辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开');
    expect(node['https://schema.org/creditText'][0]['@value']).toMatch(/China News Service Liaoning/);
  });

  it('gives the licence URL, authors as people, and no translationOfWork for a full reprint', () => {
    const input = reference('zh-Hans', { reprint: { ...reference('zh-Hans').reprint, license: 'cc-by-4.0', originalAuthors: '张三、李四' } });
    const jsonLd = buildJsonLd(input, { publisher: settings().publisher, creditText: 'x', url: null }) as any;
    expect(jsonLd.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(jsonLd.isBasedOn.author).toEqual([
      { '@type': 'Person', name: '张三' },
      { '@type': 'Person', name: '李四' },
    ]);
    expect(jsonLd.translationOfWork).toBeUndefined();
    expect(jsonLd.publisher.name).toBe('辽宁大学新闻网');
  });

  it('gives the image (made absolute on the CMS address), the modification time and the original’s authors', () => {
    const input = reference('en', {
      image: '/uploads/seminar.jpg',
      dateModified: '2025-03-23T08:00:00.000Z',
      reprint: { ...reference('en').reprint, originalAuthors: 'Zhang San, Li Si' },
    });
    const jsonLd = buildJsonLd(input, { publisher: settings().publisher, creditText: 'x', url: null, publicUrl: 'http://localhost:1337' }) as any;
    expect(jsonLd.image).toBe('http://localhost:1337/uploads/seminar.jpg');
    expect(jsonLd.dateModified).toBe('2025-03-23T08:00:00.000Z');
    expect(jsonLd.author).toEqual([
      { '@type': 'Person', name: 'Zhang San' },
      { '@type': 'Person', name: 'Li Si' },
    ]);
    // Without a CMS address a root-relative image is left out, never written relative.
    expect((buildJsonLd(input, { publisher: settings().publisher, creditText: 'x', url: null }) as any).image).toBeUndefined();
    // An own story names no author the model does not hold.
    expect((buildJsonLd(reference('en', { reprint: { isReprint: false } }), { publisher: settings().publisher, creditText: null, url: null }) as any).author).toBeUndefined();
  });

  it('describes an own story without any reprint properties', () => {
    const jsonLd = buildJsonLd(reference('ru', { reprint: { isReprint: false } }), { publisher: { name: 'News' }, creditText: null, url: null }) as any;
    expect(Object.keys(jsonLd).sort()).toEqual(['@context', '@type', 'datePublished', 'headline', 'inLanguage', 'publisher']);
  });
});

describe('canonical and robots', () => {
  const pattern = settings().articleUrl;
  it('takes the configured page pattern as it is, a development site on localhost included', () => {
    const own = searchPolicy(reference('en', { reprint: { isReprint: false } }), 'self', 'http://localhost:3000/{locale}/news/{slug}');
    expect(own.canonicalUrl).toBe('http://localhost:3000/en/news/seminar-en');
  });

  it('is self-canonical by default', () => {
    expect(searchPolicy(reference('en'), 'self', pattern)).toEqual({
      policy: 'self',
      canonicalUrl: 'https://news.lnu.edu.cn/en/news/seminar-en',
      robots: [{ name: 'robots', content: 'index, follow' }],
    });
  });

  it('points at the original, or keeps news crawlers away, as chosen per article or by default', () => {
    expect(searchPolicy(reference('en'), 'original', pattern).canonicalUrl).toBe('https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml');
    const noindex = searchPolicy(reference('en', { reprint: { ...reference('en').reprint, syndicationPolicy: 'noindex-news' } }), 'original', pattern);
    expect(noindex.policy).toBe('noindex-news');
    expect(noindex.robots).toEqual([
      { name: 'robots', content: 'index, follow' },
      { name: 'googlebot-news', content: 'noindex' },
    ]);
  });

  it('lets the SEO component win, and keeps own stories self-canonical', () => {
    const seo = searchPolicy(reference('en', { seo: { canonicalUrl: 'https://elsewhere.example.org/a', noindex: true } }), 'original', pattern);
    expect(seo.canonicalUrl).toBe('https://elsewhere.example.org/a');
    expect(seo.robots[0].content).toBe('noindex, follow');
    expect(searchPolicy(reference('en', { reprint: { isReprint: false } }), 'original', pattern).policy).toBe('self');
    expect(searchPolicy(reference('en'), 'self', '').canonicalUrl).toBeNull();
  });
});

describe('buildAttribution', () => {
  it('reports completeness and uses the override', () => {
    const incomplete = buildAttribution(reference('en', { source: null }), settings(), TODAY);
    expect(incomplete).toMatchObject({ isReprint: true, complete: false, missing: ['source'] });
    const override = buildAttribution(reference('en', { reprint: { ...reference('en').reprint, creditLineOverride: 'Courtesy of CNLN' } }), settings(), TODAY);
    expect(override.creditLine).toBe('Courtesy of CNLN');
    expect(override.jsonLd.creditText).toBe('Courtesy of CNLN');
    const own = buildAttribution(reference('en', { reprint: null, source: null }), settings(), TODAY);
    expect(own).toMatchObject({ isReprint: false, creditLine: null, creditLineHtml: null, complete: true, missing: [] });
  });
});

describe('jsonLdScript: JSON-LD safe to write into a <script> element', () => {
  const hostile = '</script><script>alert(1)</script> & <!-- \u2028\u2029';

  it('escapes <, >, & and the line separators, and parses back to jsonLd', () => {
    const attribution = buildAttribution(
      reference('en', { title: hostile, reprint: { ...reference('en').reprint, originalTitle: hostile, originalAuthors: '<b>A</b>' } }),
      settings(),
      TODAY
    );
    expect(JSON.stringify(attribution.jsonLd)).toContain('</script>');
    expect(attribution.jsonLdScript).not.toMatch(/[<>&\u2028\u2029]/);
    expect(attribution.jsonLdScript).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(attribution.jsonLdScript)).toEqual(attribution.jsonLd);
  });

  it('is present for own stories too', () => {
    const own = buildAttribution(reference('en', { title: 'a < b', reprint: { isReprint: false } }), settings(), TODAY);
    expect(JSON.parse(own.jsonLdScript)).toEqual(own.jsonLd);
    expect(own.jsonLdScript).toContain('a \\u003c b');
  });
});
