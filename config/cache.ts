/**
 * The response cache for public content-API reads (docs/api.md, "Caching"). In this process's
 * memory by default; in Redis when REDIS_URL is set, so that several instances share it.
 */
export default ({ env }) => ({
  enabled: env.bool('RESPONSE_CACHE_ENABLED', true),
  redisUrl: env('REDIS_URL', ''),
  ttl: env.int('RESPONSE_CACHE_TTL', 3600),
  maxMemoryMb: env.int('RESPONSE_CACHE_MAX_MB', 64),
  prefix: env('RESPONSE_CACHE_PREFIX', 'newsroom:response-cache:'),
  // Content-API paths (after the /api prefix) whose public GET responses are cached. `/site` (the
  // labels) is emptied by a write to a locale like everything else, and by any document write
  // (it is stored as a list).
  paths: ['/articles', '/sources', '/institutions', '/reprint-attribution', '/site'],
  // Anonymous `GET /graphql` queries too (docs/api.md, "Caching GraphQL reads"): emptied by any
  // write, as lists are.
  graphql: env.bool('RESPONSE_CACHE_GRAPHQL', true),
  // Every instance reads the invalidations recorded in the database this often, and serves from
  // the cache only while its last read was sent less than boundMs ago (docs/operations.md).
  pollMs: env.int('RESPONSE_CACHE_POLL_MS', 500),
  boundMs: env.int('RESPONSE_CACHE_BOUND_MS', 2000),
});
