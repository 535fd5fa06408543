/**
 * Strapi's query validator reports a bad key as `details: { key, path, param }`, its body
 * validator as `details.errors[].path`. Clients get one shape: every 4xx ValidationError lists
 * `details.errors[]` with a `path` array (the original details are kept alongside).
 */
interface ErrorBody {
  status?: number;
  name?: string;
  message?: string;
  details?: Record<string, unknown> & { errors?: unknown };
}

export const queryErrorPath = (details: { key?: unknown; path?: unknown; param?: unknown }): string[] => {
  const path: string[] = [];
  if (typeof details.param === 'string') path.push(details.param);
  if (typeof details.path === 'string' && details.path !== '') {
    for (const part of details.path.split('.')) if (path[path.length - 1] !== part) path.push(part);
  }
  if (typeof details.key === 'string' && path[path.length - 1] !== details.key) path.push(details.key);
  return path;
};

/** Where in a request body a value sits, e.g. ['source', 'connect', '0', 'documentId']. */
export const pathOfValue = (body: unknown, value: string, path: string[] = [], depth = 0): string[] | null => {
  if (body === value) return path;
  if (depth > 12 || typeof body !== 'object' || body === null) return null;
  for (const [key, inner] of Object.entries(body)) {
    const found = pathOfValue(inner, value, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
};

/**
 * Errors Strapi raises without saying where: the missing `data` wrapper, and a relation to a
 * document that does not exist (found by its id in the request body).
 */
const pathFromMessage = (message: string, body: unknown): string[] | null => {
  if (/^Missing "data" payload/.test(message)) return ['data'];
  const missing = /^Document with id "(.*?)", locale "(.*?)" not found/.exec(message);
  if (missing) {
    const data = (body as { data?: unknown } | undefined)?.data;
    const found = pathOfValue(data, missing[1]);
    if (!found) return null;
    // The relation field itself: the part before connect/set/disconnect or an index.
    const end = found.findIndex((part) => ['connect', 'set', 'disconnect'].includes(part) || /^\d+$/.test(part) || part === 'documentId' || part === 'id');
    return end > 0 ? found.slice(0, end) : found;
  }
  return null;
};

export const withFieldPaths = <T extends ErrorBody>(error: T, requestBody?: unknown): T => {
  const details = error.details;
  if (typeof error.message === 'string' && (!details || !Array.isArray(details.errors))) {
    const path = pathFromMessage(error.message, requestBody);
    if (path) {
      const message = path[0] === 'data' && path.length === 1
        ? 'Send the fields inside "data", e.g. { "data": { "title": "…" } }'
        : `${path.join('.')}: ${error.message.replace(/^Document with id "(.*?)", locale "(.*?)" not found/, 'no document $1 in $2 to link to')}`;
      return { ...error, message, details: { ...(details ?? {}), errors: [{ path, message, name: error.name ?? 'ValidationError' }] } };
    }
  }
  if (!details || Array.isArray(details.errors)) return error;
  if (typeof details.key !== 'string' && typeof details.param !== 'string') return error;
  const path = queryErrorPath(details as never);
  return {
    ...error,
    details: {
      ...details,
      errors: [{ path, message: `${path.join('.')} is not accepted here: ${error.message}`, name: error.name ?? 'ValidationError' }],
    },
  };
};
