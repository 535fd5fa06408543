import type { EntryFreshness } from '../lib/cache-freshness';
import type { Compressed, ContentCoding } from '../lib/http-cache';

/**
 * A cached public content-API response: the bytes, the headers the inner middlewares set, and
 * the tags that say which writes make it stale.
 */
export interface CachedResponse {
  status: number;
  /** headers set by the middlewares and controller the cache short-circuits (content-type, the identity etag…) */
  headers: Record<string, string>;
  /** the bytes sent: outside the JavaScript heap, and written to the socket as they are */
  body: Buffer;
  /**
   * `body` compressed once, when stored, in each coding offered (br, gzip); absent when the body
   * is below the compression threshold. A hit is served from these, never compressed again.
   */
  encoded?: Partial<Record<Compressed, Buffer>>;
}

/**
 * A cached response as a hit sends it: the stored status and headers, the bytes in one coding;
 * from Redis, also what a reader judges it by (src/lib/cache-freshness.ts).
 */
export interface CachedReply extends EntryFreshness {
  status: number;
  headers: Record<string, string>;
  /** the coding of `body`: the one asked for when the entry holds a copy in it, identity otherwise */
  coding: ContentCoding;
  body: Buffer;
}

/**
 * Where responses live: one process's memory, or Redis shared by every instance.
 *
 * Correctness rests on two operations being atomic with respect to each other:
 * - `invalidate(tags)` deletes every entry carrying one of the tags and advances the epoch;
 * - `setIfEpoch(…, epoch)` stores only if the epoch is still the one read before the response was
 *   computed. A response computed from data older than a write can therefore never be stored
 *   after that write's invalidation.
 */
export interface ResponseStore {
  readonly kind: 'memory' | 'redis';
  /** true once the store answers (at once for memory); false if it does not within `timeoutMs` */
  ready(timeoutMs: number): Promise<boolean>;
  /** resolves when the store answers a round trip now (Redis PING; at once for memory), rejects otherwise: the readiness check */
  ping(): Promise<void>;
  /** the entry's bytes in `coding` when it holds them (only those are read), uncompressed otherwise */
  get(key: string, coding?: ContentCoding): Promise<CachedReply | undefined>;
  /** the current epoch; read it before computing a response that may be stored */
  epoch(): Promise<string>;
  /**
   * stores `entry` under `key` with its tags, unless an invalidation happened since `epoch`; true
   * when stored. `stamp` is the database horizon it was computed after (kept by Redis, whose
   * readers check it; the memory store is purged directly by every invalidation).
   */
  setIfEpoch(key: string, entry: CachedResponse, tags: string[], epoch: string, ttlSeconds: number, stamp?: number): Promise<boolean>;
  /** removes every entry tagged with any of `tags` */
  invalidate(tags: string[]): Promise<void>;
  /** removes every entry */
  clear(): Promise<void>;
  /** entries held (memory) or keys under the prefix (redis); for tests and diagnostics */
  size(): Promise<number>;
  close(): Promise<void>;
}

/** Tag of every list (collection) response: any write can change which documents a list holds. */
export const LIST_TAG = 'list';

/** Tag of a response that shows the document `documentId` (in any locale). */
export const documentTag = (documentId: string) => `doc:${documentId}`;
