import type { Core } from '@strapi/strapi';

import { cacheControl, etagOf, matchesIfNoneMatch } from '../lib/http-cache';

/**
 * Conditional GETs for the content API: every 200 JSON read gets an ETag and a Cache-Control
 * header; a request whose If-None-Match matches gets a 304 without the body. Configured in
 * config/middlewares.ts (maxAge, staleWhileRevalidate; CONTENT_CACHE_MAX_AGE in .env).
 */
export default (config: { maxAge?: number; staleWhileRevalidate?: number; prefix?: string }, { strapi }: { strapi: Core.Strapi }) => {
  const policy = { maxAge: config.maxAge ?? 0, staleWhileRevalidate: config.staleWhileRevalidate ?? 0 };
  const prefix = config.prefix ?? strapi.config.get('api.rest.prefix', '/api');

  return async (ctx: any, next: () => Promise<void>) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200) return;
    if (!ctx.path.startsWith(`${prefix}/`) && ctx.path !== '/graphql') return;
    if (ctx.body === undefined || ctx.body === null || typeof ctx.body.pipe === 'function') return;

    const serialized = typeof ctx.body === 'string' || Buffer.isBuffer(ctx.body) ? ctx.body : JSON.stringify(ctx.body);
    const authenticated = Boolean(ctx.get('authorization'));
    const etag = etagOf(serialized);
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', cacheControl(authenticated, policy));
    ctx.vary('Authorization');
    if (matchesIfNoneMatch(ctx.get('if-none-match'), etag)) {
      ctx.status = 304;
      ctx.body = null;
      return;
    }
    if (typeof ctx.body !== 'string' && !Buffer.isBuffer(ctx.body)) {
      // Send the bytes the ETag was computed from.
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = serialized;
    }
  };
};
