import { queryErrorPath, withFieldPaths } from '../../src/lib/error-paths';

describe('error paths', () => {
  it('builds a path from Strapi query-validation details', () => {
    expect(queryErrorPath({ key: 'nonexistent', path: null, param: 'filters' })).toEqual(['filters', 'nonexistent']);
    expect(queryErrorPath({ key: '$nope', path: 'title', param: 'filters' })).toEqual(['filters', 'title', '$nope']);
    expect(queryErrorPath({ key: 'nope', path: 'nope', param: 'populate' })).toEqual(['populate', 'nope']);
    expect(queryErrorPath({ key: 'zzz', path: 'source.populate', param: 'populate' })).toEqual(['populate', 'source', 'populate', 'zzz']);
    expect(queryErrorPath({ key: 'x', path: null, param: 'x' })).toEqual(['x']);
  });

  it('adds details.errors and keeps the original details', () => {
    const body = withFieldPaths({ status: 400, name: 'ValidationError', message: 'Invalid key a', details: { key: 'a', path: null, param: 'sort' } });
    expect(body.details).toEqual({
      key: 'a',
      path: null,
      param: 'sort',
      errors: [{ path: ['sort', 'a'], message: 'sort.a is not accepted here: Invalid key a', name: 'ValidationError' }],
    });
  });

  it('leaves bodies that already list errors, or have nothing to go on, unchanged', () => {
    const listed = { name: 'ValidationError', message: 'm', details: { errors: [{ path: ['title'] }] } };
    expect(withFieldPaths(listed)).toBe(listed);
    const bare = { name: 'ValidationError', message: 'm', details: {} };
    expect(withFieldPaths(bare)).toBe(bare);
  });
});
