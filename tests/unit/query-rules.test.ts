import apiConfig from '../../config/api';
import { findInputProblems, findQueryProblems, localeProblems, MAX_PAGE, MAX_START, paginationProblems, REST_MAX_LIMIT, restQueryProblems, type ModelLookup } from '../../src/lib/query-rules';

const models: Record<string, any> = {
  'api::article.article': {
    attributes: {
      title: { type: 'string' },
      body: { type: 'blocks' },
      source: { type: 'relation', target: 'api::source.source' },
      reprint: { type: 'component', component: 'attribution.reprint' },
      cover: { type: 'media' },
    },
  },
  'api::source.source': { attributes: { name: { type: 'string' } } },
  'attribution.reprint': { attributes: { originalTitle: { type: 'string' } } },
  'plugin::upload.file': { attributes: { name: { type: 'string' } } },
};
const lookup: ModelLookup = (uid) => models[uid];
const paths = (query: Record<string, unknown>) =>
  findQueryProblems(query, 'api::article.article', lookup).map((problem) => problem.path.join('.'));

describe('findQueryProblems', () => {
  it('accepts well-formed filters', () => {
    expect(
      paths({
        filters: {
          title: { $contains: 'x', $not: { $eq: 'y' } },
          $or: [{ title: 'a' }, { source: { name: { $eq: 'b' } } }],
          $and: { 0: { title: 'a' }, 25: { title: 'b' } },
          $not: { title: 'c' },
          source: { $eq: 3 },
          reprint: { originalTitle: { $null: 'true' } },
          cover: { name: 'x' },
        },
      })
    ).toEqual([]);
  });

  it('reports what the query engine would fail on', () => {
    expect(
      paths({
        filters: {
          $or: 'x',
          $not: 'y',
          $eq: 'z',
          body: { $eq: 'x' },
          source: { $eq: 1, name: 'x' },
          title: { $and: 'x' },
          $and: [{ $in: 'x' }],
        },
      })
    ).toEqual(['filters.$or', 'filters.$not', 'filters.$eq', 'filters.body', 'filters.source', 'filters.title.$and', 'filters.$and.0.$in']);
    expect(paths({ filters: 'abc' })).toEqual(['filters']);
  });

  it('checks pagination values', () => {
    expect(paths({ pagination: { page: '2', pageSize: '25', withCount: 'false' } })).toEqual([]);
    expect(paths({ pagination: { start: '0', limit: '100' } })).toEqual([]);
    expect(paths({ pagination: { page: '0', pageSize: 'abc', withCount: 'maybe' } })).toEqual(['pagination.page', 'pagination.pageSize', 'pagination.withCount']);
    expect(paths({ pagination: { start: '-1', limit: '0' } })).toEqual(['pagination.start', 'pagination.limit']);
    expect(paths({ pagination: '5' })).toEqual(['pagination']);
  });
});

