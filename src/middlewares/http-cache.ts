import type { Core } from '@strapi/strapi';

import { cacheControl, codingFor, compressionSettings, etagForCoding, etagOf, matchesIfNoneMatch, type Representation } from '../lib/http-cache';

/**
 * Conditional GETs for the content API: every 200 JSON read gets an ETag and a Cache-Control
 * header; a request whose If-None-Match matches gets a 304 without the body. Configured in
 * config/middlewares.ts (maxAge, staleWhileRevalidate; CONTENT_CACHE_MAX_AGE in .env).
 *
 * The ETag names the coding the response is sent in (lib/http-cache etagForCoding), decided here
 * with the settings of `strapi::compression`, which then compresses (or not) accordingly.
 */
export default (config: { maxAge?: number; staleWhileRevalidate?: number; prefix?: string }, { strapi }: { strapi: Core.Strapi }) => {
  const policy = { maxAge: config.maxAge ?? 0, staleWhileRevalidate: config.staleWhileRevalidate ?? 0 };
  const prefix = config.prefix ?? strapi.config.get('api.rest.prefix', '/api');
  const compression = compressionSettings(strapi.config.get('middlewares'));

  return async (ctx: any, next: () => Promise<void>) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200) return;
    if (!ctx.path.startsWith(`${prefix}/`) && ctx.path !== '/graphql') return;
    if (ctx.body === undefined || ctx.body === null || typeof ctx.body.pipe === 'function') return;

    let text: string | undefined;
    if (typeof ctx.body === 'string') text = ctx.body;
    else if (!Buffer.isBuffer(ctx.body)) {
      ctx.type = 'application/json; charset=utf-8';
      text = JSON.stringify(ctx.body);
    }
    // The body is serialised and encoded once, here: the ETag is the hash of these bytes, and they
    // are what is measured, stored by the response cache, compressed and sent (a string body
    // would be encoded again by each of them; koa takes a Buffer's length as it is).
    const body: Buffer = text === undefined ? ctx.body : Buffer.from(text);
    ctx.body = body;
    const coding = codingFor(
      { method: ctx.method, acceptEncoding: ctx.get('accept-encoding') || undefined },
      { type: ctx.response.type, length: body.length },
      compression
    );
    const representation: Representation = { etag: etagOf(body), coding, ...(text === undefined ? {} : { text }) };
    ctx.state.representation = representation;
    const etag = etagForCoding(representation.etag, coding);
    const authenticated = Boolean(ctx.get('authorization'));
    ctx.set('ETag', etag);
    ctx.set('Cache-Control', cacheControl(authenticated, policy));
    ctx.vary('Authorization');
    // A GraphQL answer's media type follows Accept (application/json or
    // application/graphql-response+json): a shared cache must keep the two apart.
    if (ctx.path === '/graphql') ctx.vary('Accept');
    if (compression) ctx.vary('Accept-Encoding');

    // koa-compress (outside this middleware) compresses after this returns, deciding by itself
    // unless told: `ctx.compress` says whether, and the coding it negotiates from Accept-Encoding
    // with its own parser (which, for one, ignores a q with two decimals). Narrowed to the coding
    // chosen here, the header leaves it one choice: the one the ETag names. Only the middlewares
    // outside this one see the change, after they have read the header (the response cache) or
    // where they never read it.
    ctx.compress = coding !== 'identity';
    if (coding !== 'identity') ctx.request.headers['accept-encoding'] = coding;

    if (matchesIfNoneMatch(ctx.get('if-none-match'), etag)) {
      ctx.status = 304;
      ctx.body = null;
    }
  };
};
