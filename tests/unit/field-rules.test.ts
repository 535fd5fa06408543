import fs from 'node:fs';
import path from 'node:path';

import { reprintComponentSchema } from '../../src/plugins/reprint-attribution/server/src/components/reprint';
import { findFormatProblems, HTTP_URL_PATTERN, isHttpUrl, SLUG_PATTERN_SOURCE, type SchemaLookup } from '../../src/lib/field-rules';

describe('isHttpUrl', () => {
  it.each(['https://www.lnu.edu.cn/', 'http://ln.chinanews.com.cn/news/2025/03-22/1.shtml', 'https://example.com:8443/a?b=c#d'])(
    'accepts %s',
    (url) => expect(isHttpUrl(url)).toBe(true)
  );
  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/relative/path',
    '//example.com/x',
    'www.example.com',
    'ftp://example.com',
    'https://localhost/',
    'https://exa mple.com',
    'https://',
    '',
    null,
    'https://user:pass@example.com/',
    'https://evil.example\\@good.example',
    'https://good.example/a\\b',
  ])('rejects %p', (url) => expect(isHttpUrl(url)).toBe(false));
});

describe('the schema regex of URL fields', () => {
  const list = (dir: string, depth: number): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() && depth > 0 ? list(path.join(dir, entry.name), depth - 1) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : []
    );
  const files = [...list('src/api', 3), ...list('src/components', 1)];
  const schemas: Array<[string, { attributes: Record<string, { regex?: string }> }]> = [
    ...files.map((file) => [file, JSON.parse(fs.readFileSync(file, 'utf8'))] as [string, { attributes: Record<string, { regex?: string }> }]),
    // the component the reprint-attribution plugin brings
    ['reprint-attribution: attribution.reprint', reprintComponentSchema as unknown as { attributes: Record<string, { regex?: string }> }],
  ];
  const urlPatterns = schemas.flatMap(([where, schema]) =>
    Object.entries(schema.attributes)
      .filter(([, attribute]) => attribute.regex?.startsWith('^https?'))
      .map(([name, attribute]) => [`${where}#${name}`, attribute.regex] as const)
  );

  it('is the URL rule’s pattern everywhere, so the rule (not an older regex) decides', () => {
    expect(urlPatterns.length).toBeGreaterThanOrEqual(4);
    for (const [where, regex] of urlPatterns) expect([where, regex]).toEqual([where, HTTP_URL_PATTERN]);
  });
});

describe('findFormatProblems', () => {
  const schemas: Record<string, any> = {
    'api::article.article': {
      attributes: {
        title: { type: 'string' },
        slug: { type: 'uid', regex: SLUG_PATTERN_SOURCE },
        reprint: { type: 'component', component: 'attribution.reprint' },
        links: { type: 'component', component: 'shared.link', repeatable: true },
        blocks: { type: 'dynamiczone', components: ['shared.link'] },
      },
    },
    'attribution.reprint': { attributes: { originalUrl: { type: 'string', regex: HTTP_URL_PATTERN } } },
    'shared.link': { attributes: { url: { type: 'string', regex: HTTP_URL_PATTERN } } },
  };
  const lookup: SchemaLookup = (uid) => schemas[uid];

  it('accepts valid and empty values', () => {
    expect(
      findFormatProblems(lookup, 'api::article.article', {
        title: 'Anything goes',
        slug: 'ok-slug',
        reprint: { originalUrl: '' },
        links: [{ url: null }, { url: 'https://a.example.org' }],
      })
    ).toEqual([]);
  });

  it('reports every bad value with its path, through components, repeatables and dynamic zones', () => {
    const problems = findFormatProblems(lookup, 'api::article.article', {
      slug: 'Bad Slug',
      reprint: { originalUrl: 'javascript:alert(1)' },
      links: [{ url: 'https://ok.example.org' }, { url: 'nope' }],
      blocks: [{ __component: 'shared.link', url: 'data:x' }],
    });
    expect(problems.map((p) => p.path)).toEqual([['slug'], ['reprint', 'originalUrl'], ['links', '1', 'url'], ['blocks', '0', 'url']]);
    expect(problems[0].message).toBe('slug must be lower-case letters and digits joined by single hyphens, e.g. lnu-seminar-2025');
    expect(problems[1].message).toMatch(/^reprint\.originalUrl must be an absolute http:\/\/ or https:\/\/ address/);
  });

  it('says why a URL is refused', () => {
    const [problem] = findFormatProblems(lookup, 'api::article.article', { reprint: { originalUrl: 'https://user:pass@example.com/' } });
    expect(problem.path).toEqual(['reprint', 'originalUrl']);
    expect(problem.message).toMatch(/user name or password/);
  });

  it('ignores unknown attributes and non-object data', () => {
    expect(findFormatProblems(lookup, 'api::article.article', { nope: 'javascript:x' })).toEqual([]);
    expect(findFormatProblems(lookup, 'api::article.article', null)).toEqual([]);
    expect(findFormatProblems(lookup, 'api::unknown.unknown', { slug: 'Bad' })).toEqual([]);
  });
});
