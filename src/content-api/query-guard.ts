import type { Core } from '@strapi/strapi';

import { findInputProblems, findQueryProblems, type ModelLookup } from '../lib/query-rules';
import { validationError } from '../document-middlewares/errors';

/**
 * Runs the allow-listed query contract (src/lib/query-rules.ts) in front of Strapi's own
 * content-API validation, so every content-API controller (REST and GraphQL, any content type)
 * refuses a malformed query or write body with a 400 and its paths instead of letting the query
 * engine fail with a 500.
 */
export const registerQueryGuard = (strapi: Core.Strapi) => {
  type Validator = (value: any, schema: any, options?: any) => Promise<void>;
  const validate = strapi.contentAPI.validate as { query: Validator; input: Validator };
  const { query: validateQuery, input: validateInput } = validate;
  const getModel: ModelLookup = (uid) => strapi.getModel(uid as never) as never;

  validate.query = async (query, schema, options) => {
    const problems = findQueryProblems(query ?? {}, schema?.uid, getModel);
    if (problems.length > 0) throw validationError(problems);
    return validateQuery(query, schema, options);
  };

  validate.input = async (data, schema, options) => {
    const problems = findInputProblems(data, schema?.uid, getModel);
    if (problems.length > 0) throw validationError(problems);
    return validateInput(data, schema, options);
  };
};
