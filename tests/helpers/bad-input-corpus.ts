/**
 * A generated corpus of malformed requests against the content API, REST and GraphQL, as the
 * public and with an API token: what an attacker or a careless client sends. Each case is
 * answered with something below 500 and changes nothing; `refuse` cases must be a 4xx.
 */

export type Caller = 'public' | 'token';

export interface BadCase {
  name: string;
  caller: Caller;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** a JSON body, or a raw string sent as JSON */
  body?: unknown;
  raw?: string;
  /** true: must be a 4xx; false: any answer below 500 is fine (e.g. qs drops the bad part) */
  refuse: boolean;
}

export const TYPES = [
  { plural: 'articles', gql: 'articles', filters: 'ArticleFiltersInput', scalar: 'title', relation: 'source', component: 'reprint' },
  { plural: 'sources', gql: 'sources', filters: 'SourceFiltersInput', scalar: 'name', relation: 'parent', component: null },
  { plural: 'institutions', gql: 'institutions', filters: 'InstitutionFiltersInput', scalar: 'name', relation: 'parent', component: null },
] as const;

/** Names a lookup by property would find on any object. */
export const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype'];
const inherited = (name: string) => name in Object.prototype;

const OPERATORS = ['$eq', '$ne', '$lt', '$gt', '$in', '$notIn', '$contains', '$containsi', '$startsWith', '$null', '$between', '$not'];

