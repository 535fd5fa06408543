import { Kind, parse, type DocumentNode } from 'graphql';

/**
 * What Apollo's validation cannot be trusted with: Strapi adds graphql-depth-limit to the
 * validation rules, and it follows fragment spreads without remembering where it has been, so
 * `fragment A on Query { ...A } { ...A }` overflows the stack (a 500) before graphql-js's own
 * NoFragmentCycles rule can report it. And this API has no subscriptions, which Apollo answers
 * with an internal error. Both are refused here, on the parsed document, before Apollo runs. So
 * is a document whose fragments fan out (`{ ...F0 } fragment F0 { ...F1 ...F1 } …`): the same
 * depth-limit rule walks every expansion, 2^n steps for n fragments of a few tokens each.
 */

/** Fields a document may hold once every fragment spread is expanded. */
export const MAX_EXPANDED_FIELDS = 5000;

export interface DocumentProblem {
  message: string;
  code: 'GRAPHQL_VALIDATION_FAILED';
}

/** The first fragment that spreads itself, directly or through others. */
export const findFragmentCycle = (document: DocumentNode): string | null => {
  const spreads = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
    const names: string[] = [];
    const stack: any[] = [definition.selectionSet];
    while (stack.length > 0) {
      const node = stack.pop();
      for (const selection of node?.selections ?? []) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) names.push(selection.name.value);
        if (selection.selectionSet) stack.push(selection.selectionSet);
      }
    }
    spreads.set(definition.name.value, names);
  }
  const done = new Set<string>();
  for (const start of spreads.keys()) {
    if (done.has(start)) continue;
    // Iterative depth-first search; `path` holds the fragments being expanded.
    const path = new Set<string>();
    const stack: Array<{ name: string; next: number }> = [{ name: start, next: 0 }];
    path.add(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const children = spreads.get(top.name) ?? [];
      if (top.next >= children.length) {
        stack.pop();
        path.delete(top.name);
        done.add(top.name);
        continue;
      }
      const child = children[top.next++];
      if (path.has(child)) return child;
      if (!done.has(child) && spreads.has(child)) {
        path.add(child);
        stack.push({ name: child, next: 0 });
      }
    }
  }
  return null;
};

/**
 * The number of fields each operation holds with its fragments expanded (memoized per fragment,
 * so this costs one pass however much they fan out). Call only on a document without cycles.
 */
export const expandedFieldCount = (document: DocumentNode): number => {
  const fragments = new Map<string, any>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const memo = new Map<string, number>();
  const count = (selectionSet: any): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) total += fragmentSize(selection.name.value);
      else total += (selection.kind === Kind.FIELD ? 1 : 0) + count(selection.selectionSet);
      if (total > Number.MAX_SAFE_INTEGER / 2) return total;
    }
    return total;
  };
  const fragmentSize = (name: string): number => {
    if (!memo.has(name)) memo.set(name, fragments.has(name) ? count(fragments.get(name).selectionSet) : 0);
    return memo.get(name)!;
  };
  let largest = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) largest = Math.max(largest, count(definition.selectionSet));
  }
  return largest;
};

export const findDocumentProblem = (query: unknown, maxTokens: number): DocumentProblem | null => {
  if (typeof query !== 'string') return null; // Apollo answers a missing query itself
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens });
  } catch {
    return null; // Apollo reports syntax errors (and the token limit) itself
  }
  if (document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.operation === 'subscription')) {
    return { message: 'This API has no subscriptions; read with a query', code: 'GRAPHQL_VALIDATION_FAILED' };
  }
  const cycle = findFragmentCycle(document);
  if (cycle) return { message: `Cannot spread fragment "${cycle}" within itself`, code: 'GRAPHQL_VALIDATION_FAILED' };
  const fields = expandedFieldCount(document);
  if (fields > MAX_EXPANDED_FIELDS) {
    return { message: `The query holds more than ${MAX_EXPANDED_FIELDS} fields once its fragments are expanded; ask for fewer`, code: 'GRAPHQL_VALIDATION_FAILED' };
  }
  return null;
};
