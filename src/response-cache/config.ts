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
  if (problems.length > 0) throw new Error(`config/cache.ts: ${problems.join('; ')}`);
  return config as ResponseCacheConfig;
};