/** Query strings that are wrong for every content type. */
const badQueries = (t: (typeof TYPES)[number]): Array<[string, boolean]> => {
  const f = t.scalar;
  const out: Array<[string, boolean]> = [];
  for (const name of PROTOTYPE_NAMES) {
    out.push([`fields[0]=${name}`, true], [`fields=${f},${name}`, true], [`sort=${name}:asc`, true], [`sort[0]=${name}`, true]);
    out.push([`populate[0]=${name}`, true], [`populate=${name}`, true]);
    // As keys, qs drops inherited names itself; the rest must still not fail.
    out.push([`filters[${name}][$eq]=1`, !inherited(name)], [`populate[${name}]=true`, !inherited(name)], [`filters[${f}][${name}]=1`, !inherited(name)]);
  }
  for (const op of OPERATORS) {
    // `$not` takes a condition: [$not][$eq]=1 is well-formed.
    out.push([`filters[${f}][${op}][$eq]=1`, op !== '$not'], [`filters[${f}][${op}][0][$in]=1`, true]);
    out.push([`filters[${op}]=x`, true]);
  }
  out.push(
    [`filters[${f}][$regex]=.*`, true],
    [`filters[${f}][$foo]=1`, true],
    [`filters[${f}][bar]=1`, true],
    [`filters[${f}]`, false],
    [`filters[${f}][$between][0]=a`, true],
    [`filters[${f}][$null]=perhaps`, true],
    [`filters[$or]=x`, true],
    [`filters[$and][0]=x`, true],
    [`filters[$not]=x`, true],
    [`filters=abc`, true],
    [`filters[0]=abc`, true],
    [`filters[nonexistent][$eq]=1`, true],
    [`filters[${t.relation}][$containsi]=x`, true],
    [`filters[${t.relation}][name][$eq][$eq]=1`, true],
    [`filters[${t.relation}][$eq]=1&filters[${t.relation}][name]=x`, true],
    [`filters[localizations][${f}][$eq][$ne]=1`, true],
    [`filters[createdBy][email][$startsWith]=a`, true],
    [`filters[updatedBy][password][$startsWith]=a`, true],
    [`fields[0]=createdBy`, true],
    [`fields[0]=${t.relation}`, true],
    [`sort=${t.relation}.name`, true],
    [`sort=localizations.${f}:asc`, true],
    [`sort=${f}:sideways`, true],
    [`sort=${f}:asc:desc`, true],
    [`sort[0][${f}][x]=asc`, true],
    [`populate=${f}`, true],
    [`populate[${t.relation}][limit]=5`, true],
    [`populate[${t.relation}][filters][name][$eq][$eq]=1`, true],
    [`populate[${t.relation}][populate][nonexistent]=true`, true],
    [`populate[${t.relation}][on][x]=true`, true],
    [`populate[createdBy]=true`, true],
    [`populate[${t.relation}][fields][0]=constructor`, true],
    [`pagination[page]=0`, true],
    [`pagination[page]=-1`, true],
    [`pagination[page]=1e9`, true],
    [`pagination[page]=abc`, true],
    [`pagination[pageSize]=0`, true],
    [`pagination[pageSize][$gt]=1`, true],
    [`pagination[limit]=-5`, true],
    [`pagination[start]=-1`, true],
    [`pagination[withCount]=maybe`, true],
    [`pagination[foo]=1`, true],
    [`pagination=5`, true],
    [`locale=xx`, true],
    [`locale[0]=en&locale[1]=ru`, true],
    [`locale[$ne]=en`, true],
    [`status=draft`, true],
    [`status=archived`, true],
    [`status[0]=draft`, true],
    [`filters[${f}][$eq]=${encodeURIComponent("' OR 1=1 --")}`, false],
    [`filters[${f}][$containsi]=${encodeURIComponent('%_\\')}`, false],
    [`filters[${f}][$in][0]=a&filters[${f}][$in][1][x]=b`, true],
    [`filters[${f}][$eq]=${'x'.repeat(5000)}`, false],
    [`filters[${f}][$eq]=a%00b`, true],
    [`filters[id][$eq]=abc`, true],
    [`filters[id][$in][0]=1&filters[id][$in][1]=x`, true],
    [`filters[id][$containsi]=1`, true],
    [`filters[createdAt][$gt]=yesterday`, true],
    [`filters[createdAt][$between][0]=2025-01-01&filters[createdAt][$between][1]=soon`, true],
    [`filters[${t.relation}]=abc`, true],
    [`filters[${t.relation}][$eq]=abc`, true],
    [`filters[id][$gt][x]=1`, true],
    [`filters[documentId][$in][0][0]=a`, true],
    [`filters[${'a'.repeat(300)}]=1`, true],
    [`${'a'.repeat(60)}[${'b'.repeat(60)}]=1`, false],
  );
  if (t.component) {
    out.push([`filters[${t.component}][originalTitle][$eq][$eq]=1`, true], [`filters[${t.component}][toString]=1`, false], [`filters[${t.component}][$eq]=1`, true], [`fields[0]=${t.component}`, true]);
    out.push([`filters[body][$contains]=x`, true], [`sort=body:asc`, true], [`filters[seo][metaTitle][$between]=x`, true]);
    out.push([`filters[date][$eq]=tomorrow`, true], [`filters[date][$contains]=2025`, true], [`filters[reprint][isReprint][$eq]=maybe`, true], [`filters[reprint][originalPublishedAt][$lt]=soon`, true]);
  }
  return out;
};

