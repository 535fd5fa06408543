import crypto from 'node:crypto';
import zlib from 'node:zlib';

// One-shot hashing (Node 20.12+) skips the Hash object; the same digest as createHash.
const sha1 = (bytes: string | Buffer): string =>
  typeof crypto.hash === 'function' ? crypto.hash('sha1', bytes, 'base64url') : crypto.createHash('sha1').update(bytes).digest('base64url');

/**
 * A weak validator of a response body: same bytes, same ETag. Hash the bytes that are sent (a
 * Buffer): hashing a string encodes it to UTF-8 first, once more than sending it does.
 */
export const etagOf = (body: string | Buffer): string => `W/"${sha1(body)}"`;

/** If-None-Match holds one ETag, a list, or `*`. */
export const matchesIfNoneMatch = (header: string | undefined, etag: string): boolean => {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => bare(candidate) === bare(etag));
};

export interface CachePolicy {
  /** seconds a shared cache (CDN) or a browser may reuse a public response */
  maxAge: number;
  /** seconds a stale response may be served while it is revalidated */
  staleWhileRevalidate: number;
}

/**
 * Cache-Control for a content-API read: public content may be cached by anyone for `maxAge`;
 * a response to an authenticated request (API token, user) is private and never stored by shared caches.
 */
export const cacheControl = (authenticated: boolean, policy: CachePolicy): string =>
  authenticated
    ? 'private, no-cache'
    : policy.maxAge > 0
      ? `public, max-age=${policy.maxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`
      : 'public, no-cache';

/** The content codings responses are compressed with (docs/api.md, "Compression"). */
export type Compressed = 'br' | 'gzip';
export type ContentCoding = Compressed | 'identity';

/** `strapi::compression` (koa-compress) as configured in config/middlewares.ts. */
export interface CompressionSettings {
  /** bodies smaller than this (bytes) are sent uncompressed */
  threshold: number;
  /** the codings offered, the server's preferred one first */
  codings: Compressed[];
  /** zlib options per coding, as koa-compress applies them */
  options: Record<Compressed, zlib.ZlibOptions | zlib.BrotliOptions>;
}

// koa-compress 5's defaults (lib/index.js, lib/encodings.js), for keys the configuration leaves out.
const KOA_COMPRESS_THRESHOLD = 1024;
const KOA_COMPRESS_OPTIONS: Record<Compressed, zlib.ZlibOptions | zlib.BrotliOptions> = {
  br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  gzip: {},
};

/**
 * The compression settings of the `strapi::compression` entry of the middleware list, or null
 * when there is none. The ETags and the response cache read them from there, so that they name
 * and store exactly what koa-compress would send.
 */
export const compressionSettings = (middlewares: unknown): CompressionSettings | null => {
  if (!Array.isArray(middlewares)) return null;
  const entry = middlewares.find((item) => item === 'strapi::compression' || (item as { name?: unknown })?.name === 'strapi::compression');
  if (entry === undefined) return null;
  const config = (typeof entry === 'string' ? {} : (entry.config ?? {})) as Record<string, any>;
  const threshold = config.threshold ?? KOA_COMPRESS_THRESHOLD;
  // koa-compress also takes '1kb'; a number keeps one reading of it here and there.
  if (!Number.isInteger(threshold) || threshold < 0) throw new Error('config/middlewares.ts: strapi::compression threshold must be a whole number of bytes');
  const codings = (['br', 'gzip'] as const).filter((coding) => config[coding] !== false && config[coding] !== null);
  // Shallow, as koa-compress merges them: a configured `params` replaces the default one.
  const options = {
    br: { ...KOA_COMPRESS_OPTIONS.br, ...(config.br || {}) },
    gzip: { ...KOA_COMPRESS_OPTIONS.gzip, ...(config.gzip || {}) },
  };
  return { threshold, codings, options };
};

