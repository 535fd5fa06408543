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

/** Every place in a request body where a string sits, e.g. ['source', 'connect', '0', 'documentId']. */
export const pathsOfValue = (body: unknown, value: string, path: string[] = [], depth = 0, out: string[][] = []): string[][] => {
  if (body === value) out.push(path);
  else if (depth <= 12 && typeof body === 'object' && body !== null && out.length < 20) {
    for (const [key, inner] of Object.entries(body)) pathsOfValue(inner, value, [...path, key], depth + 1, out);
  }
  return out;
};

const RELATION_OPERATIONS = new Set(['connect', 'set', 'disconnect']);

/** The relation field a related id was given for: the part before connect/set, or before the id's own key and index. */
const relationField = (path: string[]) => {
  const operation = path.findIndex((part) => RELATION_OPERATIONS.has(part));
  if (operation > 0) return path.slice(0, operation);
  let end = path.length;
  if (['documentId', 'id'].includes(path[end - 1])) end -= 1;
  if (/^\d+$/.test(path[end - 1] ?? '')) end -= 1;
  return path.slice(0, end);
};

/**
 * Errors Strapi raises without saying where: the missing `data` wrapper, and a relation to a
 * document that does not exist (found by its id in the request body; where the same string sits
 * in several places, the one in a relation's shape wins).
 */
const pathFromMessage = (message: string, body: unknown): string[] | null => {
  if (/^Missing "data" payload/.test(message)) return ['data'];
  const missing = /^Document with id "(.*?)", locale "(.*?)" not found/.exec(message);
  if (missing) {
    const found = pathsOfValue((body as { data?: unknown } | undefined)?.data, missing[1]);
    const best = found.find((path) => path.some((part) => RELATION_OPERATIONS.has(part)) || path[path.length - 1] === 'documentId') ?? found[0];
    return best ? relationField(best) : null;
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
