/**
 * Error bodies are for people and programs to act on, not a copy of the input: Strapi's
 * validators print the offending value into the message (`…but the final value was: […]`) and
 * keep it in `details.errors[].value`, which made a 4 KB request a 16 MB answer. Every error body
 * leaves with a bounded message, details copied to a bounded size, no `value` echo and no
 * stack or server path.
 */
export interface ErrorBounds {
  maxMessage: number;
  maxDepth: number;
  maxKeys: number;
  maxString: number;
}

export const ERROR_BOUNDS: ErrorBounds = { maxMessage: 300, maxDepth: 6, maxKeys: 200, maxString: 300 };

/** Keys that carry the input back, or where and how the server failed. */
const DROPPED = new Set(['value', 'stack', 'stacktrace', 'exception', 'originalError']);
// An absolute file path standing on its own (not inside a URL): `/work/app/dist/x.js`, `(/usr/lib/…)`.
const SERVER_PATH = /(?<=^|[\s('"`=])(?:file:\/\/)?\/(?:[\w.@+-]+\/)*(?:node_modules|work|home|usr|opt|srv|app|var|tmp|root)\/[^\s'")`]*/g;

export const truncate = (text: string, max: number) => {
  const clean = text.replace(SERVER_PATH, '[path]');
  return clean.length <= max ? clean : `${clean.slice(0, max)}… (${clean.length - max} more characters)`;
};

/** A copy of `value` at most maxDepth deep with at most maxKeys keys in all, strings shortened. Iterative. */
export const boundedCopy = (value: unknown, bounds: ErrorBounds = ERROR_BOUNDS): unknown => {
  const copyScalar = (scalar: unknown) => (typeof scalar === 'string' ? truncate(scalar, bounds.maxString) : scalar);
  if (typeof value !== 'object' || value === null) return copyScalar(value);
  let keys = 0;
  const root: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
  const stack: Array<{ from: object; to: Record<string, unknown> | unknown[]; depth: number }> = [{ from: value, to: root, depth: 1 }];
  while (stack.length > 0) {
    const { from, to, depth } = stack.pop()!;
    const entries = Array.isArray(from) ? from.map((item, index) => [index, item] as const) : Object.entries(from);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && DROPPED.has(key)) continue;
      keys += 1;
      if (keys > bounds.maxKeys) return root;
      let copied: unknown;
      if (typeof child === 'object' && child !== null) {
        if (depth >= bounds.maxDepth) copied = Array.isArray(child) ? '[…]' : '{…}';
        else {
          copied = Array.isArray(child) ? [] : {};
          stack.push({ from: child, to: copied as Record<string, unknown>, depth: depth + 1 });
        }
      } else if (typeof child === 'function') continue;
      else copied = copyScalar(child);
      (to as Record<string | number, unknown>)[key] = copied;
    }
  }
  return root;
};

interface ErrorLike {
  status?: unknown;
  name?: unknown;
  message?: unknown;
  details?: unknown;
  [key: string]: unknown;
}

/** The error object of a response body (`body.error`), bounded. */
export const boundError = (error: ErrorLike, bounds: ErrorBounds = ERROR_BOUNDS): ErrorLike => {
  const bounded: ErrorLike = {};
  for (const [key, value] of Object.entries(error)) {
    if (DROPPED.has(key)) continue;
    if (key === 'message') bounded.message = typeof value === 'string' ? truncate(value, bounds.maxMessage) : value;
    else if (key === 'details') bounded.details = boundedCopy(value, bounds);
    else bounded[key] = boundedCopy(value, bounds);
  }
  return bounded;
};
