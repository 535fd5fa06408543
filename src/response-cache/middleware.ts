import type { Core } from '@strapi/strapi';

import { responseCacheOf } from '.';
import { compressionSettings, etagForCoding, isCompressible, matchesIfNoneMatch, requestedCoding, type Representation } from '../lib/http-cache';
import { compressAll } from './compression';
import { graphqlCacheKey, isStorableGraphqlResult, passesApolloCsrfPrevention } from './graphql';
import { isResponseCacheSkipped } from './opt-out';
import { isRenderRequest, type ReadModelAnswer } from '../read-model/render-flag';
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
 * An entry holds the body uncompressed and, above the compression threshold, compressed once in
 * every coding koa-compress offers (br, gzip). A hit is sent in the coding the client accepts,
 * with that coding's ETag (lib/http-cache etagForCoding), and koa-compress leaves it alone.
 *
 * Every request, writes included, waits here for the invalidations its writes started.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const cache = responseCacheOf(strapi);
  if (!cache) return async (_ctx: any, next: () => Promise<void>) => next();

  const compression = compressionSettings(strapi.config.get('middlewares'));
  const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
  const paths = cache.config.paths.map((path) => `${prefix}${path}`);
  const graphqlEndpoint = cache.config.graphql ? (strapi.plugin('graphql')?.config('endpoint') as string | undefined) : undefined;
  const anonymous = (ctx: any) =>
    !isRenderRequest(ctx) &&
    !ctx.get('authorization') &&
    // Headers that change Strapi's response format (the v4 shape, source maps) are not in the key.
    !ctx.get('strapi-response-format') &&
    !ctx.get('strapi-encode-source-maps');
  // An anonymous GraphQL query sent by GET (docs/api.md, "Caching GraphQL reads"), which Apollo's
  // CSRF prevention lets through (./graphql): a hit answers nothing Apollo would have refused.
  const isGraphqlQuery = (ctx: any) =>
    graphqlEndpoint !== undefined &&
    ctx.method === 'GET' &&
    ctx.path === graphqlEndpoint &&
    ctx.querystring !== '' &&
    passesApolloCsrfPrevention((name) => ctx.get(name) || undefined);
  const cacheable = (ctx: any) =>
    anonymous(ctx) &&
    (isGraphqlQuery(ctx) ||
      ((ctx.method === 'GET' || ctx.method === 'HEAD') && paths.some((path) => ctx.path === path || ctx.path.startsWith(`${path}/`))));

  const compressed = async (body: Buffer, type: string | undefined) => {
    if (!isCompressible(compression, type, body.length)) return undefined;
    try {
      return await compressAll(body, compression);
    } catch (error) {
      strapi.log.warn(`response cache: compression failed, stored uncompressed: ${(error as Error)?.message}`);
      return undefined;
    }
  };

  return async (ctx: any, next: () => Promise<void>) => {
    if (!cacheable(ctx)) {
      await next();
      await cache.settle(ctx);
      return;
    }

    const graphql = ctx.path === graphqlEndpoint;
    const key = graphql ? graphqlCacheKey(ctx.url, ctx.get('accept') || undefined) : cacheKeyOf(ctx.method, ctx.url);
    // An entry holds compressed copies exactly when its body was worth compressing (at least the
    // threshold), so the coding sent is the one the http-cache middleware would choose.
    const hit = await cache.lookup(key, requestedCoding({ method: ctx.method, acceptEncoding: ctx.get('accept-encoding') || undefined }, compression));
    if (hit) {
      const { coding } = hit;
      ctx.set(hit.headers);
      if (compression) ctx.vary('Accept-Encoding');
      ctx.set('X-Cache', 'HIT');
      // The bytes leave as stored: koa-compress must neither compress them again nor compress an
      // identity answer that carries the identity ETag.
      ctx.compress = false;
      const etag = hit.headers.etag && etagForCoding(hit.headers.etag, coding);
      if (etag) ctx.set('ETag', etag);
      if (etag && matchesIfNoneMatch(ctx.get('if-none-match'), etag)) {
        ctx.status = 304;
        return;
      }
      ctx.status = hit.status;
      if (coding !== 'identity') ctx.set('Content-Encoding', coding);
      ctx.body = hit.body;
      return;
    }

    const epoch = await cache.epoch();
    const before = { ...ctx.response.headers };
    await next();
    await cache.settle(ctx);
    ctx.set('X-Cache', 'MISS');

    const route = ctx.state?.route;
    // An answer of the read model (src/read-model) comes from before the router: no route.
    const readModel: ReadModelAnswer | undefined = ctx.state?.readModelAnswer;
    if (
      epoch === null ||
      ctx.status !== 200 ||
      (route?.info?.type !== 'content-api' && !readModel) ||
      isResponseCacheSkipped(ctx) ||
      // A string, or the bytes the http-cache middleware encoded it to (and hashed).
      !(typeof ctx.body === 'string' || (Buffer.isBuffer(ctx.body) && ctx.state.representation)) ||
      ctx.response.get('set-cookie') ||
      ctx.response.get('content-encoding')
    ) {
      return;
    }
    // A GraphQL answer with errors (a refused field, a persisted query this instance does not
    // know yet) is not kept.
    if (graphql && !isStorableGraphqlResult(typeof ctx.body === 'string' ? ctx.body : (ctx.state.representation?.text ?? ctx.body.toString('utf8')))) return;
    // A route with no path parameter (`/articles`, not `/articles/:id`) answers a list; so does
    // every GraphQL query (any write can change what it shows).
    const isList = graphql || (readModel ? readModel.list : typeof route.path !== 'string' || !route.path.includes(':'));
    const headers = headersToReplay(before, ctx.response.headers);
    const representation: Representation | undefined = ctx.state.representation;
    // Stored with the identity ETag, from which each coding's is derived when served.
    if (representation) headers.etag = representation.etag;
    // Stored as the very bytes that were hashed, not encoded again; the document ids are read from
    // the text they were encoded from.
    const body: Buffer = Buffer.isBuffer(ctx.body) ? ctx.body : Buffer.from(ctx.body);
    const text: string = typeof ctx.body === 'string' ? ctx.body : (representation?.text ?? body.toString('latin1'));
    const encoded = await compressed(body, headers['content-type']);
    await cache.save(key, { status: 200, headers, body, ...(encoded ? { encoded } : {}) }, tagsOf(text, isList), epoch);

    // Sends the bytes just compressed (stored or not), in the coding the ETag names, rather than
    // have koa-compress compress the body once more.
    const coding = representation?.coding ?? 'identity';
    if (coding !== 'identity' && encoded?.[coding]) {
      ctx.compress = false;
      ctx.set('Content-Encoding', coding);
      ctx.body = encoded[coding];
    }
  };
};
