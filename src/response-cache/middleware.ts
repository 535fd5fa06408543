import type { Core } from '@strapi/strapi';

import { responseCacheOf } from '.';
import { matchesIfNoneMatch } from '../lib/http-cache';
import { isResponseCacheSkipped } from './opt-out';
import { cacheKeyOf, headersToReplay, tagsOf } from './tags';

/**
 * Serves public content-API reads from the response cache (config/cache.ts) and fills it.
 *
 * Placed after CORS and before helmet, the query parser, body parser, session and router
 * (config/middlewares.ts), so a hit costs a lookup and a write of stored bytes. Only anonymous
 * GET/HEAD requests under the configured paths are cached: a request with an Authorization header
 * (API token, user; the only way to see drafts), or with a header that changes the response's
 * format, always runs uncached. A miss is stored only when it is a 200 JSON body from a
 * content-API route whose route config does not opt out (`global::no-response-cache`), and only
 * if no write invalidated anything while it was computed.
 *
 * Every request, writes included, waits here for the invalidations its writes started.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const cache = responseCacheOf(strapi);
  if (!cache) return async (_ctx: any, next: () => Promise<void>) => next();

  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const paths = cache.config.paths.map((path) => `${prefix}${path}`);
  const cacheable = (ctx: any) =>
    (ctx.method === 'GET' || ctx.method === 'HEAD') &&
    !ctx.get('authorization') &&
    // Headers that change Strapi's response format (the v4 shape, source maps) are not in the key.
    !ctx.get('strapi-response-format') &&
    !ctx.get('strapi-encode-source-maps') &&
    paths.some((path) => ctx.path === path || ctx.path.startsWith(`${path}/`));

  return async (ctx: any, next: () => Promise<void>) => {
    if (!cacheable(ctx)) {
      await next();
      await cache.settle(ctx);
      return;
    }

    const key = cacheKeyOf(ctx.method, ctx.url);
    const hit = await cache.lookup(key);
    if (hit) {
      ctx.set(hit.headers);
      ctx.set('X-Cache', 'HIT');
      if (hit.headers.etag && matchesIfNoneMatch(ctx.get('if-none-match'), hit.headers.etag)) {
        ctx.status = 304;
        return;
      }
      ctx.status = hit.status;
      ctx.body = hit.body;
      return;
    }

    const epoch = await cache.epoch();
    const before = { ...ctx.response.headers };
    await next();
    await cache.settle(ctx);
    ctx.set('X-Cache', 'MISS');

    const route = ctx.state?.route;
    if (
      epoch === null ||
      ctx.status !== 200 ||
      route?.info?.type !== 'content-api' ||
      isResponseCacheSkipped(ctx) ||
      typeof ctx.body !== 'string' ||
      ctx.response.get('set-cookie')
    ) {
      return;
    }
    // A route with no path parameter (`/articles`, not `/articles/:id`) answers a list.
    const isList = typeof route.path !== 'string' || !route.path.includes(':');
    const headers = headersToReplay(before, ctx.response.headers);
    await cache.save(key, { status: 200, headers, body: Buffer.from(ctx.body) }, tagsOf(ctx.body, isList), epoch);
  };
};
