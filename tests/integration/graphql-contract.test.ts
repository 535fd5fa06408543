import fs from 'node:fs';
import path from 'node:path';

import { parse, type OperationDefinitionNode } from 'graphql';

import { generateDataset } from '../../scripts/lib/dataset';
import { enumTableIn, graphqlEnumValue } from '../../src/lib/graphql-contract';
import { importRecords } from '../../src/records/batch';
import { seed } from '../../src/records/seed';
import { addCoverAndImageBlock, ARTICLE_UID, documents, INSTITUTION_UID, SOURCE_UID } from '../helpers/fixtures';
import { countQueries } from '../helpers/query-counter';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * REST and GraphQL tell the same contract (issue #14; docs/api.md, "GraphQL"), as the public
 * (no token): the same default order, the same page address, language links and alternates, and
 * absolute media URLs; the language links cost the same SQL queries whatever the page size; the
 * enum table and the example queries of docs/api.md are those of the running schema.
 */

const PUBLIC_URL = 'https://cms.example.edu';
const SITE_URL = 'https://news.example.edu';
const LOCALES = ['zh-Hans', 'en', 'ru'];
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';
const DOCS = path.resolve(__dirname, '..', '..', 'docs', 'api.md');

let app: TestApp;


beforeAll(async () => {
  app = await startTestApp({ PUBLIC_URL, SITE_URL });
  expect((await seed(app.strapi)).problems).toEqual([]);
  // More articles than a page, so that page sizes can differ (and the order has ties to break).
  const records: unknown[] = [];
  generateDataset({ articles: 40, seed: 14, institutions: 20, sources: 5 }, (record: unknown) => records.push(record));
  expect((await importRecords(app.strapi, records.map((record, i) => ({ line: i + 1, record })))).problems).toEqual([]);

  // The reference article gets a cover, and its English body an image block, both stored with
  // the root-relative URLs Strapi's local upload provider writes (as tests/integration/site-contract.test.ts).
  await addCoverAndImageBlock(app.strapi, REFERENCE, LOCALES);
}, 300000);

afterAll(async () => {
  await app?.stop();
});

const rest = async (url: string) => {
  const res = await app.http().get(url);
  expect(res.status).toBe(200);
  return res.body;
};

/** A GraphQL request as the public; fails on any error. */
const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
  const res = await app.http().post('/graphql').send({ query, variables });
  if (res.status !== 200 || res.body.errors) throw new Error(`${res.status}: ${JSON.stringify(res.body.errors ?? res.body)}`);
  return res.body.data;
};

const URL_KEYS = new Set(['url', 'href', 'previewUrl', 'canonicalUrl', 'homepage', 'website', 'originalUrl', 'image', '@id']);

