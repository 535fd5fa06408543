/**
 * Which GraphQL requests the response cache may answer and store (docs/api.md, "Caching GraphQL
 * reads"): anonymous `GET /graphql` queries, the query (or its persisted hash) and variables in
 * the URL. Pure functions, no Strapi.
 */

// Apollo Server 4's CSRF prevention (csrfPrevention, on by default): a GET (or any request)
// whose Content-Type is absent or one of these, and that has none of the headers below, is
// refused with a 400 before the operation runs (@apollo/server preventCsrf).
const NON_PREFLIGHTED_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'];
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Whether Apollo's CSRF prevention certainly lets the request through. The cache answers only
 * such requests, so a hit is never given to a request Apollo would have refused. Where Apollo's
 * own parsing might decide otherwise (a Content-Type this does not read as a plain media type),
 * the answer is false: the request goes on to Apollo, which answers it uncached.
 */
export const passesApolloCsrfPrevention = (header: (name: string) => string | undefined): boolean => {
  if (PREFLIGHT_HEADERS.some((name) => (header(name) ?? '').length > 0)) return true;
  const contentType = header('content-type');
  if (contentType === undefined || contentType === '') return false;
  const essence = contentType.split(';')[0].trim().toLowerCase();
  return MEDIA_TYPE.test(essence) && !NON_PREFLIGHTED_CONTENT_TYPES.includes(essence);
};

/**
 * Whether a GraphQL answer may be stored: a JSON object with `data` and no `errors`. A partial
 * answer (a field refused, a persisted query not known yet) is not kept; the next request asks
 * Apollo again.
 */
export const isStorableGraphqlResult = (text: string): boolean => {
  try {
    const result = JSON.parse(text);
    return typeof result === 'object' && result !== null && !Array.isArray(result) && 'data' in result && result.data !== null && !('errors' in result);
  } catch {
    return false;
  }
};

/**
 * The cache key of a GraphQL GET: the URL as sent, and the Accept header, from which Apollo
 * chooses the response's media type (application/json or application/graphql-response+json).
 */
export const graphqlCacheKey = (url: string, accept: string | undefined): string => `GET ${url}\naccept:${accept ?? ''}`;
