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

export const withFieldPaths = <T extends ErrorBody>(error: T): T => {
  const details = error.details;
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
