import qs from 'qs';

import { asParsedQuery, columnsOf, flattenQuery, itemOfDetail, listBody, parseReadModelRequest, type RequestRules } from '../../src/read-model/requests';
import { DEFAULT_ARTICLE_POPULATE } from '../../src/api/article/middlewares/article-populate';

const rules: RequestRules = {
  prefix: '/api',
  types: { byPlural: { articles: 'api::article.article', sources: 'api::source.source', institutions: 'api::institution.institution' }, listUid: 'api::article.article' },
  locales: ['zh-Hans', 'en', 'ru'],
  defaultLimit: 25,
  maxLimit: 100,
  sections: ['news', 'research', 'notices'],
  fullPopulate: asParsedQuery(DEFAULT_ARTICLE_POPULATE),
};
const parse = (path: string, query: Record<string, unknown> = {}, method = 'GET') => parseReadModelRequest(method, path, query, rules);

describe('which reads the read model answers', () => {
  it('details by slug and by documentId, with or without a known locale', () => {
    expect(parse('/api/articles/slug/lnu-seminar', { locale: 'en' })).toEqual({ kind: 'detail', uid: 'api::article.article', by: 'slug', value: 'lnu-seminar', locale: 'en' });
    expect(parse('/api/sources/abc123')).toEqual({ kind: 'detail', uid: 'api::source.source', by: 'documentId', value: 'abc123', locale: undefined });
    expect(parse('/api/institutions/slug/辽宁大学', { locale: 'zh-Hans' })).toMatchObject({ by: 'slug', value: '辽宁大学' });
  });

  it('the article list with pagination and the convenience filters', () => {
    expect(parse('/api/articles', { locale: 'ru', pagination: { page: '3', pageSize: '10' }, section: 'news,research', institution: 'liaoning-university', source: 'xinhua', from: '2025-01-01', to: '2025-12-31' })).toEqual({
      kind: 'list',
      uid: 'api::article.article',
      locale: 'ru',
      page: 3,
      pageSize: 10,
      filters: { section: ['news', 'research'], institution: ['liaoning-university'], source: ['xinhua'], from: '2025-01-01', to: '2025-12-31' },
      shape: 'teaser',
    });
    expect(parse('/api/articles')).toMatchObject({ kind: 'list', page: 1, pageSize: 25, filters: {} });
  });

  it('the article list in the full shape: populate exactly as the single read populates (keys in any order)', () => {
    const populate = qs.parse(flattenQuery('populate', DEFAULT_ARTICLE_POPULATE), { depth: 20 }).populate as Record<string, unknown>;
    expect(parse('/api/articles', { locale: 'en', populate, pagination: { page: '2' } })).toMatchObject({ kind: 'list', page: 2, shape: 'full' });
    const reordered = Object.fromEntries(Object.entries(populate).reverse());
    expect(parse('/api/articles', { populate: reordered, section: 'news' })).toMatchObject({ kind: 'list', shape: 'full', filters: { section: ['news'] } });
    // Anything else in populate is Strapi's.
    const { cover, ...withoutCover } = populate;
    expect(cover).toBeDefined();
    for (const other of [withoutCover, { ...populate, extra: 'true' }, { ...populate, cover: 'false' }, '*', ['source'], { ...populate, source: { fields: ['key'] } }]) {
      expect(parse('/api/articles', { populate: other })).toBeNull();
    }
    // Not for a detail, and not without the rule.
    expect(parse('/api/articles/abc', { populate })).toBeNull();
    expect(parseReadModelRequest('GET', '/api/articles', { populate }, { ...rules, fullPopulate: undefined })).toBeNull();
  });

  it.each([
    ['another method', '/api/articles', {}, 'POST'],
    ['an unknown locale', '/api/articles', { locale: 'xx' }],
    ['locale *', '/api/articles', { locale: '*' }],
    ['a locale list', '/api/articles', { locale: ['en', 'ru'] }],
    ['sort', '/api/articles', { sort: 'title:asc' }],
    ['fields', '/api/articles', { fields: ['title'] }],
    ['populate', '/api/articles/abc', { populate: '*' }],
    ['filters', '/api/articles', { filters: { title: { $eq: 'x' } } }],
    ['fallback', '/api/articles/slug/x', { fallback: 'true' }],
    ['status', '/api/articles', { status: 'draft' }],
    ['a page size over the limit', '/api/articles', { pagination: { pageSize: '101' } }],
    ['page 0', '/api/articles', { pagination: { page: '0' } }],
    ['offset pagination', '/api/articles', { pagination: { start: '0', limit: '10' } }],
    ['withCount', '/api/articles', { pagination: { withCount: 'false' } }],
    ['an unknown section', '/api/articles', { section: 'sports' }],
    ['an impossible date', '/api/articles', { from: '2025-02-30' }],
    ['from after to', '/api/articles', { from: '2025-03-01', to: '2025-02-01' }],
    ['a key list as an array', '/api/articles', { institution: ['a', 'b'] }],
    ['lists of sources', '/api/sources', {}],
    ['another type', '/api/site', {}],
    ['a nested path', '/api/articles/abc/extra', {}],
    ['an odd document id', '/api/articles/ABC..', {}],
    ['another prefix', '/admin/articles', {}],
    ['a prototype-polluting key', '/api/articles', JSON.parse('{"__proto__": {"x": 1}}')],
  ])('not %s: Strapi answers', (_what, path, query, method = 'GET') => {
    expect(parse(path, query as Record<string, unknown>, method)).toBeNull();
  });
});