describe('pagination ranges (REST)', () => {
  const messages = (pagination: Record<string, unknown>) => paginationProblems(pagination).map((problem) => `${problem.path.join('.')}: ${problem.message}`);

  it('reads the most a page holds from config/api.ts', () => {
    expect(REST_MAX_LIMIT).toBe(apiConfig.rest.maxLimit);
    expect(REST_MAX_LIMIT).toBe(100);
  });

  it.each([
    ['pageSize', ['0', '-1', '1.5', 'abc', '101', '1000', '', '1e2']],
    ['limit', ['0', '-1', '-5', '2.5', '101', '1000']],
  ])('pagination[%s] is 1 to 100: %p are refused, naming the range', (key, values) => {
    for (const value of values) {
      expect(messages({ [key]: value })).toEqual([expect.stringMatching(new RegExp(`^pagination\\.${key}: pagination\\[${key}\\] must be a whole number between 1 and 100`))]);
    }
    expect(paginationProblems({ [key]: '1' })).toEqual([]);
    expect(paginationProblems({ [key]: '100' })).toEqual([]);
    expect(paginationProblems({ [key]: 100 })).toEqual([]);
  });

  it('says why limit=-1 ("everything") is refused', () => {
    expect(messages({ limit: '-1' })[0]).toMatch(/-1, "everything", is not served/);
  });

  it('bounds page and start so the offset stays a number the database reads back', () => {
    for (const value of ['0', '-1', '1.5', String(MAX_PAGE + 1), '99999999999999999999999']) {
      expect(messages({ page: value })).toEqual([expect.stringContaining(`pagination[page] must be a whole number between 1 and ${MAX_PAGE}`)]);
    }
    for (const value of ['-1', '1.5', String(MAX_START + 1), '99999999999999999999999']) {
      expect(messages({ start: value })).toEqual([expect.stringContaining(`pagination[start] must be a whole number between 0 and ${MAX_START}`)]);
    }
    expect(paginationProblems({ page: String(MAX_PAGE), pageSize: '100' })).toEqual([]);
    expect(paginationProblems({ start: String(MAX_START), limit: '1' })).toEqual([]);
    expect(paginationProblems({ start: '0' })).toEqual([]);
  });

  it('refuses a parameter given twice, and page with start', () => {
    expect(messages({ pageSize: ['10', '20'] })).toEqual([expect.stringContaining('given 2 times')]);
    expect(paginationProblems({ page: '2', limit: '10' })).toEqual([expect.objectContaining({ path: ['pagination'], message: expect.stringMatching(/page and pageSize, or start and limit, not both/) })]);
  });

  it('takes another maximum', () => {
    expect(paginationProblems({ pageSize: '150' }, 200)).toEqual([]);
    expect(paginationProblems({ pageSize: '201' }, 200)[0].message).toMatch(/between 1 and 200/);
  });
});

describe('locale', () => {
  it('is one locale per request: twice, as a list or * is refused, naming the configured locales', () => {
    expect(localeProblems(undefined)).toEqual([]);
    expect(localeProblems('en')).toEqual([]);
    const twice = localeProblems(['en', 'ru'], ['zh-Hans', 'en', 'ru']);
    expect(twice).toEqual([{ path: ['locale'], message: expect.stringMatching(/^locale must be one value \(it is given 2 times\).*zh-Hans, en, ru/) }]);
    expect(localeProblems({ $ne: 'en' })).toEqual([expect.objectContaining({ path: ['locale'] })]);
    const all = localeProblems('*', ['zh-Hans', 'en', 'ru']);
    expect(all).toEqual([{ path: ['locale'], message: expect.stringMatching(/^locale=\* \(every locale at once\) is not served: ask for one locale per request, one of zh-Hans, en, ru/) }]);
  });

  it('is checked by the query guard too (REST and GraphQL)', () => {
    expect(paths({ locale: '*' })).toEqual(['locale']);
    expect(paths({ locale: 'en', start: 0, limit: 25 })).toEqual([]);
  });
});

describe('restQueryProblems (every route under /api, before routing)', () => {
  const problems = (query: Record<string, unknown>) => restQueryProblems(query, { locales: ['zh-Hans', 'en', 'ru'] });

  it('accepts what the docs show', () => {
    expect(problems({ locale: 'en', section: 'news,events', institution: 'liaoning-university', from: '2025-01-01', to: '2025-06-30', fallback: 'true', pagination: { page: '2', pageSize: '10' } })).toEqual([]);
    expect(problems({ sort: ['date:desc', 'title:asc'], fields: ['title', 'slug'], populate: ['source', 'cover'] })).toEqual([]);
  });

  it.each(['status', 'fallback', 'from', 'to', 'section', 'institution', 'source'])('refuses %s given twice, naming it', (param) => {
    expect(problems({ [param]: ['a', 'b'] })).toEqual([{ path: [param], message: expect.stringMatching(new RegExp(`^${param} must be given once, as one value \\(it is given 2 times\\), e\\.g\\. ${param}=`)) }]);
    expect(problems({ [param]: { 0: 'a' } })).toEqual([expect.objectContaining({ path: [param] })]);
  });

  it('collects locale and pagination problems together', () => {
    expect(problems({ locale: '*', pagination: { pageSize: '1000' } }).map((problem) => problem.path)).toEqual([['locale'], ['pagination', 'pageSize']]);
  });
});

