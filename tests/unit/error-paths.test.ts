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

describe('paths for errors Strapi gives without one', () => {
  const notFound = (id: string) => ({ status: 400, name: 'ValidationError', message: `Document with id "${id}", locale "en" not found`, details: {} });
  const pathOf = (error: any, body: unknown) => withFieldPaths(error, body).details?.errors as Array<{ path: string[] }>;

  it('names the relation field of an unknown related document, whatever its shape', () => {
    expect(pathOf(notFound('abc'), { data: { source: { connect: [{ documentId: 'abc' }] } } })[0].path).toEqual(['source']);
    expect(pathOf(notFound('abc'), { data: { institutions: ['x', 'abc'] } })[0].path).toEqual(['institutions']);
    expect(pathOf(notFound('abc'), { data: { title: 'abc', source: { set: [{ documentId: 'abc' }] } } })[0].path).toEqual(['source']);
    expect(pathOf(notFound('abc'), { data: { gallery: [{ link: { documentId: 'abc' } }] } })[0].path).toEqual(['gallery', '0', 'link']);
  });

  it('names data when it is missing, and leaves other errors alone', () => {
    expect(pathOf({ status: 400, name: 'ValidationError', message: 'Missing "data" payload in the request body', details: {} }, {})[0].path).toEqual(['data']);
    expect(withFieldPaths({ status: 400, name: 'ValidationError', message: 'Something else', details: {} }, {}).details).toEqual({});
  });
});
