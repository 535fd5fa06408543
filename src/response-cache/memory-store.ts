import { LRUCache } from 'lru-cache';

import type { CachedResponse, ResponseStore } from './types';

interface Held {
  entry: CachedResponse;
  tags: string[];
}

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
    sizeCalculation: (held, key) => Math.max(1, key.length + held.entry.body.length + 200 + held.tags.length * 32),
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
    async get(key) {
      return lru.get(key)?.entry;
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
    async close() {
      lru.clear();
      byTag.clear();
    },
  };
};
