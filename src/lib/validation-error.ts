import { errors } from '@strapi/utils';

export interface PathProblem {
  /** the field's path in the request (`[]` for the request as a whole) */
  path: Array<string | number>;
  message: string;
  value?: unknown;
}

/**
 * The app's one way to refuse input: a 400 ValidationError listing every problem with its path,
 * in the shape Strapi's own validator uses (`error.details.errors[]`: path, message, name,
 * value). The message is the problem's own when there is one, else all of them. The
 * reprint-attribution plugin has the same helper of its own (it installs without this app).
 */
export const validationError = (problems: PathProblem[], summary?: string) => {
  const message = summary ?? (problems.length === 1 ? problems[0].message : `${problems.length} errors occurred: ${problems.map((p) => p.message).join('; ')}`);
  return new errors.ValidationError(message, {
    errors: problems.map(({ path, message: text, value }) => ({ path, message: text, name: 'ValidationError', ...(value === undefined ? {} : { value }) })),
  });
};

/** One problem at one path. */
export const fieldError = (path: Array<string | number>, message: string, value?: unknown) => validationError([{ path, message, value }]);
