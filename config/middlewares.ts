import { BODY_LIMIT_DEFAULTS, QUERY_LIMIT_DEFAULTS, readLimit } from '../src/lib/input-limits';
import { graphqlLimits } from '../src/lib/graphql-limits';
import { bodyParserOptions } from '../src/middlewares/input-limits';

export default ({ env }) => {
  // docs/security.md, "Cost and size limits"
  const body = {
    maxDepth: readLimit(process.env, 'BODY_MAX_DEPTH', BODY_LIMIT_DEFAULTS.maxDepth),
    maxKeys: readLimit(process.env, 'BODY_MAX_KEYS', BODY_LIMIT_DEFAULTS.maxKeys),
  };
  const query = {
    maxDepth: readLimit(process.env, 'QUERY_MAX_DEPTH', QUERY_LIMIT_DEFAULTS.maxDepth),
    maxParameters: readLimit(process.env, 'QUERY_MAX_PARAMETERS', QUERY_LIMIT_DEFAULTS.maxParameters),
  };
  return [
    'strapi::logger',
    'global::error-paths',
    'strapi::errors',
    // CORS depends on each request's Origin, so it runs before the response cache...
    'strapi::cors',
    // ...which answers public content-API reads it holds (config/cache.ts) without running anything
    // below. The headers the middlewares below set (security, powered-by, ETag, Cache-Control) are
    // stored with each response and sent again with it.
    'global::response-cache',
    'strapi::security',
    'strapi::poweredBy',
    {
      name: 'strapi::query',
      config: { depth: query.maxDepth, parameterLimit: query.maxParameters, arrayLimit: QUERY_LIMIT_DEFAULTS.maxArrayItems },
    },
    { name: 'strapi::body', config: bodyParserOptions(body) },
    // Nothing below (no route handler) sees a query string or body past the limits.
    { name: 'global::input-limits', config: { body, query } },
    // GraphQL documents Apollo would answer with a 500 (fragment cycles) or an internal error.
    { name: 'global::graphql-document', config: { endpoint: '/graphql', maxTokens: graphqlLimits(process.env).maxTokens } },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
    {
      name: 'global::http-cache',
      config: {
        maxAge: env.int('CONTENT_CACHE_MAX_AGE', 0),
        staleWhileRevalidate: env.int('CONTENT_CACHE_STALE_WHILE_REVALIDATE', 0),
      },
    },
    // Adds `attribution` to article responses (docs/reprint-attribution.md): inside the response
    // cache and the ETag, so both cover it.
    ...(env.bool('REPRINT_ATTRIBUTION_ENABLED', true) ? ['plugin::reprint-attribution.attribution'] : []),
  ];
};