/** Bodies that are wrong for a create or an update of each type. */
const badBodies = (t: (typeof TYPES)[number]): Array<[unknown, string | undefined]> => {
  const f = t.scalar;
  const ok = t.plural === 'articles' ? { title: 'Corpus', date: '2025-01-01' } : { name: 'Corpus' };
  const out: Array<[unknown, string | undefined]> = [];
  for (const name of PROTOTYPE_NAMES) {
    out.push([JSON.parse(`{"data":{"${f}":"x","${name}":"y"}}`), undefined]);
    out.push([JSON.parse(`{"data":{"${name}":{"${name}":1}}}`), undefined]);
    if (t.component) out.push([JSON.parse(`{"data":{"${f}":"x","${t.component}":{"${name}":"y"}}}`), undefined]);
    out.push([JSON.parse(`{"data":{"${f}":"x","${t.relation}":{"connect":[{"documentId":"a","${name}":1}]}}}`), undefined]);
  }
  out.push(
    [{}, undefined],
    [{ data: null }, undefined],
    [{ data: [] }, undefined],
    [{ data: 'text' }, undefined],
    [{ data: 42 }, undefined],
    [{ data: { ...ok, [f]: { $eq: 'x' } } }, undefined],
    [{ data: { ...ok, [f]: ['a', 'b'] } }, undefined],
    [{ data: { ...ok, [f]: 'x'.repeat(100_000) } }, undefined],
    [{ data: { ...ok, nonexistent: 1 } }, undefined],
    [{ data: { ...ok, [f]: 'nul\u0000inside' } }, undefined],
    [{ data: { ...ok, id: 1 } }, undefined],
    [{ data: { ...ok, documentId: 'abc' } }, undefined],
    [{ data: { ...ok, createdBy: 1 } }, undefined],
    [{ data: { ...ok, publishedAt: 'yesterday' } }, undefined],
    [{ data: { ...ok, locale: 'xx' } }, undefined],
    [{ data: { ...ok, localizations: [1] } }, undefined],
    [{ data: { ...ok, [t.relation]: { connect: 'x' } } }, undefined],
    [{ data: { ...ok, [t.relation]: { connect: [{ id: { $gt: 0 } }] } } }, undefined],
    [{ data: { ...ok, [t.relation]: { set: [{ documentId: ['a'] }] } } }, undefined],
    [{ data: { ...ok, [t.relation]: { connect: [{ documentId: 'does-not-exist' }] } } }, undefined],
    [{ data: { ...ok, [t.relation]: { frobnicate: [] } } }, undefined],
    [{ data: { ...ok, [t.relation]: { connect: [{ documentId: 'a', position: { before: { $ne: 1 } } }] } } }, undefined],
    [{ data: { ...ok, [t.relation]: true } }, undefined],
    [undefined, '{"data": {'],
    [undefined, '{"data": {"title": "x"}}}'],
    [undefined, 'null'],
    [undefined, '[1,2,3]'],
    [undefined, '"data"'],
  );
  if (t.plural === 'articles') {
    out.push(
      [{ data: { ...ok, date: 'not-a-date' } }, undefined],
      [{ data: { ...ok, date: '2025-13-45' } }, undefined],
      [{ data: { ...ok, section: 'gossip' } }, undefined],
      [{ data: { ...ok, body: 'plain text' } }, undefined],
      [{ data: { ...ok, body: [{ type: 'script', children: [] }] } }, undefined],
      [{ data: { ...ok, reprint: 'yes' } }, undefined],
      [{ data: { ...ok, reprint: [{ isReprint: true }] } }, undefined],
      [{ data: { ...ok, reprint: { isReprint: 'maybe' } } }, undefined],
      [{ data: { ...ok, reprint: { originalUrl: 'javascript:alert(1)' } } }, undefined],
      [{ data: { ...ok, reprint: { originalUrl: 'https://user:pass@evil.example/' } } }, undefined],
      [{ data: { ...ok, reprint: { license: 'public-domain-ish' } } }, undefined],
      [{ data: { ...ok, seo: { canonicalUrl: 'https://evil.example\\@good.example/' } } }, undefined],
      [{ data: { ...ok, slug: 'Not A Slug' } }, undefined],
      [{ data: { ...ok, institutions: { connect: [{ documentId: { $ne: 'x' } }] } } }, undefined],
      [{ data: { ...ok, cover: { $gt: 0 } } }, undefined],
    );
  } else {
    out.push(
      [{ data: { ...ok, [t.plural === 'sources' ? 'homepage' : 'website']: 'ftp://x.example' } }, undefined],
      [{ data: { ...ok, [t.plural === 'sources' ? 'homepage' : 'website']: 'https://a:b@x.example/' } }, undefined],
    );
  }
  return out;
};

