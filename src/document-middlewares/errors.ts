import { errors } from '@strapi/utils';

import type { FieldProblem } from '../lib/field-rules';

/** One 400 listing every problem with its path, in the shape Strapi's own validator uses. */
export const validationError = (problems: FieldProblem[]) => {
  const message =
    problems.length === 1 ? problems[0].message : `${problems.length} errors occurred: ${problems.map((p) => p.message).join('; ')}`;
  return new errors.ValidationError(message, {
    errors: problems.map(({ path, message: text, value }) => ({ path, message: text, name: 'ValidationError', value })),
  });
};
