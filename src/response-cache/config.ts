/** config/cache.ts, checked at start-up (registerResponseCache): a wrong value stops it with a message. */
export interface ResponseCacheConfig {
  enabled: boolean;
  /** Redis when set (shared by every instance), this process's memory otherwise */
  redisUrl: string;
  /** seconds an entry lives at most; invalidation removes it earlier when it goes stale */
  ttl: number;
  /** memory store bound */
  maxMemoryMb: number;
  /** Redis key prefix */
  prefix: string;
  /** content-API paths, after the REST prefix, whose public GET responses are cached */
  paths: string[];
  /** whether anonymous `GET /graphql` queries are cached too */
  graphql: boolean;
  /** milliseconds between two reads of the invalidations recorded in the database */
  pollMs: number;
  /**
   * the bound (ms): an instance serves from the cache only while its last read of the
   * invalidations was sent less than this ago, so no response older than a write that returned
   * this long ago is served, whatever Redis does (docs/operations.md)
   */
  boundMs: number;
}

/** The configuration as given, checked: every problem in one message naming the keys. */
export const checkResponseCacheConfig = (raw: unknown): ResponseCacheConfig => {
  const config = (raw ?? {}) as Partial<Record<keyof ResponseCacheConfig, unknown>>;
  const problems: string[] = [];
  if (typeof config.enabled !== 'boolean') problems.push('enabled must be true or false (RESPONSE_CACHE_ENABLED)');
  if (typeof config.redisUrl !== 'string' || (config.redisUrl !== '' && !/^rediss?:\/\/[^\s]+$/.test(config.redisUrl))) {
    problems.push('redisUrl must be empty or a redis:// or rediss:// address (REDIS_URL)');
  }
  if (!Number.isInteger(config.ttl) || (config.ttl as number) < 1) problems.push('ttl must be a whole number of seconds, at least 1 (RESPONSE_CACHE_TTL)');
  if (!Number.isInteger(config.maxMemoryMb) || (config.maxMemoryMb as number) < 1) problems.push('maxMemoryMb must be a whole number of MB, at least 1 (RESPONSE_CACHE_MAX_MB)');
  if (typeof config.prefix !== 'string' || config.prefix === '') problems.push('prefix must be a non-empty string (RESPONSE_CACHE_PREFIX)');
  if (!Array.isArray(config.paths) || config.paths.some((path) => typeof path !== 'string' || !/^\/[\w-]+(\/[\w-]+)*$/.test(path))) {
    problems.push('paths must be a list of content-API paths such as /articles');
  }
  if (typeof config.graphql !== 'boolean') problems.push('graphql must be true or false (RESPONSE_CACHE_GRAPHQL)');
  if (!Number.isInteger(config.pollMs) || (config.pollMs as number) < 50) problems.push('pollMs must be a whole number of milliseconds, at least 50 (RESPONSE_CACHE_POLL_MS)');
  if (!Number.isInteger(config.boundMs) || (config.boundMs as number) < 2 * (config.pollMs as number)) {
    problems.push('boundMs must be a whole number of milliseconds, at least twice pollMs (RESPONSE_CACHE_BOUND_MS)');
  }
  if (problems.length > 0) throw new Error(`config/cache.ts: ${problems.join('; ')}`);
  return config as ResponseCacheConfig;
};
