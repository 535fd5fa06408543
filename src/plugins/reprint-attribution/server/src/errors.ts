import { errors } from './host-utils';

/** A problem: the field's path (`[]` for the request as a whole) and a message; anything else it
 * carries (value, code, ruleSet, locale, documentId) goes to the client as is. */
export interface PathProblem {
  path: string[];
  message: string;
  value?: unknown;
}

/**
 * The plugin's one way to refuse: a 400 ValidationError listing every problem with its path, in
 * the shape of Strapi's own validator (`error.details.errors[]`), with `extra` details beside the
 * list. The message is the problem's own when there is one.
 */
export const validationError = <T extends PathProblem>(problems: T[], summary?: string, extra: Record<string, unknown> = {}) =>
  new errors.ValidationError(summary ?? (problems.length === 1 ? problems[0].message : problems.map((problem) => problem.message).join('; ')), {
    errors: problems.map((problem) => ({ ...problem, name: 'ValidationError' })),
    ...extra,
  });

/** One problem at one field. */
export const fieldError = (path: string[], message: string, value?: unknown) => validationError([{ path, message, ...(value === undefined ? {} : { value }) }]);
