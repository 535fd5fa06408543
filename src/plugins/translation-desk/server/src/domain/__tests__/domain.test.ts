import { blocksToText, buildStatus, cellState, statusOf, summarizeAll, summarizeDocument, summaryStamp, changedFields, checkConfigShape, defaultSource, DEFAULT_CONFIG, fieldDiff, fieldHashes, hashText, localesOfQuery, resolveTypes, staleness, versionHash, watchedTexts, type RecordState, type SchemaInfo, type VersionRow } from '..';
import { parseStatusQuery } from '../../validation';

const paragraph = (...texts: string[]) => ({ type: 'paragraph', children: texts.map((text) => ({ type: 'text', text })) });

describe('watched text', () => {
  it('flattens blocks to their text, one line per block, lists item by item, images left out', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Title' }] },
      paragraph('Hello ', 'world'),
      { type: 'paragraph', children: [{ type: 'text', text: 'a ' }, { type: 'link', url: 'https://x.example', children: [{ type: 'text', text: 'link' }] }] },
      { type: 'list', format: 'unordered', children: [{ type: 'list-item', children: [{ type: 'text', text: 'one' }] }, { type: 'list-item', children: [{ type: 'text', text: 'two' }] }] },
      { type: 'image', image: { url: '/a.jpg' }, children: [{ type: 'text', text: '' }] },
    ];
    expect(blocksToText(blocks)).toBe('Title\nHello world\na link\none\ntwo');
    expect(blocksToText(JSON.stringify(blocks))).toBe('Title\nHello world\na link\none\ntwo');
    expect(blocksToText(null)).toBe('');
  });

  it('extracts the watched fields as text; formatting and surrounding spaces are not text', () => {
    const fields = [
      { name: 'title', type: 'string' as const },
      { name: 'body', type: 'blocks' as const },
    ];
    expect(watchedTexts({ title: '  A  ', body: [paragraph('x')], other: 'y' }, fields)).toEqual({ title: 'A', body: 'x' });
    const bold = [{ type: 'paragraph', children: [{ type: 'text', text: 'x', bold: true }] }];
    expect(watchedTexts({ title: 'A', body: bold }, fields)).toEqual({ title: 'A', body: 'x' });
  });
});

describe('hashes', () => {
  it('differ when a field’s text differs, and do not depend on the fields’ order', () => {
    const a = fieldHashes({ title: 'A', body: 'x' });
    expect(versionHash(a)).toBe(versionHash(fieldHashes({ body: 'x', title: 'A' })));
    expect(versionHash(a)).not.toBe(versionHash(fieldHashes({ title: 'A', body: 'y' })));
    // the field boundary counts: moving text from one field to the other is a change
    expect(versionHash(fieldHashes({ title: 'Ab', body: '' }))).not.toBe(versionHash(fieldHashes({ title: 'A', body: 'b' })));
    expect(hashText('x')).toHaveLength(32);
  });

  it('names the changed fields in the configured order', () => {
    expect(changedFields({ title: '1', summary: '2', body: '3' }, { title: '1', summary: 'x', body: 'y' }, ['title', 'summary', 'body'])).toEqual(['summary', 'body']);
    expect(changedFields({ title: '1' }, null, ['title'])).toEqual(['title']);
  });
});

describe('staleness', () => {
  const record = (overrides: Partial<RecordState>): RecordState => ({ hash: 'h', fieldHashes: {}, translatedFrom: null, sourceHash: null, sourceFieldHashes: null, ...overrides });
  const source = record({ hash: 's2', fieldHashes: { title: 't2', body: 'b1' }, hashChangedAt: '2025-05-02T00:00:00.000Z' });

  it('stale when the source’s hash differs from the one recorded with the translation, with the changed fields', () => {
    const translation = record({ translatedFrom: 'zh-Hans', sourceHash: 's1', sourceFieldHashes: { title: 't1', body: 'b1' } });
    expect(staleness(translation, source, ['title', 'body'])).toEqual({ stale: true, changedFields: ['title'], sourceChangedAt: '2025-05-02T00:00:00.000Z' });
  });

  it('not stale: same hash (reviewed, or unchanged), the original, no source version, nothing recorded', () => {
    expect(staleness(record({ translatedFrom: 'zh-Hans', sourceHash: 's2' }), source).stale).toBe(false);
    expect(staleness(record({ translatedFrom: null, sourceHash: 's1' }), source).stale).toBe(false);
    expect(staleness(record({ translatedFrom: 'zh-Hans', sourceHash: 's1' }), undefined).stale).toBe(false);
    expect(staleness(undefined, source).stale).toBe(false);
  });

  it('diffs the changed fields’ text: before (the snapshot) and after (now)', () => {
    expect(fieldDiff({ title: 'Old', body: 'Same' }, { title: 'New', body: 'Same' }, ['title', 'body'])).toEqual([{ field: 'title', before: 'Old', after: 'New' }]);
    expect(fieldDiff(null, { title: 'New' }, ['title'])).toEqual([{ field: 'title', before: '', after: 'New' }]);
  });
});

