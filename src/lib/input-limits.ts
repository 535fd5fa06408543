/**
 * Bounds on the shape of parsed request input (docs/security.md, "Cost and size limits").
 * Strapi's validators and error printers recurse through what they are given: a 4 KB JSON array
 * 2,000 levels deep became a 16 MB error body, 3,000 levels a stack overflow. The walk here is
 * iterative and stops at the first excess, so its own cost is bounded by the limits.
 */
export interface InputLimits {
  /** containers (objects, arrays) nested inside each other */
  maxDepth: number;
  /** keys and array items in the whole value, at every level */
  maxKeys: number;
}

export const BODY_LIMIT_DEFAULTS: InputLimits = { maxDepth: 32, maxKeys: 10000 };
export const QUERY_LIMIT_DEFAULTS = { maxDepth: 20, maxParameters: 200, maxArrayItems: 100 };

export interface InputExcess {
  kind: 'depth' | 'keys';
  /** where the excess was found, e.g. ['data', 'body', '0'] */
  path: string[];
  limit: number;
}

const isContainer = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null;

/** The first place where `value` goes past the limits, or null. Never recurses. */
export const findInputExcess = (value: unknown, limits: InputLimits): InputExcess | null => {
  if (!isContainer(value)) return null;
  let keys = 0;
  const stack: Array<{ value: Record<string, unknown> | unknown[]; depth: number; path: string[] }> = [{ value, depth: 1, path: [] }];
  while (stack.length > 0) {
    const { value: container, depth, path } = stack.pop()!;
    if (depth > limits.maxDepth) return { kind: 'depth', path, limit: limits.maxDepth };
    // Buffers and files (multipart uploads) are not parsed input.
    if (!Array.isArray(container) && Object.getPrototypeOf(container) !== Object.prototype && Object.getPrototypeOf(container) !== null) continue;
    const keysHere = Array.isArray(container) ? container.length : Object.keys(container).length;
    keys += keysHere;
    if (keys > limits.maxKeys) return { kind: 'keys', path, limit: limits.maxKeys };
    const entries = Array.isArray(container) ? container.map((item, index) => [String(index), item] as const) : Object.entries(container);
    for (const [key, child] of entries) {
      // The path shows where the excess starts; its first levels are enough to find it.
      if (isContainer(child)) stack.push({ value: child, depth: depth + 1, path: path.length < 8 ? [...path, key] : path });
    }
  }
  return null;
};

/** The sentence a client sees, naming the limit and what to do. */
export const describeInputExcess = (excess: InputExcess, where: 'body' | 'query' | 'variables'): string => {
  const subject = { body: 'The request body', query: 'The query string', variables: 'The GraphQL variables object' }[where];
  return excess.kind === 'depth'
    ? `${subject} is nested more than ${excess.limit} levels deep; send a flatter structure`
    : where === 'query'
      ? `${subject} has more than ${excess.limit} parameters; send fewer`
      : `${subject} has more than ${excess.limit} keys and items in all; send less data per request`;
};

const decode = (text: string) => {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
};

/**
 * The same bounds on a raw query string, before qs parses it (qs would silently drop parameters
 * past its parameterLimit and keep keys nested past its depth as literal strings): at most
 * `maxParameters` parameters, and at most `maxDepth` bracketed levels in any key, e.g.
 * `filters[$and][0][title][$eq]` has 4.
 */
export const findQueryStringExcess = (querystring: string, limits: { maxDepth: number; maxParameters: number }): InputExcess | null => {
  if (!querystring) return null;
  let parameters = 0;
  for (const part of querystring.split('&')) {
    if (part === '') continue;
    parameters += 1;
    if (parameters > limits.maxParameters) return { kind: 'keys', path: [], limit: limits.maxParameters };
    const equals = part.indexOf('=');
    const key = decode(equals === -1 ? part : part.slice(0, equals));
    const levels = key.match(/\[[^\]]*\]/g)?.length ?? 0;
    if (levels > limits.maxDepth) return { kind: 'depth', path: [key.split('[')[0]], limit: limits.maxDepth };
  }
  return null;
};

/**
 * Whole-number limits from the environment (defaults when unset); a value that is not a
 * positive whole number stops start-up with the variable's name.
 */
export const readLimit = (env: Record<string, string | undefined>, name: string, fallback: number): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number, at least 1 (got "${raw}")`);
  return value;
};

/**
 * Where a NUL character sits in a parsed body, if anywhere: PostgreSQL text cannot hold one and
 * answers with an error the query engine turns into a 500. Iterative, like the limits above.
 */
export const findNulCharacter = (value: unknown): string[] | null => {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, inner] of Object.entries(current)) {
        if (key.includes('\u0000')) return [...path, key];
        stack.push({ value: inner, path: [...path, key] });
      }
    }
  }
  return null;
};

/** A NUL character in an address (path or query string), raw or percent-encoded. */
export const urlHasNul = (url: string) => /%00|\u0000/i.test(url);