describe('the query contract is an allow-list', () => {
  it('refuses names inherited from Object.prototype wherever a field is named', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(paths({ fields: [name] })).toEqual(['fields.0']);
      expect(paths({ sort: `${name}:asc` })).toEqual([`sort.${name}`]);
      expect(paths({ populate: [name] })).toEqual(['populate.0']);
      expect(paths({ filters: JSON.parse(`{"${name}":{"$eq":"1"}}`) })).toEqual([`filters.${name}`]);
      expect(paths({ filters: { source: JSON.parse(`{"${name}":"1"}`) } })).toEqual([`filters.source.${name}`]);
    }
  });

  it('takes one scalar per scalar operator, lists for $in and $between, booleans for $null', () => {
    expect(paths({ filters: { title: { $eq: { $eq: '1' } } } })).toEqual(['filters.title.$eq']);
    expect(paths({ filters: { title: { $ne: ['a'] } } })).toEqual(['filters.title.$ne']);
    expect(paths({ filters: { title: { $in: [{ $eq: 1 }] } } })).toEqual(['filters.title.$in']);
    expect(paths({ filters: { title: { $between: ['a'] } } })).toEqual(['filters.title.$between']);
    expect(paths({ filters: { title: { $null: 'maybe' } } })).toEqual(['filters.title.$null']);
    expect(paths({ filters: { title: { $regex: '.*' } } })).toEqual(['filters.title.$regex']);
    expect(paths({ filters: { title: { foo: 'x' } } })).toEqual(['filters.title.foo']);
    expect(paths({ filters: { title: {} } })).toEqual(['filters.title']);
    expect(paths({ filters: { source: { $containsi: 'x' } } })).toEqual(['filters.source']);
    expect(paths({ filters: { title: { $in: 'a', $between: ['a', 'b'], $notNull: 'true', $not: { $eq: new Date() } } } })).toEqual([]);
  });

  it('bounds how many relations a filter crosses', () => {
    const models2: Record<string, any> = { a: { attributes: { next: { type: 'relation', target: 'a' }, name: { type: 'string' } } } };
    let where: any = { name: 'x' };
    for (let depth = 0; depth < 6; depth += 1) where = { next: where };
    const found = findQueryProblems({ filters: where }, 'a', (uid) => models2[uid]).map((p) => p.path.length);
    expect(found).toEqual([6]);
  });

  it('checks fields, sort and populate against the model', () => {
    expect(paths({ fields: ['title', 'id', 'documentId'], sort: ['title:desc', { id: 'asc' }], populate: { source: { fields: ['name'] }, reprint: true } })).toEqual([]);
    expect(paths({ fields: 'title,source' })).toEqual(['fields']);
    expect(paths({ sort: 'source.name:asc' })).toEqual(['sort']);
    expect(paths({ sort: 'title:sideways' })).toEqual(['sort.title']);
    expect(paths({ sort: { source: { name: 'asc' } } })).toEqual(['sort.source']);
    expect(paths({ populate: 'title' })).toEqual(['populate']);
    expect(paths({ populate: { source: { filters: { name: { $eq: { $eq: 1 } } }, limit: 3 } } })).toEqual([
      'populate.source.filters.name.$eq',
      'populate.source.limit',
    ]);
    expect(paths({ locale: ['en', 'ru'], status: 'maybe' })).toEqual(['locale', 'status']);
  });
});