describe('cell state', () => {
  it('follows the Content Manager: missing, draft, published, modified', () => {
    expect(cellState({ hasDraft: false, hasPublished: false })).toBe('missing');
    expect(cellState({ hasDraft: true, hasPublished: false })).toBe('draft');
    expect(cellState({ hasDraft: true, hasPublished: true, draftUpdatedAt: 1000, publishedUpdatedAt: 1000 })).toBe('published');
    expect(cellState({ hasDraft: true, hasPublished: true, draftUpdatedAt: 2000, publishedUpdatedAt: 1000 })).toBe('modified');
  });

  it('takes the version created first as the source, the default locale on a tie', () => {
    const options = { defaultLocale: 'zh-Hans', locales: ['zh-Hans', 'en', 'ru'] };
    expect(defaultSource('ru', [{ locale: 'en', createdAt: 1 }, { locale: 'zh-Hans', createdAt: 2 }, { locale: 'ru', createdAt: 3 }], options)).toBe('en');
    expect(defaultSource('ru', [{ locale: 'en', createdAt: 5 }, { locale: 'zh-Hans', createdAt: 5 }], options)).toBe('zh-Hans');
    expect(defaultSource('zh-Hans', [{ locale: 'zh-Hans', createdAt: 1 }], options)).toBeNull();
    // an import writes every locale at once: the default locale is the original, the others its translations
    const imported = [{ locale: 'en', createdAt: 5 }, { locale: 'zh-Hans', createdAt: 5 }, { locale: 'ru', createdAt: 5 }];
    expect(['zh-Hans', 'en', 'ru'].map((locale) => defaultSource(locale, imported, { defaultLocale: 'zh-Hans', locales: ['en', 'ru', 'zh-Hans'] }))).toEqual([null, 'zh-Hans', 'zh-Hans']);
    // a translation created before its source's other versions' records (a later locale) is not the original
    expect(defaultSource('en', [{ locale: 'zh-Hans', createdAt: 1 }], options)).toBe('zh-Hans');
  });
});

