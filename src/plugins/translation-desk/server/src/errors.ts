import { errors } from './host-utils';
import type { Problem } from './validation';

/** A 400 in the project's shape: `error.details.errors[]`, each with the path of a bad field. */
export const validationError = (problems: Problem[]) =>
  new errors.ValidationError(problems.map((problem) => problem.message).join('; '), {
    errors: problems.map((problem) => ({ path: problem.path, message: problem.message, name: 'ValidationError' })),
  });

export const notFound = (message: string) => new errors.NotFoundError(message);

/** A 403 with its message (Strapi's route wrapper turns any other ForbiddenError into a bare "Forbidden"). */
export const forbidden = (message: string) => new errors.PolicyError(message);
