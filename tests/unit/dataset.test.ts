import { validateRecord, type SchemaGetter } from '../../src/lib/records';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { generateDataset } = require('../../scripts/lib/dataset');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { parseNdjson } = require('../../scripts/lib/ndjson');

const schemaOf = (name: string) => require(`../../src/api/${name}/content-types/${name}/schema.json`);
const schemas: Record<string, any> = {
  'api::article.article': schemaOf('article'),
  'api::source.source': schemaOf('source'),
  'api::institution.institution': schemaOf('institution'),
  'attribution.reprint': require('../../src/plugins/reprint-attribution/server/src/components/reprint').reprintComponentSchema,
  'shared.seo': require('../../src/components/shared/seo.json'),
};
const getSchema: SchemaGetter = (uid) => schemas[uid];

describe('generateDataset', () => {
  const records: any[] = [];
  const sizes = generateDataset({ articles: 200, seed: 1 }, (record: unknown) => records.push(record));
  const articles = records.filter((record) => record.type === 'article');

  it('writes institutions, then sources, then articles, in the counts asked', () => {
    expect(sizes).toEqual({ institutions: 30, sources: 10 });
    expect(records.map((record) => record.type)).toEqual([
      ...Array(30).fill('institution'),
      ...Array(10).fill('source'),
      ...Array(200).fill('article'),
    ]);
  });

  it('gives every article three locales and 10 to 30 institutions', () => {
    for (const article of articles) {
      expect(Object.keys(article.locales)).toEqual(['zh-Hans', 'en', 'ru']);
      expect(article.relations.institutions.length).toBeGreaterThanOrEqual(10);
      expect(article.relations.institutions.length).toBeLessThanOrEqual(30);
      expect(new Set(article.relations.institutions).size).toBe(article.relations.institutions.length);
    }
  });

  it('makes about 40% of the articles reprints', () => {
    const share = articles.filter((article) => article.locales.en.reprint.isReprint).length / articles.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.5);
  });

  it('writes only valid records', () => {
    for (const record of records) expect(validateRecord(record, { getSchema, locales: ['zh-Hans', 'en', 'ru'] })).toEqual([]);
  });

  it('is deterministic for a seed', () => {
    const again: unknown[] = [];
    generateDataset({ articles: 200, seed: 1 }, (record: unknown) => again.push(record));
    expect(again).toEqual(records);
  });
});

describe('parseNdjson', () => {
  it('numbers lines from 1, skips blank lines and reports bad JSON by line', () => {
    const { entries, problems } = parseNdjson('{"a":1}\n\n{oops\n{"b":2}\n');
    expect(entries).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 4, record: { b: 2 } },
    ]);
    expect(problems).toEqual([expect.objectContaining({ line: 3, path: [] })]);
  });
});
