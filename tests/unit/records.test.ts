import { HTTP_URL_PATTERN, SLUG_PATTERN_SOURCE } from '../../src/lib/field-rules';
import {
  normalizeRecord,
  publishedLocales,
  toBlocks,
  toDocumentData,
  validateRecord,
  type DocumentRecord,
  type SchemaGetter,
} from '../../src/lib/records';

const local = { pluginOptions: { i18n: { localized: true } } };
const shared = { pluginOptions: { i18n: { localized: false } } };
const schemas: Record<string, any> = {
  'api::article.article': {
    attributes: {
      title: { type: 'string', required: true, maxLength: 20, ...local },
      slug: { type: 'uid', targetField: 'title', regex: SLUG_PATTERN_SOURCE, ...local },
      key: { type: 'string', ...shared },
      body: { type: 'blocks', ...local },
      date: { type: 'date', required: true, ...shared },
      section: { type: 'enumeration', enum: ['news', 'events'], default: 'news', required: true, ...shared },
      cover: { type: 'media' },
      source: { type: 'relation', relation: 'manyToOne', target: 'api::source.source' },
      institutions: { type: 'relation', relation: 'manyToMany', target: 'api::institution.institution' },
      reprint: { type: 'component', component: 'attribution.reprint', ...local },
    },
  },
  'api::source.source': { attributes: { name: { type: 'string', required: true, ...local } } },
  'api::institution.institution': { attributes: { name: { type: 'string', required: true, ...local } } },
  'attribution.reprint': {
    attributes: {
      isReprint: { type: 'boolean', default: false },
      originalUrl: { type: 'string', regex: HTTP_URL_PATTERN },
    },
  },
};
const getSchema: SchemaGetter = (uid) => schemas[uid];
const context = { getSchema, locales: ['zh-Hans', 'en', 'ru'] };

const article = (overrides: Partial<DocumentRecord> = {}): DocumentRecord => ({
  type: 'article',
  key: 'an-article',
  shared: { date: '2025-03-22' },
  relations: { source: 'a-source', institutions: ['one', 'two'] },
  locales: { en: { title: 'Hello', body: ['First.', 'Second.'] }, ru: { title: 'Привет' } },
  ...overrides,
});
const paths = (record: unknown) => validateRecord(record, context).map((problem) => problem.path.join('.'));

describe('validateRecord', () => {
  it('accepts a complete record', () => {
    expect(validateRecord(article(), context)).toEqual([]);
  });

  it('reports every problem with its path', () => {
    expect(
      paths({
        type: 'article',
        key: 'Not A Key',
        extra: 1,
        shared: { date: '2025-02-30', title: 'misplaced', section: 'gossip' },
        relations: { source: ['a'], institutions: 'one', nope: 'x' },
        locales: {
          fr: { title: 'Bonjour' },
          en: { title: 'x'.repeat(21), date: '2025-01-01', cover: 1, reprint: { originalUrl: 'javascript:x', nope: 1 } },
        },
      })
    ).toEqual([
      'key',
      'extra',
      'shared.date',
      'shared.title',
      'shared.section',
      'relations.source',
      'relations.institutions',
      'relations.nope',
      'locales.fr',
      'locales.en.title',
      'locales.en.date',
      'locales.en.cover',
      'locales.en.reprint.originalUrl',
      'locales.en.reprint.nope',
    ]);
  });

  it('requires required fields only of published locales', () => {
    const draft = article({ publish: false, shared: {}, locales: { en: {} } });
    expect(paths(draft)).toEqual([]);
    expect(paths({ ...draft, publish: true })).toEqual(['locales.en.title', 'shared.date']);
    expect(paths({ ...draft, publish: ['ru'] })).toEqual(['publish']);
  });

  it('explains where a misplaced field belongs', () => {
    const [problem] = validateRecord(article({ locales: { en: { title: 'T', date: '2025-01-01' } } }), context);
    expect(problem.message).toBe('locales.en.date is not a localized field of article (it is shared by all locales: put it under shared)');
  });

  it('rejects what is not a record at all', () => {
    expect(paths(null)).toEqual(['']);
    expect(paths({ type: 'poem' })).toEqual(['type']);
    expect(paths({ type: 'article', key: 'k', locales: {} })).toEqual(['locales']);
  });
});

describe('normalizeRecord', () => {
  it('makes equivalent records equal', () => {
    const stored = normalizeRecord(
      {
        ...article(),
        publish: ['en', 'ru'],
        shared: { date: '2025-03-22', section: 'news' },
        locales: {
          ru: { title: 'Привет', body: null, reprint: null },
          en: {
            title: 'Hello',
            body: toBlocks(['First.', 'Second.']) as unknown[],
            reprint: { id: 7, isReprint: false, originalUrl: null },
          },
        },
      },
      getSchema
    );
    const written = normalizeRecord(
      { ...article(), locales: { en: { title: 'Hello', body: ['First.', 'Second.'], reprint: {} }, ru: { title: 'Привет' } } },
      getSchema
    );
    expect(stored).toEqual(written);
    expect(stored.publish).toBe(true);
    expect(stored.locales.en.reprint).toEqual({ isReprint: false });
  });
});

describe('toDocumentData', () => {
  it('sets every carried field, relations by documentId, and leaves an absent slug to the slug rules', () => {
    const ids: Record<string, string> = { 'source:a-source': 'S1', 'institution:one': 'I1', 'institution:two': 'I2' };
    const data = toDocumentData(article(), 'ru', schemas['api::article.article'], (ref) => ids[ref]);
    expect(data).toEqual({
      key: 'an-article',
      date: '2025-03-22',
      section: 'news',
      title: 'Привет',
      body: null,
      reprint: null,
      source: 'S1',
      institutions: ['I1', 'I2'],
    });
    expect('slug' in data).toBe(false);
    expect('cover' in data).toBe(false);
  });
});

describe('publishedLocales', () => {
  it('reads the publish flag', () => {
    expect(publishedLocales(article())).toEqual(['en', 'ru']);
    expect(publishedLocales(article({ publish: false }))).toEqual([]);
    expect(publishedLocales(article({ publish: ['ru'] }))).toEqual(['ru']);
  });
});
