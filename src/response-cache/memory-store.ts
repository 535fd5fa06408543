import { LRUCache } from 'lru-cache';

import type { CachedResponse, ResponseStore } from './types';

interface Held {
  entry: CachedResponse;
  tags: string[];
}

/** The bytes an entry holds: its body and every compressed copy of it. */
export const entryBytes = (entry: CachedResponse): number =>
  entry.body.length + Object.values(entry.encoded ?? {}).reduce((sum, bytes) => sum + (bytes?.length ?? 0), 0);

/**
 * One process's cache: an LRU bounded in bytes (lru-cache), plus an index from tag to keys so an
 * invalidation touches only the entries it must. Every operation completes synchronously, so a
 * check-and-store can never interleave with an invalidation.
 */
export const createMemoryStore = ({ maxBytes, clock }: { maxBytes: number; clock?: { now(): number } }): ResponseStore => {
  const byTag = new Map<string, Set<string>>();
  let epoch = 0;

  const unindex = (key: string, tags: string[]) => {
    for (const tag of tags) {
      const keys = byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) byTag.delete(tag);
    }
  };

  const lru = new LRUCache<string, Held>({
    maxSize: maxBytes,
    sizeCalculation: (held, key) => Math.max(1, key.length + entryBytes(held.entry) + 200 + held.tags.length * 32),
    // Whether evicted, expired, replaced or deleted, the key leaves the tag index.
    dispose: (held, key) => unindex(key, held.tags),
    ttlAutopurge: false,
    ...(clock ? { perf: clock, ttlResolution: 0 } : {}),
  });

  return {
    kind: 'memory',
    async ready() {
      return true;
    },
    async get(key, coding = 'identity') {
      const entry = lru.get(key)?.entry;
      if (!entry) return undefined;
      const copy = coding === 'identity' ? undefined : entry.encoded?.[coding];
      return { status: entry.status, headers: entry.headers, coding: copy ? coding : 'identity', body: copy ?? entry.body };
    },
    async epoch() {
      return String(epoch);
    },
    async setIfEpoch(key, entry, tags, expected, ttlSeconds) {
      if (String(epoch) !== expected) return false;
      lru.set(key, { entry, tags }, { ttl: ttlSeconds * 1000 });
      if (!lru.has(key)) return false; // larger than the whole cache
      for (const tag of tags) {
        let keys = byTag.get(tag);
        if (!keys) byTag.set(tag, (keys = new Set()));
        keys.add(key);
      }
      return true;
    },
    async invalidate(tags) {
      epoch += 1;
      for (const tag of tags) {
        const keys = byTag.get(tag);
        if (!keys) continue;
        for (const key of [...keys]) lru.delete(key);
      }
    },
    async clear() {
      epoch += 1;
      lru.clear();
      byTag.clear();
    },
    async size() {
      return lru.size;
    },
    async ping() {
      // In this process: it answers whenever the process does.
    },
    async close() {
      lru.clear();
      byTag.clear();
    },
  };
};
