import { findInputProblems, findQueryProblems, type ModelLookup } from '../../src/lib/query-rules';

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
    expect(paths({ pagination: { start: '0', limit: '-1' } })).toEqual([]);
    expect(paths({ pagination: { page: '0', pageSize: 'abc', start: '-1', limit: '0', withCount: 'maybe' } })).toEqual([
      'pagination.page',
      'pagination.pageSize',
      'pagination.start',
      'pagination.limit',
      'pagination.withCount',
    ]);
    expect(paths({ pagination: '5' })).toEqual(['pagination']);
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