describe('the status table', () => {
  const locales = ['zh-Hans', 'en', 'ru'];
  const versions: VersionRow[] = [
    { documentId: 'a', locale: 'zh-Hans', published: false, title: '甲', date: '2025-01-01', values: { section: 'news' }, updatedAt: '2025-01-01T00:00:00Z' },
    { documentId: 'a', locale: 'en', published: false, title: 'A', date: '2025-01-01', values: { section: 'news' }, updatedAt: '2025-01-02T00:00:00Z' },
    { documentId: 'a', locale: 'en', published: true, title: 'A', date: '2025-01-01', values: { section: 'news' }, updatedAt: '2025-01-01T00:00:00Z' },
    { documentId: 'b', locale: 'zh-Hans', published: false, title: '乙', date: '2025-02-01', values: { section: 'events' } },
  ];
  const records = new Map<string, RecordState>([
    ['a|zh-Hans', { hash: 'z2', fieldHashes: { title: 'x' }, translatedFrom: null, sourceHash: null, sourceFieldHashes: null }],
    ['a|en', { hash: 'e1', fieldHashes: {}, translatedFrom: 'zh-Hans', sourceHash: 'z1', sourceFieldHashes: { title: 'y' } }],
  ]);
  const build = (query: Partial<Parameters<typeof buildStatus>[2]> = {}, options: Partial<Parameters<typeof buildStatus>[3]> = {}) =>
    buildStatus(versions, records, { page: 1, pageSize: 10, filters: {}, ...query }, { locales, defaultLocale: 'zh-Hans', fields: ['title'], ...options });

  it('gives a row per document (newest first), a cell per locale and counts', () => {
    const page = build();
    expect(page.data.map((row) => row.documentId)).toEqual(['b', 'a']);
    expect(page.data[1].cells.en).toMatchObject({ state: 'modified', stale: true, translatedFrom: 'zh-Hans', changedFields: ['title'] });
    expect(page.data[1].cells.ru).toEqual({ state: 'missing', stale: false });
    expect(page.counts.en).toEqual({ missing: 1, draft: 0, published: 0, modified: 1, stale: 1 });
    expect(page.meta.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 2 });
  });

  it('filters, and counts what the filters keep', () => {
    expect(build({ missing: 'en' }).data.map((row) => row.documentId)).toEqual(['b']);
    expect(build({ stale: true }).data.map((row) => row.documentId)).toEqual(['a']);
    expect(build({ stale: true, locale: 'ru' }).data).toEqual([]);
    expect(build({ filters: { section: 'events' } }).counts['zh-Hans'].draft).toBe(1);
    expect(build({ from: '2025-01-15' }).data.map((row) => row.documentId)).toEqual(['b']);
    expect(build({ q: 'a' }).data.map((row) => row.documentId)).toEqual(['a']);
    expect(build({}, { readable: new Set(['b']) }).data.map((row) => row.documentId)).toEqual(['b']);
    expect(build({}, { readableLocales: new Set(['en']) }).data.map((row) => row.documentId)).toEqual(['a']);
  });

  it('gives the same page from summaries that went through JSON (as stored) as from the versions and records', () => {
    const stored = summarizeAll(versions, records, { fields: ['title'] }).map((summary) => JSON.parse(JSON.stringify(summary)));
    for (const query of [{}, { missing: 'en' }, { stale: true }, { q: '乙' }, { filters: { section: 'news' } }, { page: 2, pageSize: 1 }]) {
      expect(statusOf(stored, { page: 1, pageSize: 10, filters: {}, ...query }, { locales, defaultLocale: 'zh-Hans' })).toEqual(build(query));
    }
    // a locale the stored summary has but the CMS no longer lists is not a column, nor counted
    expect(statusOf(stored, { page: 1, pageSize: 10, filters: {} }, { locales: ['zh-Hans', 'ru'], defaultLocale: 'zh-Hans' }).counts).toEqual({
      'zh-Hans': { missing: 0, draft: 2, published: 0, modified: 0, stale: 0 },
      ru: { missing: 2, draft: 0, published: 0, modified: 0, stale: 0 },
    });
  });

  it('a summary of one document has a cell per locale it has a version in', () => {
    const summary = summarizeDocument('a', versions.filter((version) => version.documentId === 'a'), records, { fields: ['title'] });
    expect(Object.keys(summary.cells).sort()).toEqual(['en', 'zh-Hans']);
    expect(summary.cells.en).toMatchObject({ state: 'modified', recorded: true, translatedFrom: 'zh-Hans', stale: true, title: 'A', date: '2025-01-01', values: { section: 'news' } });
    expect(summary.cells['zh-Hans']).toMatchObject({ state: 'draft', recorded: true, translatedFrom: null, stale: false });
  });
});

