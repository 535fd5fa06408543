import Redis from 'ioredis';

import type { CachedResponse, ResponseStore } from './types';

// Each script runs atomically in Redis, so a store can never land between an invalidation's
// epoch bump and its deletes, whichever instance issues them.
// The entry's fields come as name/value pairs from ARGV[3] on (status, headers, body, and one
// field per compressed copy); the old hash is deleted first so no copy of an older body survives.
const SET_IF_EPOCH = `
local current = redis.call('GET', KEYS[1]) or '0'
if current ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[2], ARGV[2])
local ttl = tonumber(ARGV[2])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[2])
  if redis.call('TTL', KEYS[i]) < ttl then redis.call('EXPIRE', KEYS[i], ttl) end
end
return 1
`;

const INVALIDATE = `
redis.call('INCR', KEYS[1])
for i = 2, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  for j = 1, #members, 500 do
    redis.call('DEL', unpack(members, j, math.min(j + 499, #members)))
  end
  redis.call('DEL', KEYS[i])
end
return 1
`;

// Field prefix of an entry's compressed copies (`z:br`, `z:gzip`).
const ENCODED = 'z:';

export interface RedisStoreOptions {
  url: string;
  /** every key this cache writes starts with it, so several apps can share one Redis */
  prefix: string;
}

/**
 * The shared cache: entries are hashes (`<prefix>e:<key>`: status, headers, body and its
 * compressed copies, all bytes stored as they are; the stamp, tags and time that readers check
 * against the database's invalidations, src/lib/cache-freshness.ts), each tag a set of entry keys
 * (`<prefix>t:<tag>`), and `<prefix>epoch` the counter every invalidation advances.
 * Needs one Redis (or a primary); Redis Cluster is not supported (the scripts touch many keys).
 */
export const createRedisStore = ({ url, prefix }: RedisStoreOptions): ResponseStore => {
  // Without an offline queue a command fails at once while Redis is unreachable, so a read is
  // served uncached instead of waiting for a reconnection; a Redis that stops answering on an open
  // connection (a network partition) costs a request at most the command timeout.
  const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000, enableOfflineQueue: false });
  // Connection errors surface on each command (and are handled by the caller); without a listener
  // ioredis would also print every reconnect attempt as an unhandled error event.
  client.on('error', () => undefined);
  client.defineCommand('setIfEpoch', { lua: SET_IF_EPOCH });
  client.defineCommand('invalidateTags', { lua: INVALIDATE });

  const epochKey = `${prefix}epoch`;
  const entryKey = (key: string) => `${prefix}e:${key}`;
  const tagKey = (tag: string) => `${prefix}t:${tag}`;
  const commands = client as unknown as {
    setIfEpoch(numKeys: number, ...args: Array<string | number | Buffer>): Promise<number>;
    invalidateTags(numKeys: number, ...args: string[]): Promise<number>;
  };

  /** Calls `each` with every batch of keys matching `pattern`. */
  const scan = async (pattern: string, each: (keys: string[]) => Promise<unknown> | void) => {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await each(keys);
    } while (cursor !== '0');
  };

  return {
    kind: 'redis',
    async ready(timeoutMs) {
      if (client.status === 'ready') return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          client.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        client.once('ready', onReady);
      });
    },
    async get(key, coding = 'identity') {
      // Only the bytes sent cross the network: a br hit on a 400 KB list page reads ~15 KB. An
      // entry without that copy (below the threshold) costs a second round trip for its body.
      const read = async (field: string) => {
        const [status, headers, stamp, tags, storedAt, body] = await client.hmgetBuffer(entryKey(key), 's', 'h', 'v', 'g', 'w', field);
        if (status === null || headers === null) return null;
        return {
          status: Number(status.toString()),
          headers: JSON.parse(headers.toString()),
          // Absent in an entry stored by an older release: such an entry is never served.
          ...(stamp && tags && storedAt ? { stamp: Number(stamp.toString()), tags: JSON.parse(tags.toString()), storedAt: Number(storedAt.toString()) } : {}),
          body,
        };
      };
      if (coding !== 'identity') {
        const copy = await read(`${ENCODED}${coding}`);
        if (copy === null) return undefined;
        if (copy.body !== null) return { ...copy, coding, body: copy.body };
      }
      const plain = await read('b');
      return plain?.body ? { ...plain, coding: 'identity', body: plain.body } : undefined;
    },
    async epoch() {
      return (await client.get(epochKey)) ?? '0';
    },
    async setIfEpoch(key, entry: CachedResponse, tags, epoch, ttlSeconds, stamp) {
      const keys = [epochKey, entryKey(key), ...tags.map(tagKey)];
      const copies = Object.entries(entry.encoded ?? {}).flatMap(([coding, bytes]) => (bytes ? [`${ENCODED}${coding}`, bytes] : []));
      const stored = await commands.setIfEpoch(
        keys.length,
        ...keys,
        epoch,
        Math.max(1, Math.round(ttlSeconds)),
        's',
        entry.status,
        'h',
        JSON.stringify(entry.headers),
        'b',
        entry.body,
        ...(stamp === undefined ? [] : ['v', String(stamp), 'g', JSON.stringify(tags), 'w', String(Date.now())]),
        ...copies
      );
      return stored === 1;
    },
    async invalidate(tags) {
      const keys = [epochKey, ...tags.map(tagKey)];
      await commands.invalidateTags(keys.length, ...keys);
    },
    async clear() {
      await client.incr(epochKey);
      for (const pattern of [`${prefix}e:*`, `${prefix}t:*`]) await scan(pattern, (keys) => client.unlink(...keys));
    },
    async size() {
      let count = 0;
      await scan(`${prefix}e:*`, (keys) => {
        count += keys.length;
      });
      return count;
    },
    async ping() {
      // Fails at once while disconnected (no offline queue), within the command timeout otherwise.
      await client.ping();
    },
    async close() {
      client.disconnect();
    },
  };
};
