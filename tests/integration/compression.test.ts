import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

import Redis from 'ioredis';

import { seed } from '../../src/records/seed';
import { redisKeyPrefix } from '../../src/response-cache';
import type { ContentCoding } from '../../src/lib/http-cache';
import { cacheKeyOf } from '../../src/response-cache/tags';
import type { ResponseStore } from '../../src/response-cache/types';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, documents } from '../helpers/fixtures';
import { dropRedisKeys, startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Responses are compressed (br, gzip) as Accept-Encoding asks: by koa-compress when computed, from
 * the copies the response cache compressed once when it stored them otherwise. Each coding has its
 * own ETag, and a 304 answers only the ETag of the coding that would be sent. Run once with the
 * memory store and once with Redis (docs/api.md, "Compression").
 */
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

// koa-compress's table of compressors, looked up on each compression: counting its calls counts
// every response koa-compress compresses (the same module instance Strapi loaded in this test).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const koaCompressEncodings = require('koa-compress/lib/encodings') as { encodingMethods: Record<string, (...args: unknown[]) => unknown> };

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** the bytes as sent (compressed when Content-Encoding says so) */
  body: Buffer;
}

const decode = (res: Raw): string => {
  const coding = res.headers['content-encoding'];
  if (coding === 'br') return zlib.brotliDecompressSync(res.body).toString();
  if (coding === 'gzip') return zlib.gunzipSync(res.body).toString();
  expect(coding).toBeUndefined();
  return res.body.toString();
};

/** One request with a bare HTTP client (supertest would decompress the body); the server listens. */
const rawRequest = (app: TestApp, method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  new Promise<Raw>((resolve, reject) => {
    const { port } = app.strapi.server.httpServer.address() as AddressInfo;
    const request = http.request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });

const rawGet = (app: TestApp, path: string, acceptEncoding?: string, more: Record<string, string> = {}) =>
  rawRequest(app, 'GET', path, { ...(acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }), ...more });