describe('summary stamps', () => {
  const type = { fields: [{ name: 'title', type: 'string' as const }], title: 'title', date: 'date', filters: [{ name: 'section', values: ['news'] }], draftAndPublish: true };
  const versions = [
    { locale: 'zh-Hans', published: false, updatedAt: '2025-01-01T00:00:00Z' },
    { locale: 'en', published: true, updatedAt: new Date('2025-01-02T00:00:00Z') },
  ];
  it('depends on the versions (locale, status, updatedAt) and the config, not on their order', () => {
    const stamp = summaryStamp(type, versions);
    expect(summaryStamp(type, [...versions].reverse())).toBe(stamp);
    expect(summaryStamp(type, [versions[0], { ...versions[1], published: false }])).not.toBe(stamp);
    expect(summaryStamp(type, [versions[0], { ...versions[1], updatedAt: '2025-01-02T00:00:01Z' }])).not.toBe(stamp);
    expect(summaryStamp(type, [versions[0]])).not.toBe(stamp);
    expect(summaryStamp({ ...type, title: null }, versions)).not.toBe(stamp);
    expect(summaryStamp({ ...type, filters: [] }, versions)).not.toBe(stamp);
    expect(summaryStamp(type, versions)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('permission queries', () => {
  it('reads a locale-only restriction without a query, and says when it needs one', () => {
    expect(localesOfQuery({})).toBe('all');
    expect(localesOfQuery({ $or: [{ $and: [{ locale: { $in: ['en', 'ru'] } }] }] })).toEqual(new Set(['en', 'ru']));
    expect(localesOfQuery({ $or: [{ locale: { $in: ['en'] } }, { locale: { $in: ['ru'] } }] })).toEqual(new Set(['en', 'ru']));
    expect(localesOfQuery({ $and: [{ locale: { $in: ['en', 'ru'] } }, { locale: { $in: ['ru'] } }] })).toEqual(new Set(['ru']));
    expect(localesOfQuery({ $and: [{ locale: { $in: ['en'] } }, { createdBy: { id: 1 } }] })).toBeNull();
    expect(localesOfQuery(null)).toBeNull();
  });
});

describe('configuration', () => {
  const schemas: Record<string, SchemaInfo> = {
    'api::article.article': {
      displayName: 'Article',
      localized: true,
      draftAndPublish: true,
      attributes: {
        title: { type: 'string', localized: true },
        slug: { type: 'uid', localized: true },
        summary: { type: 'text', localized: true },
        body: { type: 'blocks', localized: true },
        date: { type: 'date', localized: false },
        section: { type: 'enumeration', enum: ['news', 'events'], localized: false },
        key: { type: 'string', localized: false },
      },
    },
    'api::page.page': { localized: false, draftAndPublish: true, attributes: { title: { type: 'string', localized: false } } },
  };

  it('defaults to every localized type and its localized text fields', () => {
    const [article] = resolveTypes({}, schemas);
    expect(article).toMatchObject({ uid: 'api::article.article', title: 'title', date: null, fields: [{ name: 'title' }, { name: 'summary' }, { name: 'body' }], filters: [] });
  });

  it('takes the configured fields, date and filters', () => {
    const [article] = resolveTypes({ contentTypes: { 'api::article.article': { fields: ['title', 'body'], date: 'date', filters: ['section'] } } }, schemas);
    expect(article).toMatchObject({ fields: [{ name: 'title', type: 'string' }, { name: 'body', type: 'blocks' }], date: 'date', filters: [{ name: 'section', values: ['news', 'events'] }] });
  });

  it.each([
    [{ 'api::nope.nope': {} }, 'contentTypes["api::nope.nope"]: no such content type'],
    [{ 'api::page.page': {} }, 'is not localized'],
    [{ 'api::article.article': { fields: ['titel'] } }, 'has no field "titel"'],
    [{ 'api::article.article': { fields: ['key'] } }, '"key" is not localized'],
    [{ 'api::article.article': { fields: ['slug'] } }, '"slug" is a uid field'],
    [{ 'api::article.article': { date: 'title' } }, 'is not a date'],
    [{ 'api::article.article': { filters: ['title'] } }, 'filters are enumeration fields'],
  ])('stops on %j with one line', (contentTypes, message) => {
    expect(() => resolveTypes({ contentTypes }, schemas)).toThrow(message);
  });

  it('checks the shape of the options', () => {
    expect(() => checkConfigShape(DEFAULT_CONFIG)).not.toThrow();
    expect(() => checkConfigShape({ ...DEFAULT_CONFIG, maxPageSize: 0 })).toThrow('translation-desk config: maxPageSize must be a whole number from 1 to 1000');
    expect(() => checkConfigShape({ ...DEFAULT_CONFIG, contentType: {} })).toThrow('unknown option "contentType"');
    expect(() => checkConfigShape({ ...DEFAULT_CONFIG, contentTypes: { x: { fields: [] } } })).toThrow('contentTypes["x"].fields must be a non-empty list');
    expect(() => checkConfigShape({ ...DEFAULT_CONFIG, contentTypes: { x: { watch: [] } } })).toThrow('unknown option "watch"');
  });
});

describe('the status query', () => {
  const type = { uid: 'api::article.article', displayName: 'Article', draftAndPublish: true, fields: [], title: 'title', date: 'date', filters: [{ name: 'section', values: ['news'] }] };
  const parse = (raw: Record<string, unknown>) => parseStatusQuery(raw, type, { locales: ['zh-Hans', 'en', 'ru'], maxPageSize: 200 });

  it('reads a good query', () => {
    expect(parse({ page: '2', pageSize: '20', missing: 'ru', stale: 'true', locale: 'en', filters: { section: 'news' }, from: '2025-01-01', to: '2025-12-31', q: 'x' }).query).toEqual({
      page: 2,
      pageSize: 20,
      missing: 'ru',
      stale: true,
      locale: 'en',
      filters: { section: 'news' },
      from: '2025-01-01',
      to: '2025-12-31',
      q: 'x',
    });
    expect(parse({}).query).toEqual({ page: 1, pageSize: 50, filters: {}, missing: undefined, locale: undefined, stale: undefined, from: undefined, to: undefined, q: undefined });
  });

  it('names every bad parameter', () => {
    const { problems, query } = parse({ page: '-1', pageSize: '201', missing: ['ru', 'en'], stale: 'yes', from: '2025-02-30', filters: { section: 'x', kind: 'y' }, q: 'x'.repeat(201), extra: '1' });
    expect(query).toBeUndefined();
    expect(problems.map((problem) => problem.path)).toEqual([['extra'], ['page'], ['pageSize'], ['missing'], ['stale'], ['from'], ['q'], ['filters', 'section'], ['filters', 'kind']]);
  });
});
