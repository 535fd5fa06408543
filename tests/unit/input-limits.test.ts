import { describeInputExcess, findInputExcess, findNulCharacter, findQueryStringExcess, readLimit, urlHasNul } from '../../src/lib/input-limits';

const nested = (levels: number) => {
  let value: unknown = [];
  for (let i = 1; i < levels; i += 1) value = [value];
  return value;
};

describe('findInputExcess', () => {
  const limits = { maxDepth: 4, maxKeys: 10 };

  it('accepts scalars and values within the limits', () => {
    expect(findInputExcess(undefined, limits)).toBeNull();
    expect(findInputExcess('text', limits)).toBeNull();
    expect(findInputExcess({ data: { title: 'x', tags: ['a', 'b'] } }, limits)).toBeNull();
    expect(findInputExcess(nested(4), limits)).toBeNull();
  });

  it('finds the first container past the depth, with its path', () => {
    expect(findInputExcess(nested(5), limits)).toEqual({ kind: 'depth', path: ['0', '0', '0', '0'], limit: 4 });
    expect(findInputExcess({ data: { a: { b: { c: 1 } } } }, limits)).toBeNull();
    expect(findInputExcess({ data: { a: { b: { c: {} } } } }, limits)).toEqual({ kind: 'depth', path: ['data', 'a', 'b', 'c'], limit: 4 });
  });

  it('walks 100,000 levels without recursion', () => {
    expect(findInputExcess(nested(100000), { maxDepth: 32, maxKeys: 10000 })).toMatchObject({ kind: 'depth', limit: 32 });
  });

  it('counts keys and items at every level', () => {
    expect(findInputExcess({ a: [1, 2, 3], b: { c: 1, d: 2, e: 3, f: 4 } }, limits)).toBeNull();
    expect(findInputExcess({ a: [1, 2, 3], b: { c: 1, d: 2, e: 3, f: 4, g: 5, h: 6 } }, limits)).toMatchObject({ kind: 'keys', limit: 10 });
    expect(findInputExcess(Array.from({ length: 11 }, () => 0), limits)).toEqual({ kind: 'keys', path: [], limit: 10 });
  });

  it('does not look inside buffers or files', () => {
    expect(findInputExcess({ file: Buffer.alloc(100) }, limits)).toBeNull();
  });

  it('describes the excess so a person can act on it', () => {
    expect(describeInputExcess({ kind: 'depth', path: [], limit: 32 }, 'body')).toBe(
      'The request body is nested more than 32 levels deep; send a flatter structure'
    );
    expect(describeInputExcess({ kind: 'keys', path: [], limit: 200 }, 'query')).toBe('The query string has more than 200 parameters; send fewer');
  });
});

describe('findQueryStringExcess', () => {
  const limits = { maxDepth: 4, maxParameters: 3 };

  it('accepts ordinary query strings', () => {
    expect(findQueryStringExcess('', limits)).toBeNull();
    expect(findQueryStringExcess('locale=en&filters[$and][0][title][$eq]=x', limits)).toBeNull();
    expect(findQueryStringExcess('filters%5B%24and%5D%5B0%5D%5Btitle%5D=x', limits)).toBeNull();
  });

  it('refuses keys nested deeper than the limit, naming the parameter, also when encoded', () => {
    expect(findQueryStringExcess('filters[a][b][c][d][e]=x', limits)).toEqual({ kind: 'depth', path: ['filters'], limit: 4 });
    expect(findQueryStringExcess('populate%5Ba%5D%5Bb%5D%5Bc%5D%5Bd%5D%5Be%5D=x', limits)).toEqual({ kind: 'depth', path: ['populate'], limit: 4 });
  });

  it('refuses more parameters than the limit', () => {
    expect(findQueryStringExcess('a=1&b=2&c=3', limits)).toBeNull();
    expect(findQueryStringExcess('a=1&b=2&c=3&d=4', limits)).toEqual({ kind: 'keys', path: [], limit: 3 });
  });
});

describe('readLimit', () => {
  it('reads a positive whole number or falls back to the default', () => {
    expect(readLimit({}, 'BODY_MAX_DEPTH', 32)).toBe(32);
    expect(readLimit({ BODY_MAX_DEPTH: ' 16 ' }, 'BODY_MAX_DEPTH', 32)).toBe(16);
    expect(() => readLimit({ BODY_MAX_DEPTH: '0' }, 'BODY_MAX_DEPTH', 32)).toThrow('BODY_MAX_DEPTH must be a whole number, at least 1 (got "0")');
  });
});

describe('NUL characters', () => {
  it('are found in bodies and addresses', () => {
    expect(findNulCharacter({ data: { title: 'a', reprint: { originalTitle: 'x\u0000y' } } })).toEqual(['data', 'reprint', 'originalTitle']);
    expect(findNulCharacter({ data: ['a', { 'k\u0000': 1 }] })).toEqual(['data', '1', 'k\u0000']);
    expect(findNulCharacter({ data: { title: 'clean' } })).toBeNull();
    expect(urlHasNul('/api/articles/slug/%00')).toBe(true);
    expect(urlHasNul('/api/articles?filters[title][$eq]=a%00b')).toBe(true);
    expect(urlHasNul('/api/articles?filters[title][$eq]=100%25')).toBe(false);
  });
});
