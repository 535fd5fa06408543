import { parse } from 'graphql';

import { findDocumentProblem, findFragmentCycle } from '../../src/lib/graphql-document';

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
