import type { Core } from '@strapi/strapi';
import { fieldError, validationError } from '../lib/validation-error';
import { describeInputExcess, findInputExcess, findNulCharacter, findQueryStringExcess, urlHasNul, type InputExcess, type InputLimits } from '../lib/input-limits';
import { REST_MAX_LIMIT, restQueryProblems } from '../lib/query-rules';

export interface InputLimitsConfig {
  body: InputLimits;
  query: { maxDepth: number; maxParameters: number };
}

const refuse = (excess: InputExcess, where: 'body' | 'query'): never => {
  throw fieldError(excess.path, describeInputExcess(excess, where));
};

/**
 * strapi::body's options for urlencoded forms: qs refuses (instead of silently flattening)
 * keys nested past the depth and forms past the parameter count, and the refusal is the same
 * 400 as for JSON bodies (config/middlewares.ts).
 */
export const bodyParserOptions = (limits: InputLimits) => ({
  queryString: { depth: limits.maxDepth - 1, strictDepth: true, parameterLimit: limits.maxKeys, arrayLimit: 100, throwOnLimitExceeded: true },
  onError: (error: Error & { status?: number }) => {
    if (error instanceof RangeError) {
      refuse({ kind: /depth/i.test(error.message) ? 'depth' : 'keys', path: [], limit: /depth/i.test(error.message) ? limits.maxDepth : limits.maxKeys }, 'body');
    }
    throw error;
  },
});

/**
 * Refuses, before any route handler, a query string or parsed body past the limits (see
 * lib/input-limits): a 400 ValidationError naming the limit and where it was passed. Runs right
 * after strapi::body; the GraphQL endpoint parses its own body and is bounded by its own limits.
 *
 * Under the REST prefix (`/api`) it also refuses what no content-API route serves
 * (lib/query-rules `restQueryProblems`): out-of-range pagination (a page holds 1 to
 * `api.rest.maxLimit` items), a locale given twice or `locale=*`, and single-valued parameters
 * (`fallback`, `from`, `section`…) given twice. Here, before routing, so that a route that reads
 * the locale before it validates the query (a fallback read) is covered too; the query guard
 * applies the same rules to GraphQL.
 */
export default (config: InputLimitsConfig, { strapi }: { strapi: Core.Strapi }) => {
  const prefix = `${strapi.config.get('api.rest.prefix', '/api')}/`;
  const maxLimit = Number(strapi.config.get('api.rest.maxLimit')) || REST_MAX_LIMIT;
  return async (ctx: any, next: () => Promise<void>) => {
    const queryExcess = findQueryStringExcess(ctx.querystring, config.query);
    if (queryExcess) refuse(queryExcess, 'query');
    const bodyExcess = findInputExcess(ctx.request.body, config.body);
    if (bodyExcess) refuse(bodyExcess, 'body');
    // No field can hold a NUL character (PostgreSQL text refuses it).
    if (urlHasNul(ctx.url)) {
      throw fieldError([], 'The address contains a NUL character (%00), which no field can hold');
    }
    const nul = findNulCharacter(ctx.request.body);
    if (nul) {
      throw fieldError(nul, `${nul.join('.') || 'The request body'} contains a NUL character (\u0000), which no field can hold`);
    }
    if (ctx.path.startsWith(prefix) && ctx.querystring) {
      const problems = restQueryProblems(ctx.query ?? {}, { maxLimit });
      if (problems.length > 0) throw validationError(problems);
    }
    await next();
  };
};
