import type { Core } from '@strapi/strapi';

import { findQueryProblems, type ModelLookup } from '../lib/query-rules';
import { validationError } from '../document-middlewares/errors';

/**
 * Runs the query shape rules in front of Strapi's own content-API query validation, so every
 * content-API controller (REST and GraphQL, any content type) refuses a malformed query with a
 * 400 and its path instead of letting the query engine fail with a 500.
 */
export const registerQueryGuard = (strapi: Core.Strapi) => {
  const validate = strapi.contentAPI.validate as { query: (query: any, schema: any, options?: any) => Promise<void> };
  const validateQuery = validate.query;
  const getModel: ModelLookup = (uid) => strapi.getModel(uid as never) as never;

  validate.query = async (query, schema, options) => {
    const problems = findQueryProblems(query ?? {}, schema?.uid, getModel);
    if (problems.length > 0) throw validationError(problems);
    return validateQuery(query, schema, options);
  };
};