/** Counts zlib calls: the response cache's own (zlib.brotliCompress, zlib.gzip) and koa-compress's. */
const countCompressions = async (work: () => Promise<unknown>) => {
  const spies = [
    jest.spyOn(zlib, 'brotliCompress'),
    jest.spyOn(zlib, 'gzip'),
    jest.spyOn(koaCompressEncodings.encodingMethods, 'br'),
    jest.spyOn(koaCompressEncodings.encodingMethods, 'gzip'),
  ];
  try {
    await work();
    const [cacheBr, cacheGzip, koaBr, koaGzip] = spies.map((spy) => spy.mock.calls.length);
    return { cache: { br: cacheBr, gzip: cacheGzip }, koa: { br: koaBr, gzip: koaGzip } };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
};

const stores: Array<[string, Record<string, string>]> = [
  ['memory', { RESPONSE_CACHE_ENABLED: 'true', REDIS_URL: '' }],
  ['redis', { RESPONSE_CACHE_ENABLED: 'true', REDIS_URL, RESPONSE_CACHE_PREFIX: `newsroom-test:${crypto.randomBytes(4).toString('hex')}:` }],
];

describe.each(stores)('compression (%s store)', (kind, env) => {
  let app: TestApp;
  let auth: Record<string, string>;
  let slugUrl: string;
  const list = '/api/articles?locale=en&pagination[pageSize]=25';

  const raw = (method: string, path: string, headers: Record<string, string> = {}, body?: string) => rawRequest(app, method, path, headers, body);
  const get = (path: string, acceptEncoding?: string, more: Record<string, string> = {}) => rawGet(app, path, acceptEncoding, more);

  const cache = () => app.strapi.get('responseCache') as { store: ResponseStore; clear(): Promise<void> };
  /** the stored bytes of `path` in `coding` (the identity body when the entry holds no such copy) */
  const stored = async (path: string, coding: ContentCoding) => {
    const reply = await cache().store.get(cacheKeyOf('GET', path), coding);
    return reply && { coding: reply.coding, body: reply.body };
  };

  beforeAll(async () => {
    app = await startTestApp(env);
    await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    await seed(app.strapi);
    auth = { Authorization: `Bearer ${await app.adminToken()}` };
    const en = await documents(app.strapi, ARTICLE_UID).findFirst({ locale: 'en', status: 'published', filters: { key: 'lnu-innovation-entrepreneurship-seminar-2025' } });
    slugUrl = `/api/articles/slug/${en.slug}?locale=en`;
  });

  beforeEach(async () => {
    await cache().clear();
  });

  afterAll(async () => {
    if (kind === 'redis' && app) await dropRedisKeys(app, REDIS_URL);
    await app?.stop();
  });

  it(`uses the ${kind} store`, () => {
    expect((app.strapi.get('responseCache') as any).store.kind).toBe(kind);
  });

  it('sends a cached read as br or gzip, as Accept-Encoding asks, each decoding to the identity JSON', async () => {
    const miss = await get(list, 'gzip, deflate, br, zstd');
    expect(miss.headers['x-cache']).toBe('MISS');
    expect(miss.headers['content-encoding']).toBe('br');
    const identity = await get(list);
    expect(identity.headers['x-cache']).toBe('HIT');
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.length).toBeGreaterThan(1024);
    expect(JSON.parse(identity.body.toString()).data.length).toBeGreaterThan(0);

    const br = await get(list, 'gzip, deflate, br');
    const gzip = await get(list, 'gzip, deflate');
    for (const [res, coding] of [
      [br, 'br'],
      [gzip, 'gzip'],
    ] as const) {
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBe('HIT');
      expect(res.headers['content-encoding']).toBe(coding);
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.body.length).toBeLessThan(identity.body.length / 2);
      expect(decode(res)).toBe(identity.body.toString());
      expect(res.headers['content-type']).toBe(identity.headers['content-type']);
    }
    expect(decode(miss)).toBe(identity.body.toString());
    for (const res of [miss, identity, br, gzip]) expect(res.headers.vary).toMatch(/\bAccept-Encoding\b/i);

    // One ETag per coding, all naming the same content.
    expect(identity.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(br.headers.etag).toBe(identity.headers.etag!.replace(/"$/, '-br"'));
    expect(gzip.headers.etag).toBe(identity.headers.etag!.replace(/"$/, '-gzip"'));
    expect(miss.headers.etag).toBe(br.headers.etag);
  });

  it('honours q-values: the highest wins, br on a tie, q=0 refuses, identity otherwise', async () => {
    await get(list);
    const cases: Array<[string, string | undefined]> = [
      ['br;q=0.5, gzip;q=0.9', 'gzip'],
      ['gzip, br', 'br'],
      ['br;q=0, gzip', 'gzip'],
      ['br;q=0, gzip;q=0', undefined],
      ['identity', undefined],
      ['deflate', undefined],
      ['identity;q=1, br;q=0.5', undefined],
      // Two decimals are valid (koa-compress's own parser drops that br and would send gzip).
      ['br;q=0.85, gzip;q=0.5', 'br'],
      // `*` rates br too (koa-compress's stands for gzip and deflate only).
      ['*', 'br'],
    ];
    for (const [header, coding] of cases) {
      const res = await get(list, header);
      expect([header, res.headers['x-cache'], res.headers['content-encoding']]).toEqual([header, 'HIT', coding]);
      expect(res.headers.etag?.endsWith(coding ? `-${coding}"` : '"')).toBe(true);
      expect(JSON.parse(decode(res)).data.length).toBeGreaterThan(0);
    }
  });

  it('answers 304 only to the ETag of the coding it would send, on a hit and on a miss', async () => {
    const identity = await get(slugUrl);
    const br = await get(slugUrl, 'br');
    const gzip = await get(slugUrl, 'gzip');
    const etags = { identity: identity.headers.etag!, br: br.headers.etag!, gzip: gzip.headers.etag! };
    expect(new Set(Object.values(etags)).size).toBe(3);

    for (const cached of [true, false]) {
      if (!cached) await cache().clear();
      const notModified = await get(slugUrl, 'br', { 'If-None-Match': etags.br });
      expect([notModified.status, notModified.headers.etag, notModified.body.length]).toEqual([304, etags.br, 0]);
      // The client holds the br bytes but now asks for gzip: it gets them, not a 304.
      const otherCoding = await get(slugUrl, 'gzip', { 'If-None-Match': etags.br });
      expect([otherCoding.status, otherCoding.headers['content-encoding'], otherCoding.headers.etag]).toEqual([200, 'gzip', etags.gzip]);
      const identityHeld = await get(slugUrl, 'gzip, br', { 'If-None-Match': etags.identity });
      expect([identityHeld.status, identityHeld.headers['content-encoding']]).toEqual([200, 'br']);
      expect((await get(slugUrl, undefined, { 'If-None-Match': etags.identity })).status).toBe(304);
      expect((await get(slugUrl, 'gzip', { 'If-None-Match': `W/"other", ${etags.gzip}` })).status).toBe(304);
    }

    // New content: new ETags in every coding, and the old ones no longer match.
    const articles = documents(app.strapi, ARTICLE_UID);
    const { documentId } = await articles.findFirst({ locale: 'en', status: 'published', filters: { key: 'lnu-innovation-entrepreneurship-seminar-2025' } });
    await articles.update({ documentId, locale: 'en', data: { summary: 'Compressed anew' } });
    await articles.publish({ documentId, locale: 'en' });
    const changed = await get(slugUrl, 'br', { 'If-None-Match': etags.br });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etags.br);
    expect(changed.headers.etag).toMatch(/-br"$/);
    expect(JSON.parse(decode(changed)).data.summary).toBe('Compressed anew');
  });

  it('compresses once per coding when it stores, and never again on a hit', async () => {
    const onMiss = await countCompressions(() => get(list, 'gzip'));
    // Both copies made once, by the cache; koa-compress does not compress what the cache sends.
    expect(onMiss).toEqual({ cache: { br: 1, gzip: 1 }, koa: { br: 0, gzip: 0 } });

    const copies = { identity: (await stored(list, 'identity'))!, br: (await stored(list, 'br'))!, gzip: (await stored(list, 'gzip'))! };
    expect([copies.identity.coding, copies.br.coding, copies.gzip.coding]).toEqual(['identity', 'br', 'gzip']);
    expect(zlib.brotliDecompressSync(copies.br.body).equals(copies.identity.body)).toBe(true);
    expect(zlib.gunzipSync(copies.gzip.body).equals(copies.identity.body)).toBe(true);

    let hits: Raw[] = [];
    const onHits = await countCompressions(async () => {
      hits = [await get(list, 'br'), await get(list, 'gzip'), await get(list, 'br'), await get(list)];
    });
    expect(onHits).toEqual({ cache: { br: 0, gzip: 0 }, koa: { br: 0, gzip: 0 } });
    expect(hits.map((res) => res.headers['x-cache'])).toEqual(['HIT', 'HIT', 'HIT', 'HIT']);
    // The very bytes stored.
    expect(hits[0].body.equals(copies.br.body)).toBe(true);
    expect(hits[1].body.equals(copies.gzip.body)).toBe(true);
    expect(hits[3].body.equals(copies.identity.body)).toBe(true);
  });

  it('leaves a body below the threshold uncompressed, with the plain ETag', async () => {
    const small = '/api/sources/probe/cached';
    for (const expected of ['MISS', 'HIT']) {
      const res = await get(small, 'br, gzip');
      expect(res.status).toBe(200);
      expect(res.headers['x-cache']).toBe(expected);
      expect(res.body.length).toBeLessThan(1024);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers.etag).toMatch(/^W\/"[\w-]+"$/);
      expect(res.headers.etag).not.toMatch(/-(br|gzip)"$/);
      expect(JSON.parse(res.body.toString()).data.at).toBeDefined();
    }
    // No compressed copy stored.
    expect((await stored(small, 'br'))?.coding).toBe('identity');
    expect((await stored(small, 'gzip'))?.coding).toBe('identity');
  });

  it('answers HEAD with the identity headers and no body, hit or miss, and a later GET is served compressed', async () => {
    const get200 = await get(slugUrl);
    await cache().clear();
    for (const expected of ['MISS', 'HIT']) {
      const head = await raw('HEAD', slugUrl, { 'Accept-Encoding': 'br, gzip' });
      expect(head.status).toBe(200);
      expect(head.headers['x-cache']).toBe(expected);
      expect(head.body.length).toBe(0);
      expect(head.headers['content-encoding']).toBeUndefined();
      expect(head.headers.etag).toBe(get200.headers.etag);
      expect(Number(head.headers['content-length'])).toBe(get200.body.length);
      expect(head.headers['content-type']).toMatch(/application\/json/);
    }
    const br = await get(slugUrl, 'br');
    expect([br.headers['x-cache'], br.headers['content-encoding']]).toEqual(['HIT', 'br']);
    expect(decode(br)).toBe(get200.body.toString());
    const notModified = await raw('HEAD', slugUrl, { 'If-None-Match': get200.headers.etag! });
    expect(notModified.status).toBe(304);
  });

  it('compresses uncached reads with koa-compress, with the ETag of the coding it applies', async () => {
    const identity = await get(list, undefined, auth);
    expect(identity.headers['x-cache']).toBeUndefined();
    expect(identity.headers['cache-control']).toBe('private, no-cache');

    // koa-compress applies the coding the ETag names, even where its own parser would pick
    // another (it drops `br;q=0.85` and would send gzip).
    let br!: Raw;
    const counted = await countCompressions(async () => {
      br = await get(list, 'br;q=0.85, gzip;q=0.5', auth);
    });
    expect(counted).toEqual({ cache: { br: 0, gzip: 0 }, koa: { br: 1, gzip: 0 } });
    const star = await get(list, '*', auth);
    expect([star.headers['content-encoding'], star.headers.etag]).toEqual(['br', identity.headers.etag!.replace(/"$/, '-br"')]);
    expect(br.headers['content-encoding']).toBe('br');
    expect(decode(br)).toBe(identity.body.toString());
    expect(br.headers.etag).toBe(identity.headers.etag!.replace(/"$/, '-br"'));
    expect(br.headers.vary).toMatch(/\bAccept-Encoding\b/i);

    const gzip = await get(list, 'gzip', auth);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.etag).toBe(identity.headers.etag!.replace(/"$/, '-gzip"'));
    expect(decode(gzip)).toBe(identity.body.toString());

    expect((await get(list, 'br', { ...auth, 'If-None-Match': br.headers.etag! })).status).toBe(304);
    const notHeld = await get(list, 'br', { ...auth, 'If-None-Match': identity.headers.etag! });
    expect([notHeld.status, notHeld.headers['content-encoding']]).toEqual([200, 'br']);
    const identityAgain = await get(list, 'identity', auth);
    expect([identityAgain.headers['content-encoding'], identityAgain.headers.etag]).toEqual([undefined, identity.headers.etag]);
  });

  it('compresses GraphQL, GET and POST, and the admin API', async () => {
    const query = '{ articles(locale: "en") { documentId title summary body } }';
    const post = await raw('POST', '/graphql', { 'Content-Type': 'application/json', 'Accept-Encoding': 'gzip' }, JSON.stringify({ query }));
    expect(post.status).toBe(200);
    expect(post.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decode(post)).data.articles.length).toBeGreaterThan(0);

    const path = `/graphql?query=${encodeURIComponent(query)}`;
    // Apollo's CSRF prevention wants a non-simple header on a GET.
    const plain = await get(path, undefined, { 'Apollo-Require-Preflight': 'true' });
    const getBr = await get(path, 'br', { 'Apollo-Require-Preflight': 'true' });
    expect(plain.status).toBe(200);
    expect(getBr.headers['content-encoding']).toBe('br');
    expect(decode(getBr)).toBe(plain.body.toString());
    expect(getBr.headers.etag).toBe(plain.headers.etag!.replace(/"$/, '-br"'));

    const admin = await adminLogin(app);
    const cm = await get('/content-manager/collection-types/api::article.article?page=1&pageSize=10&locale=en', 'br, gzip', admin);
    expect(cm.status).toBe(200);
    expect(cm.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(cm)).results.length).toBeGreaterThan(0);
    // Refusing identity and every coding offered: koa-compress's 406, as a JSON error. (The content
    // API sends identity instead: lib/http-cache negotiateCoding.)
    const refused = await get('/content-manager/collection-types/api::article.article?page=1&pageSize=10&locale=en', 'identity;q=0', admin);
    expect(refused.status).toBe(406);
    expect(JSON.parse(refused.body.toString()).error.status).toBe(406);
    const api = await get(list, 'identity;q=0');
    expect([api.status, api.headers['content-encoding']]).toEqual([200, undefined]);
  });

  if (kind === 'redis') {
    it('keeps the compressed copies in the Redis hash, as bytes', async () => {
      await get(list, 'br');
      const prefix = redisKeyPrefix(app.strapi);
      const redis = new Redis(REDIS_URL);
      try {
        const fields = await redis.hgetallBuffer(`${prefix}e:${cacheKeyOf('GET', list)}`);
        // status, headers, body, its compressed copies, and what readers judge it by against the
        // database's invalidations (src/lib/cache-freshness.ts): the stamp, the tags, when stored.
        expect(Object.keys(fields).sort()).toEqual(['b', 'g', 'h', 's', 'v', 'w', 'z:br', 'z:gzip']);
        expect(Number(fields.v.toString())).toBeGreaterThan(0);
        expect(JSON.parse(fields.g.toString())).toContain('list');
        expect(zlib.gunzipSync(fields['z:gzip']).equals(fields.b)).toBe(true);
        expect(zlib.brotliDecompressSync(fields['z:br']).equals(fields.b)).toBe(true);
      } finally {
        redis.disconnect();
      }
    });
  }
});

describe('compression with the response cache off', () => {
  let app: TestApp;
  const list = '/api/articles?locale=en&pagination[pageSize]=25';

  beforeAll(async () => {
    app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false' });
    await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    await seed(app.strapi);
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('compresses every public read with koa-compress, each coding with its ETag and its 304', async () => {
    const identity = await rawGet(app, list);
    expect(identity.headers['x-cache']).toBeUndefined();
    expect(identity.headers['content-encoding']).toBeUndefined();
    for (const coding of ['br', 'gzip']) {
      let res!: Raw;
      const counted = await countCompressions(async () => {
        res = await rawGet(app, list, coding);
      });
      expect(counted.koa).toEqual({ br: coding === 'br' ? 1 : 0, gzip: coding === 'gzip' ? 1 : 0 });
      expect(res.headers['content-encoding']).toBe(coding);
      expect(res.headers.vary).toMatch(/\bAccept-Encoding\b/i);
      expect(res.headers.etag).toBe(identity.headers.etag!.replace(/"$/, `-${coding}"`));
      expect(decode(res)).toBe(identity.body.toString());
      expect((await rawGet(app, list, coding, { 'If-None-Match': res.headers.etag! })).status).toBe(304);
      expect((await rawGet(app, list, coding, { 'If-None-Match': identity.headers.etag! })).status).toBe(200);
    }
    expect((await rawGet(app, list, undefined, { 'If-None-Match': identity.headers.etag! })).status).toBe(304);
  });
});