describe('findInputProblems', () => {
  const input = (data: unknown) => findInputProblems(data, 'api::article.article', lookup).map((problem) => problem.path.join('.'));

  it('accepts the model’s own fields, components and relation forms', () => {
    expect(input({ title: 'T', reprint: { originalTitle: 'O' }, source: { connect: [{ documentId: 'abc', locale: 'en' }] } })).toEqual([]);
    expect(input({ source: 'abc', cover: 3, reprint: null })).toEqual([]);
  });

  it('names each key that is not a field, at any depth', () => {
    expect(input(JSON.parse('{"constructor":"x","reprint":{"toString":"y","__proto__":{"a":1}},"source":{"connect":[{"documentId":"a","valueOf":1}],"hasOwnProperty":[]}}'))).toEqual([
      'constructor',
      'reprint.toString',
      'reprint.__proto__',
      'source.connect.0.valueOf',
      'source.hasOwnProperty',
    ]);
    expect(input('text')).toEqual(['data']);
  });
});

describe('documented Strapi shapes stay accepted', () => {
  const zoneModels: Record<string, any> = {
    ...models,
    'api::page.page': { attributes: { blocks: { type: 'dynamiczone', components: ['shared.seo'] }, title: { type: 'string' } } },
    'shared.seo': { attributes: { metaTitle: { type: 'string' } } },
  };
  it('presence of a file or a component, withCount as 1/0, a zone populated with *', () => {
    expect(paths({ filters: { cover: { $null: 'true' }, reprint: { $notNull: 'true' } }, pagination: { withCount: '0' } })).toEqual([]);
    expect(paths({ filters: { cover: { $eq: '1' } } })).toEqual(['filters.cover']);
    expect(findQueryProblems({ populate: { blocks: { populate: '*' } } }, 'api::page.page', (uid) => zoneModels[uid])).toEqual([]);
    expect(findQueryProblems({ populate: { blocks: { on: { 'shared.seo': { fields: ['metaTitle'] } } } } }, 'api::page.page', (uid) => zoneModels[uid])).toEqual([]);
  });
});

describe('values fit their column (PostgreSQL refuses what SQLite lets by)', () => {
  const typed: Record<string, any> = {
    a: {
      attributes: {
        title: { type: 'string' },
        count: { type: 'integer' },
        score: { type: 'decimal' },
        flag: { type: 'boolean' },
        day: { type: 'date' },
        at: { type: 'datetime' },
        hour: { type: 'time' },
        other: { type: 'relation', target: 'a' },
      },
    },
  };
  const p = (filters: unknown) => findQueryProblems({ filters }, 'a', (uid) => typed[uid]).map((problem) => problem.path.join('.'));

  it('accepts values of the column’s type', () => {
    expect(
      p({ id: { $eq: '3' }, count: { $in: ['1', '-2'] }, score: '1.5', flag: 'true', day: { $between: ['2025-01-01', '2025-12-31'] }, at: { $gt: '2025-03-22T09:30:00Z' }, hour: '09:30', other: '4', title: { $containsi: 'x' } })
    ).toEqual([]);
  });

  it('refuses values that are not, and text operators on other columns', () => {
    expect(p({ id: { $eq: 'abc' } })).toEqual(['filters.id.$eq']);
    expect(p({ count: 'many', score: { $lt: 'high' }, flag: 'maybe', day: { $in: ['tomorrow'] }, at: { $gt: 'yesterday' }, hour: '25:00' })).toEqual([
      'filters.count',
      'filters.score.$lt',
      'filters.flag',
      'filters.day.$in',
      'filters.at.$gt',
      'filters.hour',
    ]);
    expect(p({ other: 'abc' })).toEqual(['filters.other']);
    expect(p({ other: { $in: ['1', 'x'] } })).toEqual(['filters.other.$in']);
    expect(p({ count: { $contains: '1' }, day: { $startsWith: '2025' }, id: { $containsi: '1' } })).toEqual(['filters.count.$contains', 'filters.day.$startsWith', 'filters.id.$containsi']);
  });
});
