import { parse } from 'graphql';

import { expandedFieldCount, findDocumentProblem, findFragmentCycle } from '../../src/lib/graphql-document';

describe('GraphQL documents refused before Apollo', () => {
  it('finds fragment cycles, direct and through other fragments, without recursion', () => {
    expect(findFragmentCycle(parse('fragment A on Query { ...A } { ...A }'))).toBe('A');
    expect(findFragmentCycle(parse('fragment A on Query { b { ...B } } fragment B on T { c { ...C } } fragment C on T { ...A } { ...A }'))).toBe('A');
    expect(findFragmentCycle(parse('fragment A on Query { ...B ...B } fragment B on Query { x } { ...A }'))).toBeNull();
    const chain = Array.from({ length: 300 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`).join(' ');
    expect(findFragmentCycle(parse(`${chain} fragment F300 on Query { ...F0 } { ...F0 }`))).toBe('F0');
  });

  it('refuses subscriptions and lets everything else through to Apollo', () => {
    expect(findDocumentProblem('subscription { articles { title } }', 1000)?.message).toMatch(/no subscriptions/);
    expect(findDocumentProblem('fragment A on Query { ...A } { ...A }', 1000)?.message).toBe('Cannot spread fragment "A" within itself');
    expect(findDocumentProblem('{ articles { title } }', 1000)).toBeNull();
    expect(findDocumentProblem('{ articles { title ', 1000)).toBeNull();
    expect(findDocumentProblem(undefined, 1000)).toBeNull();
  });
});

describe('fragments that fan out', () => {
  const fanOut = (levels: number) =>
    `{ ...F0 } ${Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F${levels} on Query { __typename }`;

  it('counts the fields of the expanded document in one pass', () => {
    expect(expandedFieldCount(parse('{ a b { c } }'))).toBe(3);
    expect(expandedFieldCount(parse(fanOut(3)))).toBe(8);
    const started = Date.now();
    expect(expandedFieldCount(parse(fanOut(60)))).toBeGreaterThan(2 ** 50);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a document past the expanded-field bound, and not one below it', () => {
    expect(findDocumentProblem(fanOut(30), 1000)?.message).toMatch(/more than 5000 fields once its fragments are expanded/);
    expect(findDocumentProblem(fanOut(10), 1000)).toBeNull();
  });
});
