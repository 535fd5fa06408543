import crypto from 'node:crypto';

/** A weak validator of a response body: same bytes, same ETag. */
export const etagOf = (body: string | Buffer): string => `W/"${crypto.createHash('sha1').update(body).digest('base64url')}"`;

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