export const restCorpus = (documentIds: Record<string, string>): BadCase[] => {
  const cases: BadCase[] = [];
  for (const t of TYPES) {
    for (const [query, refuse] of badQueries(t)) {
      for (const caller of ['public', 'token'] as Caller[]) {
        cases.push({ name: `GET /api/${t.plural}?${query.slice(0, 80)} (${caller})`, caller, method: 'GET', url: `/api/${t.plural}?${query}`, refuse: refuse && !(caller === 'token' && query === 'status=draft') });
      }
      cases.push({ name: `GET /api/${t.plural}/:id?${query.slice(0, 80)}`, caller: 'public', method: 'GET', url: `/api/${t.plural}/${documentIds[t.plural]}?${query}`, refuse: refuse && !query.startsWith('pagination') });
    }
    for (const [index, [body, raw]] of badBodies(t).entries()) {
      cases.push({ name: `POST /api/${t.plural} body #${index} (token)`, caller: 'token', method: 'POST', url: `/api/${t.plural}?locale=en&status=draft`, body, raw, refuse: true });
      cases.push({ name: `PUT /api/${t.plural}/:id body #${index} (token)`, caller: 'token', method: 'PUT', url: `/api/${t.plural}/${documentIds[t.plural]}?locale=en&status=draft`, body, raw, refuse: !(raw === undefined && isRecord(body) && isRecord(body.data) && Object.keys(body.data).length === 0) });
      if (index % 4 === 0) cases.push({ name: `POST /api/${t.plural} body #${index} (public)`, caller: 'public', method: 'POST', url: `/api/${t.plural}`, body, raw, refuse: true });
    }
    cases.push(
      { name: `DELETE /api/${t.plural}/:id (public)`, caller: 'public', method: 'DELETE', url: `/api/${t.plural}/${documentIds[t.plural]}`, refuse: true },
      { name: `PUT /api/${t.plural}/:id (public)`, caller: 'public', method: 'PUT', url: `/api/${t.plural}/${documentIds[t.plural]}`, body: { data: { name: 'x' } }, refuse: true },
      // Deleting what is not there is a no-op (Strapi answers 204, as DELETE is idempotent).
      { name: `DELETE /api/${t.plural}/not-an-id (token)`, caller: 'token', method: 'DELETE', url: `/api/${t.plural}/${encodeURIComponent('"; drop table articles; --')}`, refuse: false },
      { name: `GET /api/${t.plural}/constructor`, caller: 'public', method: 'GET', url: `/api/${t.plural}/constructor`, refuse: true },
      { name: `GET /api/${t.plural}/__proto__`, caller: 'public', method: 'GET', url: `/api/${t.plural}/__proto__`, refuse: true },
    );
  }
  for (const slug of ['constructor', '__proto__', '%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(2000), '%F0%9F%92%A9']) {
    cases.push({ name: `GET /api/articles/slug/${slug.slice(0, 30)}`, caller: 'public', method: 'GET', url: `/api/articles/slug/${slug}`, refuse: true });
  }
  return cases;
};

export interface GraphQLCase {
  name: string;
  caller: Caller;
  query: string;
  variables?: unknown;
  /** false where a well-formed answer without errors is right (e.g. null for an unknown id) */
  refuse?: boolean;
}

/** Well-formed despite appearances: GraphQL answers them without an error, and that is right. */
const GRAPHQL_WELL_FORMED = [/^query \(\$f: \w+\) \{ \w+\(filters: \$f\)/, /\(documentId: "constructor"\)/,
  // Strapi's GraphQL clamps pagination into range (page 0 reads page 1) before anything validates it.
  /\(pagination: /,
];

export const graphqlCorpus = (documentIds: Record<string, string>): GraphQLCase[] => {
  const cases: GraphQLCase[] = [];
  for (const t of TYPES) {
    const f = t.scalar;
    const list = (args: string) => `{ ${t.gql}${args} { documentId ${f} } }`;
    const queries = [
      list(`(filters: { ${f}: { eq: { eq: "1" } } })`),
      list(`(filters: { ${f}: { regex: ".*" } })`),
      list(`(filters: { constructor: { eq: "1" } })`),
      list(`(filters: { ${f}: { in: [{ eq: 1 }] } })`),
      list(`(filters: { ${f}: { between: ["a"] } })`),
      list(`(filters: { ${f}: { null: "maybe" } })`),
      list(`(sort: ["constructor:asc"])`),
      list(`(sort: ["${f}:sideways"])`),
      list(`(sort: ["localizations.${f}:asc"])`),
      list(`(sort: "${t.relation}.name")`),
      list(`(pagination: { page: 0 })`),
      list(`(pagination: { pageSize: -1 })`),
      list(`(pagination: { limit: -5, start: -1 })`),
      list(`(pagination: { page: 1e9 })`),
      list(`(locale: "xx")`),
      list(`(status: DRAFT)`),
      list(`(status: ARCHIVED)`),
      list(`(filters: { createdBy: { email: { startsWith: "a" } } })`),
      `{ ${t.gql} { documentId constructor } }`,
      `{ ${t.gql} { documentId __proto__ } }`,
      `{ ${t.gql}(filters: $f) { documentId } }`,
      `query ($f: ${t.filters}) { ${t.gql}(filters: $f) { documentId } }`,
      `{ ${t.gql} { documentId `,
      `{ ${t.gql.slice(0, -1)}(documentId: "${documentIds[t.plural]}", status: DRAFT) { documentId } }`,
      `{ ${t.gql.slice(0, -1)}(documentId: "constructor") { documentId } }`,
      `{ ${t.gql.slice(0, -1)}(documentId: ["a"]) { documentId } }`,
      `mutation { update${t.gql.charAt(0).toUpperCase()}${t.gql.slice(1, -1)}(documentId: "${documentIds[t.plural]}", data: { ${f}: { eq: "x" } }) { documentId } }`,
      `mutation { update${t.gql.charAt(0).toUpperCase()}${t.gql.slice(1, -1)}(documentId: "${documentIds[t.plural]}", data: { constructor: "x" }) { documentId } }`,
      `mutation { create${t.gql.charAt(0).toUpperCase()}${t.gql.slice(1, -1)}(data: { ${f}: "${'x'.repeat(300)}" }, locale: "xx") { documentId } }`,
      `{ ${t.gql}(filters: { ${f}: { ${'and: [{ '.repeat(30)}eq: "x"${' }]'.repeat(30)} } }) { documentId } }`,
      `{ ${t.gql}(filters: { localizations: { ${f}: { eq: { ne: "1" } } } }) { documentId } }`,
      `{ __schema { types { name } } } { ${t.gql} { documentId } }`,
      `subscription { ${t.gql} { documentId } }`,
      `fragment A on Query { ...A } { ...A }`,
    ];
    for (const query of queries) {
      const refuse = !GRAPHQL_WELL_FORMED.some((pattern) => pattern.test(query));
      for (const caller of ['public', 'token'] as Caller[]) {
        // Drafts are for API tokens: a token asking for them gets them.
        cases.push({ name: `${query.slice(0, 90)} (${caller})`, caller, query, refuse: refuse && !(caller === 'token' && query.includes('status: DRAFT')) });
      }
    }
    // Well-formed writes the public may not make (with a token they would be legitimate).
    const Type = `${t.gql.charAt(0).toUpperCase()}${t.gql.slice(1, -1)}`;
    for (const query of [
      `mutation { delete${Type}(documentId: "${documentIds[t.plural]}") { documentId } }`,
      `mutation { create${Type}(data: { ${f}: "x" }) { documentId } }`,
      `mutation { update${Type}(documentId: "${documentIds[t.plural]}", data: { ${f}: "x" }) { documentId } }`,
    ]) {
      cases.push({ name: `${query.slice(0, 90)} (public)`, caller: 'public', query });
    }
    for (const variables of [{ f: 'x' }, { f: { [f]: { eq: { eq: 1 } } } }, { f: JSON.parse('{"__proto__":{"polluted":1}}') }, { f: { constructor: { eq: 1 } } }, { f: [1, 2] }, { f: { [f]: { in: 'x'.repeat(50_000) } } }]) {
      // GraphQL reads one value where a list is expected as a list of one (the last case).
      const refuse = !JSON.stringify(variables).includes('"in":');
      cases.push({ name: `${t.gql} with variables ${JSON.stringify(variables).slice(0, 60)}`, caller: 'public', query: `query ($f: ${t.filters}) { ${t.gql}(filters: $f) { documentId } }`, variables, refuse });
    }
  }
  return cases;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
