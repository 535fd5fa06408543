import zlib from 'node:zlib';

import { env } from '@strapi/utils';

import middlewaresConfig from '../../config/middlewares';
import { codingFor, compressionSettings, etagForCoding, etagOf, matchesIfNoneMatch, negotiateCoding, type CompressionSettings } from '../../src/lib/http-cache';
import { compressAll } from '../../src/response-cache/compression';
import { checkResponseCacheConfig } from '../../src/response-cache/config';
import { createMemoryStore, entryBytes } from '../../src/response-cache/memory-store';
import { graphqlCacheKey, isStorableGraphqlResult, passesApolloCsrfPrevention } from '../../src/response-cache/graphql';
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

  it('counts the compressed copies in its size', async () => {
    const body = Buffer.from('x'.repeat(1500));
    const withCopies = { ...entry('x'.repeat(1500)), encoded: { br: Buffer.alloc(1000), gzip: Buffer.alloc(1200) } };
    expect(entryBytes(withCopies)).toBe(body.length + 2200);
    // Room for two bodies, not for two bodies with their copies.
    const store = createMemoryStore({ maxBytes: 4000 });
    const epoch = await store.epoch();
    expect(await store.setIfEpoch('plain-1', entry('x'.repeat(1500)), [], epoch, 60)).toBe(true);
    expect(await store.setIfEpoch('plain-2', entry('x'.repeat(1500)), [], epoch, 60)).toBe(true);
    expect(await store.size()).toBe(2);
    expect(await store.setIfEpoch('copies', withCopies, [], epoch, 60)).toBe(true);
    expect(await store.size()).toBe(1);
  });

  it('answers with the copy in the coding asked for, or the uncompressed body when it holds none', async () => {
    const store = createMemoryStore({ maxBytes: 1 << 20 });
    const epoch = await store.epoch();
    await store.setIfEpoch('big', { ...entry('{"big":true}'), encoded: { br: Buffer.from('br bytes'), gzip: Buffer.from('gzip bytes') } }, [], epoch, 60);
    await store.setIfEpoch('small', entry('{}'), [], epoch, 60);
    const read = async (key: string, coding?: 'br' | 'gzip' | 'identity') => {
      const reply = await store.get(key, coding);
      return reply && [reply.coding, reply.body.toString(), reply.headers['content-type']];
    };
    expect(await read('big', 'br')).toEqual(['br', 'br bytes', 'application/json']);
    expect(await read('big', 'gzip')).toEqual(['gzip', 'gzip bytes', 'application/json']);
    expect(await read('big', 'identity')).toEqual(['identity', '{"big":true}', 'application/json']);
    expect(await read('big')).toEqual(['identity', '{"big":true}', 'application/json']);
    expect(await read('small', 'br')).toEqual(['identity', '{}', 'application/json']);
    expect(await read('missing', 'br')).toBeUndefined();
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
  const valid = { enabled: true, redisUrl: '', ttl: 3600, maxMemoryMb: 64, prefix: 'newsroom:response-cache:', paths: ['/articles', '/reprint-attribution'], graphql: true, pollMs: 500, boundMs: 2000 };

  it('accepts the configuration as shipped, with or without Redis', () => {
    expect(checkResponseCacheConfig(valid)).toEqual(valid);
    expect(checkResponseCacheConfig({ ...valid, redisUrl: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('stops start-up naming every wrong key and its variable', () => {
    expect(() => checkResponseCacheConfig({ ...valid, ttl: 0, redisUrl: 'http://cache', paths: ['articles'] })).toThrow(
      'config/cache.ts: redisUrl must be empty or a redis:// or rediss:// address (REDIS_URL); ttl must be a whole number of seconds, at least 1 (RESPONSE_CACHE_TTL); paths must be a list of content-API paths such as /articles'
    );
    expect(() => checkResponseCacheConfig({ ...valid, pollMs: 10, boundMs: 15 })).toThrow(
      'config/cache.ts: pollMs must be a whole number of milliseconds, at least 50 (RESPONSE_CACHE_POLL_MS); boundMs must be a whole number of milliseconds, at least twice pollMs (RESPONSE_CACHE_BOUND_MS)'
    );
    expect(() => checkResponseCacheConfig(undefined)).toThrow(/enabled must be true or false/);
  });
});

describe('compression settings (the strapi::compression entry of config/middlewares.ts)', () => {
  it('reads the threshold and codings, with koa-compress defaults for what is left out', () => {
    const configured = compressionSettings([
      'strapi::logger',
      { name: 'strapi::compression', config: { threshold: 2048, br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }, deflate: false } },
    ]);
    expect(configured).toEqual({ threshold: 2048, codings: ['br', 'gzip'], options: { br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }, gzip: {} } });
    expect(compressionSettings(['strapi::compression'])).toEqual({
      threshold: 1024,
      codings: ['br', 'gzip'],
      options: { br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }, gzip: {} },
    });
    expect(compressionSettings([{ name: 'strapi::compression', config: { br: false } }])?.codings).toEqual(['gzip']);
  });

  it('is null without the middleware, and refuses a threshold it would read differently from koa-compress', () => {
    expect(compressionSettings(['strapi::logger', 'strapi::errors'])).toBeNull();
    expect(compressionSettings(undefined)).toBeNull();
    expect(() => compressionSettings([{ name: 'strapi::compression', config: { threshold: '1kb' } }])).toThrow(/threshold must be a whole number of bytes/);
  });

  it('is what config/middlewares.ts configures: br at quality 5, gzip, 1 KB', () => {
    const settings = compressionSettings(middlewaresConfig({ env }));
    expect(settings?.threshold).toBe(1024);
    expect(settings?.codings).toEqual(['br', 'gzip']);
    expect((settings?.options.br as zlib.BrotliOptions).params?.[zlib.constants.BROTLI_PARAM_QUALITY]).toBe(5);
  });
});

describe('content-coding negotiation', () => {
  const offered = ['br', 'gzip'] as const;
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br, zstd', 'br'], // browsers: equal q, the server's order
    ['gzip, deflate', 'gzip'],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', 'br'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['gzip;q=0.85, br;q=0.9', 'br'], // three decimals are allowed (koa-compress drops these)
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['identity;q=1, gzip;q=0.5', 'identity'],
    ['gzip, identity', 'gzip'],
    ['*', 'br'],
    ['*;q=0.5, gzip', 'gzip'],
    ['*;q=0', 'identity'],
    ['identity;q=0', 'identity'], // nothing else acceptable: identity rather than a 406
    ['gzip;q=2, br;q=abc', 'identity'], // unreadable q-values: left out
    [' br ; q=0.7 ,gzip;q=0.6', 'br'],
  ];
  it.each(cases)('%j → %s', (header, coding) => {
    expect(negotiateCoding(header, offered)).toBe(coding);
  });

  it('offers only the configured codings', () => {
    expect(negotiateCoding('br, gzip', ['gzip'])).toBe('gzip');
    expect(negotiateCoding('br', ['gzip'])).toBe('identity');
    expect(negotiateCoding('br, gzip', [])).toBe('identity');
  });

  const settings: CompressionSettings = { threshold: 1024, codings: ['br', 'gzip'], options: { br: {}, gzip: {} } };
  it('compresses a JSON or text body of at least the threshold, never a HEAD answer', () => {
    const get = { method: 'GET', acceptEncoding: 'gzip, br' };
    expect(codingFor(get, { type: 'application/json', length: 1024 }, settings)).toBe('br');
    expect(codingFor(get, { type: 'application/graphql-response+json', length: 5000 }, settings)).toBe('br');
    expect(codingFor(get, { type: 'text/plain', length: 5000 }, settings)).toBe('br');
    expect(codingFor(get, { type: 'application/json', length: 1023 }, settings)).toBe('identity');
    expect(codingFor(get, { type: 'image/png', length: 5000 }, settings)).toBe('identity');
    expect(codingFor(get, { type: undefined, length: 5000 }, settings)).toBe('identity');
    expect(codingFor({ ...get, method: 'HEAD' }, { type: 'application/json', length: 5000 }, settings)).toBe('identity');
    expect(codingFor(get, { type: 'application/json', length: 5000 }, null)).toBe('identity');
  });
});

describe('ETags per coding', () => {
  it('gives each coding its own ETag, the identity one unchanged', () => {
    const etag = etagOf('{"data":[]}');
    expect(etagForCoding(etag, 'identity')).toBe(etag);
    expect(etagForCoding(etag, 'br')).toBe(etag.replace(/"$/, '-br"'));
    expect(etagForCoding(etag, 'gzip')).toBe(etag.replace(/"$/, '-gzip"'));
    expect(etagForCoding(etag, 'br')).toMatch(/^W\/"[\w-]+-br"$/);
  });

  it('matches If-None-Match only for the coding being sent', () => {
    const etag = etagOf('{"data":[]}');
    const [br, gzip] = [etagForCoding(etag, 'br'), etagForCoding(etag, 'gzip')];
    expect(matchesIfNoneMatch(br, br)).toBe(true);
    expect(matchesIfNoneMatch(gzip, br)).toBe(false);
    expect(matchesIfNoneMatch(etag, br)).toBe(false);
    expect(matchesIfNoneMatch(br, etag)).toBe(false);
    expect(matchesIfNoneMatch(`${etag}, ${br}`, br)).toBe(true);
  });
});

describe('compressAll', () => {
  it('compresses once per configured coding, each decompressing to the body', async () => {
    const body = Buffer.from(JSON.stringify({ data: Array.from({ length: 50 }, (_, i) => ({ title: `标题 ${i}`, summary: 'Сводка новостей' })) }));
    const settings = compressionSettings([{ name: 'strapi::compression', config: { br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } } }])!;
    const encoded = await compressAll(body, settings);
    expect(Object.keys(encoded).sort()).toEqual(['br', 'gzip']);
    expect(zlib.brotliDecompressSync(encoded.br!).equals(body)).toBe(true);
    expect(zlib.gunzipSync(encoded.gzip!).equals(body)).toBe(true);
    expect(encoded.br!.length).toBeLessThan(body.length / 4);
    expect(await compressAll(body, { ...settings, codings: ['gzip'] })).toEqual({ gzip: expect.any(Buffer) });
  });
});

describe('GraphQL GET requests (src/response-cache/graphql)', () => {
  const headers = (values: Record<string, string>) => (name: string) => values[name];

  it('answers from the cache only what Apollo 4 CSRF prevention certainly lets through', () => {
    expect(passesApolloCsrfPrevention(headers({}))).toBe(false);
    expect(passesApolloCsrfPrevention(headers({ 'apollo-require-preflight': 'true' }))).toBe(true);
    expect(passesApolloCsrfPrevention(headers({ 'x-apollo-operation-name': 'Articles' }))).toBe(true);
    expect(passesApolloCsrfPrevention(headers({ 'apollo-require-preflight': '' }))).toBe(false);
    expect(passesApolloCsrfPrevention(headers({ 'content-type': 'application/json' }))).toBe(true);
    expect(passesApolloCsrfPrevention(headers({ 'content-type': 'Application/JSON; charset=utf-8' }))).toBe(true);
    for (const simple of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN']) {
      expect(passesApolloCsrfPrevention(headers({ 'content-type': simple }))).toBe(false);
    }
    // What this does not read as a media type goes on to Apollo, uncached.
    expect(passesApolloCsrfPrevention(headers({ 'content-type': 'garbage' }))).toBe(false);
  });

  it('stores only answers with data and no errors', () => {
    expect(isStorableGraphqlResult('{"data":{"articles":[]}}')).toBe(true);
    expect(isStorableGraphqlResult('{"data":{"articles":[]},"errors":[{"message":"x"}]}')).toBe(false);
    expect(isStorableGraphqlResult('{"errors":[{"message":"PersistedQueryNotFound"}]}')).toBe(false);
    expect(isStorableGraphqlResult('{"data":null}')).toBe(false);
    expect(isStorableGraphqlResult('[{"data":{}}]')).toBe(false);
    expect(isStorableGraphqlResult('not json')).toBe(false);
  });

  it('keys by the URL and the Accept header', () => {
    expect(graphqlCacheKey('/graphql?query=x', undefined)).not.toBe(graphqlCacheKey('/graphql?query=x', 'application/graphql-response+json'));
    expect(graphqlCacheKey('/graphql?query=x', 'application/json')).toBe(graphqlCacheKey('/graphql?query=x', 'application/json'));
    expect(graphqlCacheKey('/graphql?query=x', undefined)).not.toBe(cacheKeyOf('GET', '/graphql?query=x'));
  });
});
