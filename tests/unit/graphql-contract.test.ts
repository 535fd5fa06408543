import fs from 'node:fs';
import path from 'node:path';

import {
  ARTICLE_DEFAULT_SORT,
  createBatchLoader,
  enumRows,
  enumTableIn,
  enumTableMarkdown,
  graphqlEnumName,
  graphqlEnumValue,
  sorts,
  withDefaultSort,
  type EnumModel,
} from '../../src/lib/graphql-contract';
import { reprintComponentSchema } from '../../src/plugins/reprint-attribution/server/src/components/reprint';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));

/**
 * The models whose enums a client meets (docs/api.md, "GraphQL"): the three content types and the
 * components they hold, read from the schemas themselves. tests/integration/graphql-contract.test.ts
 * checks the type names and values against the running GraphQL schema.
 */
const models = (): EnumModel[] => [
  { label: 'Article', typeName: 'Article', attributes: read('src/api/article/content-types/article/schema.json').attributes },
  { label: 'Source', typeName: 'Source', attributes: read('src/api/source/content-types/source/schema.json').attributes },
  { label: 'Institution', typeName: 'Institution', attributes: read('src/api/institution/content-types/institution/schema.json').attributes },
  { label: 'Article.reprint', typeName: 'ComponentAttributionReprint', attributes: reprintComponentSchema.attributes as EnumModel['attributes'] },
  { label: 'Article.seo', typeName: 'ComponentSharedSeo', attributes: read('src/components/shared/seo.json').attributes },
];

describe('the enum table of docs/api.md', () => {
  it('is generated from the schemas', () => {
    const expected = enumTableMarkdown(enumRows(models()));
    const documented = enumTableIn(fs.readFileSync(path.join(ROOT, 'docs', 'api.md'), 'utf8'));
    if (documented !== expected) {
      throw new Error(`docs/api.md, "GraphQL": the enum table differs from the schemas; put this between the markers:\n\n${expected}\n`);
    }
  });

  it('spells values and names as Strapi’s shadow CRUD does', () => {
    expect(graphqlEnumValue('zh-Hans')).toBe('zh_Hans');
    expect(graphqlEnumValue('statutory-news-exception')).toBe('statutory_news_exception');
    expect(graphqlEnumValue('cc-by-4.0')).toBe('cc_by_4_0');
    expect(graphqlEnumValue('news')).toBe('news');
    expect(graphqlEnumName('ComponentAttributionReprint', 'originalLanguage')).toBe('ENUM_COMPONENTATTRIBUTIONREPRINT_ORIGINALLANGUAGE');
    const rows = enumRows([{ label: 'X', typeName: 'X', attributes: { a: { type: 'enumeration', enum: ['a-b'] }, b: { type: 'string' }, c: { type: 'enumeration', enum: ['c'], enumName: 'Named' } } }]);
    expect(rows).toEqual([
      { field: 'X.a', graphqlType: 'ENUM_X_A', values: [{ rest: 'a-b', graphql: 'a_b' }] },
      { field: 'X.c', graphqlType: 'Named', values: [{ rest: 'c', graphql: 'c' }] },
    ]);
    expect(enumTableMarkdown(rows).split('\n').slice(2)).toEqual(['| `X.a` | `ENUM_X_A` | `a-b` → `a_b` |', '| `X.c` | `Named` | `c` |']);
  });

  it('is found between its markers only', () => {
    expect(enumTableIn('no table here')).toBeNull();
  });
});

describe('the default order of GraphQL lists', () => {
  it('applies when the client does not sort, in any of the forms GraphQL sends', () => {
    for (const sort of [undefined, null, '', []]) expect(withDefaultSort({ sort, locale: 'en' }, ARTICLE_DEFAULT_SORT)).toEqual({ sort: ARTICLE_DEFAULT_SORT, locale: 'en' });
    expect(withDefaultSort({}, ARTICLE_DEFAULT_SORT)).toEqual({ sort: ARTICLE_DEFAULT_SORT });
  });

  it('leaves the client’s own sort alone', () => {
    for (const sort of ['title:asc', ['title:asc'], { title: 'asc' }]) expect(withDefaultSort({ sort }, ARTICLE_DEFAULT_SORT)).toEqual({ sort });
    expect(sorts([''])).toBe(false);
  });

  it('does not share the default between requests', () => {
    const args = withDefaultSort<{ sort?: unknown }>({}, ARTICLE_DEFAULT_SORT);
    (args.sort as string[]).push('x');
    expect(ARTICLE_DEFAULT_SORT).toEqual(['date:desc', 'publishedAt:desc', 'documentId:asc']);
  });
});

describe('the batch loader', () => {
  const make = () => {
    const calls: string[][] = [];
    const loader = createBatchLoader<string, string>({
      cacheKey: (key) => key,
      missing: () => 'none',
      fetch: async (keys) => {
        calls.push(keys);
        if (keys.includes('boom')) throw new Error('boom');
        return new Map(keys.filter((key) => key !== 'gone').map((key) => [key, key.toUpperCase()]));
      },
    });
    return { loader, calls };
  };

  it('fetches the keys asked in one turn together, each once', async () => {
    const { loader, calls } = make();
    expect(await Promise.all(['a', 'b', 'a', 'gone'].map((key) => loader.load(key)))).toEqual(['A', 'B', 'A', 'none']);
    expect(calls).toEqual([['a', 'b', 'gone']]);
    // Later turns: a new batch for new keys only.
    expect(await Promise.all([loader.load('a'), loader.load('c')])).toEqual(['A', 'C']);
    expect(calls).toEqual([['a', 'b', 'gone'], ['c']]);
  });

  it('rejects a failed batch and fetches its keys again next time', async () => {
    const { loader, calls } = make();
    await expect(Promise.all([loader.load('x'), loader.load('boom')])).rejects.toThrow('boom');
    expect(await loader.load('x')).toBe('X');
    expect(calls).toEqual([['x', 'boom'], ['x']]);
  });
});
