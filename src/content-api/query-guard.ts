import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { publishedOnlyQuery } from '../lib/published-filters';
import { findInputProblems, findQueryProblems, type ModelLookup } from '../lib/query-rules';
import { validationError } from '../lib/validation-error';

/** Only API tokens the admins issued read drafts (previews, static builds). */
const isApiToken = (options: any) => options?.auth?.strategy?.name === 'content-api-token';

/** Query parameters that say something about drafts: for API tokens only. */
const DRAFT_PARAMETERS = ['publicationFilter', 'hasPublishedVersion'];

/**
 * Runs the allow-listed query contract (src/lib/query-rules.ts) in front of Strapi's own
 * content-API validation, so every content-API controller (REST and GraphQL, any content type,
 * GraphQL sub-fields included) refuses a malformed query or write body with a 400 and its paths
 * instead of letting the query engine fail with a 500; refuses draft parameters to anyone but an
 * API token before anything is looked up; and makes every filter of a published read (populate's
 * and GraphQL sub-fields' included) see published rows only through relations.
 */
export const registerQueryGuard = (strapi: Core.Strapi) => {
  type Validator = (value: any, schema: any, options?: any) => Promise<void>;
  type Sanitizer = (value: any, schema: any, options?: any) => Promise<any>;
  const validate = strapi.contentAPI.validate as { query: Validator; input: Validator };
  const sanitize = strapi.contentAPI.sanitize as unknown as { query: Sanitizer };
  const { query: validateQuery, input: validateInput } = validate;
  const sanitizeQuery = sanitize.query;
  const getModel: ModelLookup = (uid) => strapi.getModel(uid as never) as never;

  validate.query = async (query, schema, options) => {
    const q = query ?? {};
    if (!isApiToken(options)) {
      if (q.status === 'draft') {
        // A PolicyError is the one 403 whose message Strapi's authorize step lets through.
        throw new errors.PolicyError('Drafts are only readable with an API token; omit status or use status=published', {
          errors: [{ path: ['status'], message: 'status=draft needs an API token', name: 'PolicyError' }],
        });
      }
      const asked = DRAFT_PARAMETERS.filter((key) => q[key] !== undefined);
      if (asked.length > 0) {
        throw new errors.PolicyError(`${asked.join(' and ')} ${asked.length > 1 ? 'are' : 'is'} only for API tokens`, {
          errors: asked.map((key) => ({ path: [key], message: `${key} needs an API token`, name: 'PolicyError' })),
        });
      }
    }
    const problems = findQueryProblems(q, schema?.uid, getModel);
    if (problems.length > 0) throw validationError(problems);
    return validateQuery(query, schema, options);
  };

  sanitize.query = async (query, schema, options) => {
    const sanitized = await sanitizeQuery(query, schema, options);
    // A token's draft read sees drafts; everything else (GraphQL sub-fields inherit no status) is
    // a published read.
    if (isApiToken(options) && query?.status === 'draft') return sanitized;
    return schema?.uid ? publishedOnlyQuery(sanitized, schema.uid, getModel) : sanitized;
  };

  validate.input = async (data, schema, options) => {
    const problems = findInputProblems(data, schema?.uid, getModel);
    if (problems.length > 0) throw validationError(problems);
    return validateInput(data, schema, options);
  };
};
