import { findQueryProblems, type ModelLookup } from '../../src/lib/query-rules';

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