/** No URL in a response is relative: keys that hold URLs, and any string naming an upload. */
const expectNoRelativeUrl = (value: unknown, at: string[] = []): void => {
  if (typeof value === 'string') {
    const key = at[at.length - 1];
    if ((URL_KEYS.has(key) && value !== '' && !/^https?:\/\//.test(value)) || /(?<!cms\.example\.edu)\/uploads\//.test(value)) {
      throw new Error(`relative URL at ${at.join('.')}: ${value}`);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((item, index) => expectNoRelativeUrl(item, [...at, String(index)]));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) expectNoRelativeUrl(item, [...at, key]);
};

const TYPES = [
  { uid: ARTICLE_UID, rest: 'articles', key: REFERENCE },
  { uid: SOURCE_UID, rest: 'sources', key: 'china-news-network-liaoning' },
  { uid: INSTITUTION_UID, rest: 'institutions', key: 'liaoning-university' },
];

describe.each(LOCALES)('in %s', (locale) => {
  it.each(TYPES)('$rest: the first page without sort is in REST’s order (articles newest first)', async ({ rest: plural }) => {
    const { data: fromRest } = await rest(`/api/${plural}?locale=${locale}`);
    const fromGraphql = (await graphql(`query ($locale: I18NLocaleCode) { ${plural}(locale: $locale) { documentId } }`, { locale }))[plural];
    expect(fromRest.length).toBeGreaterThan(1);
    expect(fromGraphql.map((item: any) => item.documentId)).toEqual(fromRest.map((item: any) => item.documentId));
    // The connection query too.
    const connection = (await graphql(`query ($locale: I18NLocaleCode) { ${plural}_connection(locale: $locale) { nodes { documentId } } }`, { locale }))[`${plural}_connection`];
    expect(connection.nodes.map((item: any) => item.documentId)).toEqual(fromRest.map((item: any) => item.documentId));
  });

  it('articles are newest first, and a client’s own sort wins', async () => {
    const { articles } = await graphql('query ($locale: I18NLocaleCode) { articles(locale: $locale, pagination: { limit: 100 }) { date publishedAt } }', { locale });
    const keys = articles.map((item: any) => `${item.date}|${item.publishedAt}`);
    expect(keys).toEqual([...keys].sort().reverse());
    const { data: byTitle } = await rest(`/api/articles?locale=${locale}&sort=title:asc`);
    const sorted = await graphql('query ($locale: I18NLocaleCode) { articles(locale: $locale, sort: "title:asc") { documentId } }', { locale });
    expect(sorted.articles.map((item: any) => item.documentId)).toEqual(byTitle.map((item: any) => item.documentId));
  });

  it.each(TYPES)('$rest: url, languages and alternates are REST’s url, localizations and alternates', async ({ uid, rest: plural, key }) => {
    const { slug } = await app.strapi.db.query(uid as never).findOne({ where: { key, locale, publishedAt: { $notNull: true } } });
    const { data: fromRest } = await rest(`/api/${plural}/slug/${encodeURIComponent(slug)}?locale=${locale}`);
    const [fromGraphql] = (
      await graphql(
        `query ($locale: I18NLocaleCode, $key: String) {
          ${plural}(locale: $locale, filters: { key: { eq: $key } }) {
            documentId url
            languages { locale slug url hreflang }
            alternates { hreflang href }
            localizations { locale }
          }
        }`,
        { locale, key }
      )
    )[plural];
    expect(fromGraphql.url).toBe(`${SITE_URL}/${locale}/${plural === 'articles' ? 'news' : plural}/${encodeURIComponent(slug)}`);
    expect(fromGraphql.url).toBe(fromRest.url);
    expect(fromGraphql.languages).toEqual(fromRest.localizations);
    expect(fromGraphql.languages.map((link: any) => link.locale)).toEqual(LOCALES);
    expect(fromGraphql.alternates).toEqual(fromRest.alternates);
    expect(fromGraphql.alternates.at(-1)).toEqual({ hreflang: 'x-default', href: fromGraphql.languages[0].url });
    // Strapi's own `localizations`: the other editions only (docs/api.md says how they map).
    expect(fromGraphql.localizations.map((item: any) => item.locale).sort()).toEqual(LOCALES.filter((code) => code !== locale).sort());
  });

  it('media URLs are absolute, as in REST: url, previewUrl, every format, image blocks', async () => {
    const { slug } = await app.strapi.db.query(ARTICLE_UID).findOne({ where: { key: REFERENCE, locale, publishedAt: { $notNull: true } } });
    const { data: fromRest } = await rest(`/api/articles/slug/${encodeURIComponent(slug)}?locale=${locale}`);
    const [article] = (
      await graphql('query ($locale: I18NLocaleCode, $slug: String) { articles(locale: $locale, filters: { slug: { eq: $slug } }) { cover { url previewUrl formats } body } }', { locale, slug })
    ).articles;
    expectNoRelativeUrl(article);
    expect(article.cover).toEqual({ url: fromRest.cover.url, previewUrl: fromRest.cover.previewUrl, formats: fromRest.cover.formats });
    expect(article.cover.url).toBe(`${PUBLIC_URL}/uploads/seminar.jpg`);
    expect(article.cover.previewUrl).toBe(`${PUBLIC_URL}/uploads/preview_seminar.jpg`);
    expect(article.cover.formats.thumbnail.url).toBe(`${PUBLIC_URL}/uploads/thumbnail_seminar.jpg`);
    expect(article.body).toEqual(fromRest.body);
    if (locale === 'en') expect(article.body.find((block: any) => block.type === 'image').image.formats.small.url).toBe(`${PUBLIC_URL}/uploads/small_seminar.jpg`);
  });
});

describe('cost', () => {
  const LINKS = 'documentId url languages { locale slug url hreflang } alternates { hreflang href }';
  const list = (plural: string, limit: number, fields: string) => () =>
    graphql(`{ ${plural}(locale: "en", pagination: { limit: ${limit} }) { ${fields} } }`).then((data) => {
      expect(data[plural]).toHaveLength(limit);
      return data;
    });

  it.each(['articles', 'institutions'])('%s: the language links cost one SQL query, for a page of 5 as for a page of 25', async (plural) => {
    await list(plural, 5, LINKS)(); // warm-up: locale cache, permissions
    const small = await countQueries(app.strapi, list(plural, 5, LINKS));
    const large = await countQueries(app.strapi, list(plural, 25, LINKS));
    expect(large).toBe(small);
    // One query for every item's links (the default locale is a core-store read, not counted).
    const bare = await countQueries(app.strapi, list(plural, 25, 'documentId'));
    expect(large - bare).toBe(1);
  });

  it('the links of a related list cost the same whatever its length (20 institutions or one)', async () => {
    const institutions = (key: string, fields: string) => () =>
      graphql(`{ articles(locale: "en", filters: { key: { eq: "${key}" } }) { institutions(pagination: { limit: 25 }) { ${fields} } } }`);
    const links = 'documentId url languages { url } alternates { href }';
    const extra = async (key: string) =>
      (await countQueries(app.strapi, institutions(key, links))) - (await countQueries(app.strapi, institutions(key, 'documentId')));
    expect((await institutions(REFERENCE, links)()).articles[0].institutions).toHaveLength(20);
    expect((await institutions('sample-campus-open-day-2025', links)()).articles[0].institutions).toHaveLength(1);
    expect(await extra(REFERENCE)).toBe(await extra('sample-campus-open-day-2025'));
  });
});

/** The GraphQL section of docs/api.md. */
const graphqlSection = () => {
  const markdown = fs.readFileSync(DOCS, 'utf8');
  const start = markdown.indexOf('\n## GraphQL\n');
  const end = markdown.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(0);
  return markdown.slice(start, end < 0 ? undefined : end);
};

describe('docs/api.md, "GraphQL"', () => {
  it('the enum table is the running schema’s: each enum type with REST’s values in GraphQL’s spelling', async () => {
    const table = enumTableIn(graphqlSection());
    expect(table).not.toBeNull();
    const rows = table!.split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      const [, field, type, values] = row.split('|').map((cell) => cell.trim());
      const pairs = values.split(', ').map((pair) => pair.replace(/`/g, '').split(' → '));
      const typeName = type.replace(/`/g, '');
      const { __type } = await graphql(`{ __type(name: "${typeName}") { kind enumValues { name } } }`);
      expect({ field, kind: __type?.kind, values: __type?.enumValues.map((value: any) => value.name) }).toEqual({
        field,
        kind: 'ENUM',
        values: pairs.map((pair) => pair[pair.length - 1]),
      });
      for (const pair of pairs) expect(graphqlEnumValue(pair[0])).toBe(pair[pair.length - 1]);
    }
    // The enums the table names are all the enums of the three types and their components.
    const { __schema } = await graphql('{ __schema { types { name kind } } }');
    const documented = rows.map((row) => row.split('|')[2].trim().replace(/`/g, ''));
    const ours = __schema.types
      .filter((type: any) => type.kind === 'ENUM' && /^ENUM_(ARTICLE|SOURCE|INSTITUTION|COMPONENTATTRIBUTIONREPRINT|COMPONENTSHAREDSEO)_/.test(type.name))
      .map((type: any) => type.name);
    expect([...documented].sort()).toEqual([...ours].sort());
  });

  it('enum values are GraphQL’s spelling in results, REST’s in filters', async () => {
    const { articles } = await graphql('{ articles(locale: "en", filters: { section: { eq: "media-coverage" } }) { section } }');
    expect(articles.length).toBeGreaterThan(0);
    for (const article of articles) expect(article.section).toBe('media_coverage');
    const [zh] = (await graphql(`{ articles(locale: "en", filters: { key: { eq: "${REFERENCE}" } }) { reprint { originalLanguage } } }`)).articles;
    expect(zh.reprint.originalLanguage).toBe('zh_Hans');
  });

  it('its example queries run as the public in every locale, with absolute URLs; the teaser query lists REST’s first page', async () => {
    const blocks = [...graphqlSection().matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    const names: string[] = [];
    for (const block of blocks) {
      const operation = parse(block).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')!;
      names.push(operation.name?.value ?? '');
      for (const locale of LOCALES) {
        const data = await graphql(block, { locale });
        expectNoRelativeUrl(data);
        expect(JSON.stringify(data).length).toBeGreaterThan(50);
        if (operation.name?.value === 'Teasers') {
          const { data: fromRest } = await rest(`/api/articles?locale=${locale}`);
          expect(data.articles.map((item: any) => [item.documentId, item.url, item.title])).toEqual(fromRest.map((item: any) => [item.documentId, item.url, item.title]));
          const covered = data.articles.find((item: any) => item.cover);
          if (covered) expect(covered.cover.formats.thumbnail.url).toBe(`${PUBLIC_URL}/uploads/thumbnail_seminar.jpg`);
          // What docs/api.md says of its cost: relations loaded for the whole page at once (src/read-path/relation-batch.ts), no more
          // SQL queries than REST's own path computing the same page (the read model, which answers REST's, is off for the count).
          const readModel = app.strapi.get('readModel') as { serving: boolean };
          readModel.serving = false;
          try {
            const queries = { graphql: await countQueries(app.strapi, () => graphql(block, { locale })), rest: await countQueries(app.strapi, () => rest(`/api/articles?locale=${locale}`)) };
            expect(queries.graphql).toBeLessThanOrEqual(queries.rest);
          } finally {
            readModel.serving = true;
          }
        }
      }
    }
    expect(names).toEqual(expect.arrayContaining(['Teasers', 'ArticlePage']));
  });
});