// RFC 9110 §12.4.2: 0 to 1 with at most three decimals.
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The coding to send for an Accept-Encoding header (RFC 9110 §12.5.3), among `offered` (the
 * server's preference first). The highest q wins; on equal q the server's order decides and a
 * compression beats identity; q=0 refuses a coding; `*` rates every coding the header does not
 * name. No header, an empty one, or none of `offered` acceptable: identity — also when the client
 * refused identity, which the RFC allows instead of a 406 (the JSON is then at least readable).
 */
export const negotiateCoding = (header: string | undefined, offered: readonly Compressed[]): ContentCoding => {
  if (!header?.trim()) return 'identity';
  const weights = new Map<string, number>();
  for (const directive of header.split(',')) {
    const [name, ...params] = directive.split(';').map((part) => part.trim());
    if (!name) continue;
    let q = 1;
    let valid = true;
    for (const param of params) {
      const [key, value = ''] = param.split('=').map((part) => part.trim());
      if (key.toLowerCase() !== 'q') continue;
      if (QVALUE.test(value)) q = Number(value);
      else valid = false;
    }
    // A directive we cannot read is left out rather than guessed.
    if (!valid) continue;
    const coding = name.toLowerCase();
    // RFC 9110 §8.4.1.3: x-gzip is gzip.
    weights.set(coding === 'x-gzip' ? 'gzip' : coding, q);
  }
  const star = weights.get('*');
  let best: Compressed | undefined;
  let bestQ = 0;
  for (const coding of offered) {
    const q = weights.get(coding) ?? star ?? 0;
    if (q > bestQ) [best, bestQ] = [coding, q];
  }
  if (!best) return 'identity';
  // Identity not rated at all is the fallback, never preferred to an accepted compression.
  const identity = weights.get('identity') ?? star;
  return identity !== undefined && identity > bestQ ? 'identity' : best;
};

// What koa-compress's default filter (compressible) says yes to among what the API sends.
const COMPRESSIBLE = /^(?:application\/(?:[\w.-]+\+)?json|text\/)/i;

/** Whether a response is compressed at all: a JSON or text body of at least the threshold. */
export const isCompressible = (settings: CompressionSettings | null, type: string | undefined, length: number): settings is CompressionSettings =>
  settings !== null && settings.codings.length > 0 && length >= settings.threshold && COMPRESSIBLE.test(type ?? '');

export interface CodingRequest {
  method: string;
  acceptEncoding: string | undefined;
}

/**
 * The coding a request gets for a body worth compressing: the negotiated one, and identity for
 * HEAD, which koa-compress never compresses (so a HEAD answer is the same whether the response
 * cache held it or not).
 */
export const requestedCoding = (request: CodingRequest, settings: CompressionSettings | null): ContentCoding =>
  request.method !== 'HEAD' && settings ? negotiateCoding(request.acceptEncoding, settings.codings) : 'identity';

/** The coding of a response: the requested one, or identity for a body not worth compressing. */
export const codingFor = (request: CodingRequest, response: { type: string | undefined; length: number }, settings: CompressionSettings | null): ContentCoding =>
  isCompressible(settings, response.type, response.length) ? requestedCoding(request, settings) : 'identity';

/**
 * The ETag of one coding of a body whose identity ETag is `etag`: W/"<hash>-br", W/"<hash>-gzip",
 * the identity one unchanged. Each coding is different bytes, so a CDN or browser holding one must
 * never be told (by a 304, or by a matching ETag) that it holds another.
 */
export const etagForCoding = (etag: string, coding: ContentCoding): string => (coding === 'identity' ? etag : etag.replace(/"$/, `-${coding}"`));

/**
 * What the http-cache middleware decided for a response (`ctx.state.representation`): the ETag
 * of the uncompressed body and the coding sent. The response cache stores the first and serves
 * the second.
 */
export interface Representation {
  etag: string;
  coding: ContentCoding;
  /** the body as the text it was before it became the bytes sent (the response cache reads document ids from it) */
  text?: string;
}
