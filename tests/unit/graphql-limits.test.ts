import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';

import { estimateResultValues, GRAPHQL_LIMIT_DEFAULTS, graphqlLimits, graphqlSwitches } from '../../src/lib/graphql-limits';

// The shape of Strapi's generated schema: paginated lists, connections with `nodes`.
const schema = buildSchema(`
  input PaginationArg { page: Int pageSize: Int start: Int limit: Int }
  type Institution { name: String parent: Institution }
  type Article {
    title: String
    attribution: String
    institutions(pagination: PaginationArg = {}): [Institution]!
    localizations(pagination: PaginationArg = {}): [Article]!
    languages: [LanguageLink!]!
    alternates: [LanguageAlternate!]!
    tags: [String]
  }
  type LanguageLink { locale: String slug: String url: String hreflang: String }
  type LanguageAlternate { hreflang: String href: String }
  type ArticleEntityResponseCollection { nodes: [Article!]! }
  type Query {
    articles(pagination: PaginationArg = {}): [Article]!
    articles_connection(pagination: PaginationArg = {}): ArticleEntityResponseCollection
    article(documentId: ID!): Article
  }
`);
const limits = { defaultLimit: 25, maxLimit: 100 };
const estimate = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return estimateResultValues(schema, document, operation, variables, limits);
};

describe('estimateResultValues', () => {
  it('counts each field once per item of the lists above it', () => {
    expect(estimate('{ article(documentId: "a") { title } }')).toBe(2);
    // 1 list + 10 × (title + institutions list + 5 × name)
    expect(estimate('{ articles(pagination: { limit: 10 }) { title institutions(pagination: { limit: 5 }) { name } } }')).toBe(1 + 10 * (1 + 1 + 5));
  });

  it('counts a list without pagination at the default, and a limit above the maximum at the maximum', () => {
    expect(estimate('{ articles { title } }')).toBe(1 + 25);
    expect(estimate('{ articles(pagination: { limit: 1000 }) { title } }')).toBe(1 + 100);
    expect(estimate('{ articles(pagination: { limit: -1 }) { title } }')).toBe(1 + 100);
    expect(estimate('{ articles(pagination: { page: 2, pageSize: 10 }) { title } }')).toBe(1 + 10);
    expect(estimate('{ articles(pagination: { page: 2 }) { title } }')).toBe(1 + 25);
  });

  it('reads limits from variables, and counts an unknown one at the maximum', () => {
    const query = 'query ($n: Int, $p: PaginationArg) { a: articles(pagination: { limit: $n }) { title } b: articles(pagination: $p) { title } }';
    expect(estimate(query, { n: 3, p: { pageSize: 4 } })).toBe(1 + 3 + 1 + 4);
    expect(estimate(query, { n: 'x', p: { limit: null } })).toBe(1 + 100 + 1 + 100);
    expect(estimate(query, {})).toBe(1 + 100 + 1 + 25);
  });

  it('counts a connection’s nodes once', () => {
    expect(estimate('{ articles_connection(pagination: { limit: 10 }) { nodes { title } } }')).toBe(1 + 10 * (1 + 1));
  });

  it('caps localizations at the other editions, and a list filtered on a unique key at one item', () => {
    expect(estimate('{ article(documentId: "a") { localizations { title } } }')).toBe(1 + 1 + 2);
    expect(estimate('{ articles(filters: { key: { eq: "k" } }) { title } }')).toBe(1 + 1);
    expect(estimate('query ($k: String) { articles(filters: { slug: { eq: $k } }) { title } }', { k: 's' })).toBe(1 + 1);
    expect(estimate('{ articles(filters: { title: { eq: "t" } }) { title } }')).toBe(1 + 25);
  });

  it('counts language links at one per locale, not at the page maximum', () => {
    // 25 articles, each with 3 editions (4 fields) and 4 alternates (2 fields): zh-Hans, en, ru.
    expect(estimate('{ articles { languages { locale slug url hreflang } alternates { hreflang href } } }')).toBe(1 + 25 * (1 + 3 * 4 + 1 + 4 * 2));
  });

  it('counts a document (an object with a documentId) as 20 values and a JSON value as 50', () => {
    const documents = buildSchema(`
      scalar JSON
      input PaginationArg { limit: Int }
      type Institution { documentId: ID! name: String }
      type Article { documentId: ID! body: JSON institutions(pagination: PaginationArg): [Institution]! }
      type Query { articles(pagination: PaginationArg): [Article]! }
    `);
    const document = parse('{ articles(pagination: { limit: 2 }) { body institutions(pagination: { limit: 3 }) { name } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(estimateResultValues(documents, document, operation, {}, limits)).toBe(20 * 2 + 2 * (50 + 20 * 3 + 3 * 1));
  });

  it('multiplies through fragments and aliases', () => {
    const query = `
      query { a: articles(pagination: { limit: 2 }) { ...A } b: articles(pagination: { limit: 3 }) { ... on Article { title } } }
      fragment A on Article { title institutions(pagination: { limit: 2 }) { name } }`;
    expect(estimate(query)).toBe(1 + 2 * (1 + 1 + 2) + 1 + 3);
  });

  it('stops counting once past a bound', () => {
    const document = parse('{ articles(pagination: { limit: 100 }) { institutions(pagination: { limit: 100 }) { name } } }');
    expect(estimateResultValues(schema, document, document.definitions[0] as OperationDefinitionNode, {}, limits, 50)).toBeLessThan(200);
  });
});

describe('graphqlLimits', () => {
  it('reads each limit from its variable', () => {
    expect(graphqlLimits({})).toEqual(GRAPHQL_LIMIT_DEFAULTS);
    expect(graphqlLimits({ GRAPHQL_MAX_ALIASES: '5', GRAPHQL_MAX_RESULT_VALUES: '1000' })).toMatchObject({ maxAliases: 5, maxResultValues: 1000 });
    expect(() => graphqlLimits({ GRAPHQL_MAX_DEPTH: 'deep' })).toThrow('GRAPHQL_MAX_DEPTH must be a whole number, at least 1 (got "deep")');
    expect(() => graphqlLimits({ GRAPHQL_DEFAULT_LIMIT: '200' })).toThrow('must not exceed GRAPHQL_MAX_LIMIT');
  });
});

describe('graphqlSwitches', () => {
  it('turns introspection and the sandbox off in production unless asked for; empty means the default', () => {
    expect(graphqlSwitches({ NODE_ENV: 'development' })).toEqual({ introspection: true, playground: true });
    expect(graphqlSwitches({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: '', GRAPHQL_PLAYGROUND: '' })).toEqual({ introspection: false, playground: false });
    expect(graphqlSwitches({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' })).toEqual({ introspection: true, playground: false });
    expect(graphqlSwitches({ GRAPHQL_PLAYGROUND: 'false' })).toEqual({ introspection: true, playground: false });
  });
});