describe('what the read model stores and sends', () => {
  it('a list body in the bytes Strapi serialises', () => {
    const items = [{ id: 1, title: 'a' }, { id: 2, title: 'b' }];
    expect(listBody(items.map((item) => JSON.stringify(item)), 2, 2, 5)).toBe(
      JSON.stringify({ data: items, meta: { pagination: { page: 2, pageSize: 2, pageCount: 3, total: 5 } } })
    );
    expect(listBody([], 9, 25, 0)).toBe(JSON.stringify({ data: [], meta: { pagination: { page: 9, pageSize: 25, pageCount: 0, total: 0 } } }));
    // Items as bytes (the direct reader): the same body, as bytes.
    const multilingual = [{ id: 1, title: '辽宁大学' }, { id: 2, title: 'Ляонин' }];
    const body = listBody(multilingual.map((item) => Buffer.from(JSON.stringify(item))), 1, 2, 2);
    expect(Buffer.isBuffer(body)).toBe(true);
    expect(body.toString()).toBe(listBody(multilingual.map((item) => JSON.stringify(item)), 1, 2, 2));
  });

  it('the columns lists filter and sort on, from the rendered detail', () => {
    const columns = columnsOf(
      { slug: 's', key: 'k', date: '2025-01-02', publishedAt: '2025-01-02T03:04:05.006Z', section: 'news', source: { documentId: 'src1' }, institutions: [{ documentId: 'i1' }, { documentId: 'i2' }], hostInstitution: null },
      ['source', 'institutions', 'hostInstitution']
    );
    expect(columns).toEqual({
      slug: 's',
      key: 'k',
      date: '2025-01-02',
      publishedAt: '2025-01-02T03:04:05.006Z',
      section: 'news',
      sourceId: 'src1',
      links: [
        { relation: 'source', targetId: 'src1' },
        { relation: 'institutions', targetId: 'i1' },
        { relation: 'institutions', targetId: 'i2' },
      ],
    });
  });
});

describe('the full shape of a list item', () => {
  it('is the item inside a stored single-read answer', () => {
    expect(itemOfDetail('{"data":{"id":1,"title":"x"},"meta":{}}')).toBe('{"id":1,"title":"x"}');
    expect(itemOfDetail('{"data":null,"meta":{}}')).toBe('null');
    for (const odd of ['{"data":{},"meta":{"x":1}}', '{"meta":{},"data":{}}', '', '{"data":,"meta":{}}']) {
      expect(itemOfDetail(odd)).toBeNull();
      expect(itemOfDetail(Buffer.from(odd))).toBeNull();
    }
    // Bytes in, a view of the same bytes out (multi-byte text included).
    const stored = Buffer.from('{"data":{"title":"辽宁大学 — Ляонин"},"meta":{}}');
    const item = itemOfDetail(stored);
    expect(Buffer.isBuffer(item)).toBe(true);
    expect((item as Buffer).toString('utf8')).toBe('{"title":"辽宁大学 — Ляонин"}');
    expect((item as Buffer).buffer).toBe(stored.buffer);
  });

  it('asParsedQuery is what qs makes of flattenQuery', () => {
    expect(qs.parse(flattenQuery('populate', DEFAULT_ARTICLE_POPULATE), { depth: 20 }).populate).toEqual(asParsedQuery(DEFAULT_ARTICLE_POPULATE));
  });
});

describe('the single read population as list parameters', () => {
  it('parses back (as Strapi parses query strings) to the population the single read uses', () => {
    const parsed = qs.parse(flattenQuery('populate', DEFAULT_ARTICLE_POPULATE), { depth: 20 });
    expect(JSON.parse(JSON.stringify(parsed.populate).replace(/"true"/g, 'true'))).toEqual(DEFAULT_ARTICLE_POPULATE);
  });
});
