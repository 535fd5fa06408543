import { checkResponseCacheConfig } from '../../src/response-cache/config';
import { createMemoryStore } from '../../src/response-cache/memory-store';
import { cacheKeyOf, documentIdsIn, headersToReplay, tagsOf } from '../../src/response-cache/tags';
import { LIST_TAG, documentTag } from '../../src/response-cache/types';

const entry = (body: string) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) });

describe('tags of a response', () => {
  it('finds every document id at any depth, once each', () => {
    const body = JSON.stringify({
      data: [
        { documentId: 'a1', source: { documentId: 's1' }, institutions: [{ documentId: 'i1' }, { documentId: 'i2' }] },
        { documentId: 'a2', source: { documentId: 's1' } },
      ],
    });
    expect(documentIdsIn(body).sort()).toEqual(['a1', 'a2', 'i1', 'i2', 's1']);
  });

  it('ignores the same text inside a string value', () => {
    const body = JSON.stringify({ data: { documentId: 'real', summary: 'see "documentId":"fake"' } });
    expect(documentIdsIn(body)).toEqual(['real']);
  });

  it('adds the list tag only to lists', () => {
    const body = JSON.stringify({ data: { documentId: 'x' } });
    expect(tagsOf(body, false)).toEqual([documentTag('x')]);
    expect(tagsOf(body, true)).toEqual([documentTag('x'), LIST_TAG]);
  });

  it('keys HEAD like GET and keeps the query as sent', () => {
    expect(cacheKeyOf('HEAD', '/api/articles?locale=en')).toBe(cacheKeyOf('GET', '/api/articles?locale=en'));
    expect(cacheKeyOf('GET', '/api/articles?locale=en')).not.toBe(cacheKeyOf('GET', '/api/articles?locale=ru'));
  });

  it('replays only headers the short-circuited middlewares set, never per-request ones', () => {
    const before = { 'x-powered-by': 'Strapi', 'access-control-allow-origin': '*' };
    const after = {
      ...before,
      'content-type': 'application/json',
      etag: 'W/"x"',
      'content-length': '10',
      'set-cookie': ['a=b'],
      'access-control-allow-origin': 'https://site.example',
      vary: 'Origin, Authorization',
    };
    expect(headersToReplay(before, after)).toEqual({ 'content-type': 'application/json', etag: 'W/"x"', vary: 'Origin, Authorization' });
  });
});

describe('memory store', () => {
  it('refuses to store a response computed before an invalidation', async () => {
    const store = createMemoryStore({ maxBytes: 1 << 20 });
    const epoch = await store.epoch();
    await store.invalidate([documentTag('unrelated')]);
    expect(await store.setIfEpoch('k', entry('old'), [LIST_TAG], epoch, 60)).toBe(false);
    expect(await store.get('k')).toBeUndefined();
    expect(await store.setIfEpoch('k', entry('new'), [LIST_TAG], await store.epoch(), 60)).toBe(true);
    expect((await store.get('k'))?.body.toString()).toBe('new');
  });

  it('removes exactly the entries carrying an invalidated tag', async () => {
    const store = createMemoryStore({ maxBytes: 1 << 20 });
    const epoch = await store.epoch();
    await store.setIfEpoch('a', entry('a'), [documentTag('1')], epoch, 60);
    await store.setIfEpoch('b', entry('b'), [documentTag('2'), LIST_TAG], epoch, 60);
    await store.setIfEpoch('c', entry('c'), [documentTag('1'), documentTag('2')], epoch, 60);
    await store.invalidate([documentTag('1')]);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('c')).toBeUndefined();
    expect((await store.get('b'))?.body.toString()).toBe('b');
    await store.invalidate([LIST_TAG]);
    expect(await store.size()).toBe(0);
  });

  it('stays within its size and forgets evicted entries in the tag index', async () => {
    const store = createMemoryStore({ maxBytes: 4000 });
    const epoch = await store.epoch();
    for (let i = 0; i < 20; i += 1) await store.setIfEpoch(`k${i}`, entry('x'.repeat(500)), [documentTag(String(i))], epoch, 60);
    expect(await store.size()).toBeLessThan(20);
    expect(await store.get('k19')).toBeDefined();
    expect(await store.get('k0')).toBeUndefined();
    // An entry larger than the whole cache is not stored.
    expect(await store.setIfEpoch('huge', entry('x'.repeat(10000)), [], epoch, 60)).toBe(false);
  });

  it('expires entries after their time to live', async () => {
    let now = 1000;
    const store = createMemoryStore({ maxBytes: 1 << 20, clock: { now: () => now } });
    await store.setIfEpoch('k', entry('x'), [], await store.epoch(), 1);
    now += 900;
    expect(await store.get('k')).toBeDefined();
    now += 200;
    expect(await store.get('k')).toBeUndefined();
  });
});

describe('checkResponseCacheConfig', () => {
  const valid = { enabled: true, redisUrl: '', ttl: 3600, maxMemoryMb: 64, prefix: 'newsroom:response-cache:', paths: ['/articles', '/reprint-attribution'] };

  it('accepts the configuration as shipped, with or without Redis', () => {
    expect(checkResponseCacheConfig(valid)).toEqual(valid);
    expect(checkResponseCacheConfig({ ...valid, redisUrl: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('stops start-up naming every wrong key and its variable', () => {
    expect(() => checkResponseCacheConfig({ ...valid, ttl: 0, redisUrl: 'http://cache', paths: ['articles'] })).toThrow(
      'config/cache.ts: redisUrl must be empty or a redis:// or rediss:// address (REDIS_URL); ttl must be a whole number of seconds, at least 1 (RESPONSE_CACHE_TTL); paths must be a list of content-API paths such as /articles'
    );
    expect(() => checkResponseCacheConfig(undefined)).toThrow(/enabled must be true or false/);
  });
});
