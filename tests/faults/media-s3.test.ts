import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { productionEnv, ROOT, spawnInstance, startInstance, stopInstance, type Instance } from '../helpers/instances';
import { pngImage, pngSize, startObjectStorage, type ObjectStorage } from '../helpers/object-storage';

/**
 * Media on S3-compatible object storage (#19; docs/operations.md, "Media on object storage"):
 * two production servers (`strapi start` on the built app) on one PostgreSQL database with
 * UPLOAD_PROVIDER=s3, against an S3 server (s3rver) in this test's process. An image uploaded
 * through A's media library is stored in the bucket with its formats and absolute URLs on the
 * bucket's public address; as an article's cover it is read from B (REST, the read model's
 * stored answers, GraphQL, JSON-LD, the export) with those URLs unchanged, and its bytes come
 * back from the store; deleted through B, its objects leave the bucket and A no longer lists it.
 * A missing bucket, refused credentials and a malformed variable stop the start with one line.
 */
jest.setTimeout(300_000);

const PUBLIC_URL = 'http://cms.example.test';

let database: TestDatabase;
let storage: ObjectStorage;
let common: Record<string, string>;
let A: Instance;
let B: Instance;
let adminJwt: string;
let token: string;
const extraInstances: Instance[] = [];
let fiveHundreds = 0;

const json = async (response: Response) => {
  if (response.status >= 500) fiveHundreds += 1;
  return { status: response.status, headers: response.headers, body: (await response.json().catch(() => null)) as any };
};
const call = (instance: Instance, route: string, init: RequestInit & { auth?: string } = {}) => {
  const { auth, ...rest } = init;
  return fetch(`${instance.base}${route}`, {
    ...rest,
    headers: { ...(rest.body && typeof rest.body === 'string' ? { 'content-type': 'application/json' } : {}), ...(auth ? { authorization: `Bearer ${auth}` } : {}), ...(rest.headers ?? {}) },
  }).then(json);
};
const bytesAt = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Polls `read` until `done` holds of its result, at most `ms` (cache bound and read-model sweep included). */
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < end) {
    await sleep(250);
    value = await read();
  }
  return value;
};

/** The object key of a file URL on the bucket's public address. */
const keyOf = (url: string) => url.slice(storage.publicUrl.length + 1);

const upload = async (instance: Instance, png: Buffer, name: string) => {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(png)], { type: 'image/png' }), name);
  form.append('fileInfo', JSON.stringify({ name, alternativeText: `Alt of ${name}`, caption: null }));
  return call(instance, '/upload', { method: 'POST', body: form, auth: adminJwt });
};

beforeAll(async () => {
  storage = await startObjectStorage();
  database = await createTestDatabase();
  if (database.client !== 'postgres') throw new Error('the fault suite runs on PostgreSQL: DATABASE_CLIENT=postgres');
  common = productionEnv({ ...database.env, ...storage.env(), RESPONSE_CACHE_ENABLED: 'true', PUBLIC_URL });
  // One after the other: the first creates the tables and loads the reference content.
  A = await startInstance('A', { ...common, SEED_ON_EMPTY: 'true' });
  B = await startInstance('B', { ...common, SEED_ON_EMPTY: 'false' });

  const registered = await call(A, '/admin/register-admin', {
    method: 'POST',
    body: JSON.stringify({ firstname: 'Media', lastname: 'Tester', email: 'media@example.edu', password: 'Media-Tester-2025' }),
  });
  expect(registered.status).toBe(200);
  adminJwt = registered.body.data.token;
  const created = await call(A, '/admin/api-tokens', { method: 'POST', body: JSON.stringify({ name: 'media', type: 'full-access', lifespan: null }), auth: adminJwt });
  expect(created.status).toBe(201);
  token = created.body.data.accessKey;
  // The original is stored as uploaded (no re-encoding), so its bytes can be compared.
  const settings = await call(A, '/upload/settings', {
    method: 'PUT',
    body: JSON.stringify({ sizeOptimization: false, responsiveDimensions: true, autoOrientation: false, aiMetadata: false }),
    auth: adminJwt,
  });
  expect(settings.status).toBe(200);
}, 300_000);

afterAll(async () => {
  await Promise.all([A, B, ...extraInstances].map((instance) => stopInstance(instance)));
  await storage?.close();
  await database?.drop();
});

describe('media in an S3 bucket, two instances on one database', () => {
  const png = pngImage(800, 600, 17);
  let file: any;
  let documentId: string;
  let slug: string;

  it('an upload through A\'s media library lands in the bucket with its formats, at absolute URLs on the public address', async () => {
    const response = await upload(A, png, 'campus.png');
    expect(response.status).toBe(201);
    [file] = response.body;
    expect(file.provider).toBe('aws-s3');
    expect(file.url).toMatch(new RegExp(`^${storage.publicUrl}/[^/]+\\.png$`));
    // 800 px wide: a thumbnail and the breakpoints below it (small 500, medium 750).
    expect(Object.keys(file.formats).sort()).toEqual(['medium', 'small', 'thumbnail']);
    for (const format of Object.values<any>(file.formats)) expect(format.url).toMatch(new RegExp(`^${storage.publicUrl}/[^/]+\\.png$`));

    const keys = await storage.keys();
    const expected = [file.url, ...Object.values<any>(file.formats).map((format) => format.url)].map(keyOf);
    expect(keys.sort()).toEqual(expected.sort());
    const original = await bytesAt(file.url);
    expect(original.status).toBe(200);
    expect(original.bytes.equals(png)).toBe(true);
    const thumbnail = await bytesAt(file.formats.thumbnail.url);
    expect(thumbnail.status).toBe(200);
    expect(pngSize(thumbnail.bytes)).toEqual({ width: file.formats.thumbnail.width, height: file.formats.thumbnail.height });
    expect(file.formats.thumbnail.width).toBeLessThanOrEqual(245);
  });

  it('B\'s media library lists it with the same URLs, and the admin\'s CSP allows the bucket\'s origin', async () => {
    const listed = await call(B, '/upload/files?pageSize=100', { auth: adminJwt });
    expect(listed.status).toBe(200);
    const row = listed.body.results.find((item: any) => item.id === file.id);
    expect(row).toMatchObject({ url: file.url, formats: { thumbnail: { url: file.formats.thumbnail.url } } });
    for (const instance of [A, B]) {
      const admin = await fetch(`${instance.base}/admin`);
      const csp = Object.fromEntries((admin.headers.get('content-security-policy') ?? '').split(';').map((part) => [part.trim().split(/\s+/)[0], part.trim().split(/\s+/).slice(1)]));
      expect(csp['img-src']).toContain(storage.endpoint);
      expect(csp['media-src']).toContain(storage.endpoint);
    }
  });

  it('as an article\'s cover (and an image in its body), published: B answers with the bucket\'s URLs unchanged in REST, the read model, GraphQL and JSON-LD', async () => {
    const list = await call(A, '/api/articles?locale=en&pagination[pageSize]=1');
    documentId = list.body.data[0].documentId;
    const draft = await call(A, `/api/articles/${documentId}?locale=en`);
    const body = [...draft.body.data.body, { type: 'image', image: { ...file }, children: [{ type: 'text', text: '' }] }];
    const published = await call(A, `/api/articles/${documentId}?locale=en&status=published`, { method: 'PUT', body: JSON.stringify({ data: { cover: file.id, body } }), auth: token });
    expect(published.status).toBe(200);
    slug = published.body.data.slug;

    const detail = await until(
      () => call(B, `/api/articles/slug/${encodeURIComponent(slug)}?locale=en`),
      (answer) => answer.body?.data?.cover?.url === file.url
    );
    expect(detail.status).toBe(200);
    const data = detail.body.data;
    expect(data.cover.url).toBe(file.url);
    expect(data.cover.formats.thumbnail.url).toBe(file.formats.thumbnail.url);
    expect(data.body.find((block: any) => block.type === 'image').image.url).toBe(file.url);
    expect(data.attribution.jsonLd.image).toBe(file.url);
    expect(JSON.stringify(detail.body)).not.toContain(`${PUBLIC_URL}http`);

    const teaser = (await call(B, `/api/articles?locale=en&pagination[pageSize]=100`)).body.data.find((item: any) => item.documentId === documentId);
    expect(teaser.cover.url).toBe(file.url);

    // The read model's stored answers hold the URLs as the provider wrote them.
    const client = new Client(database.env.DATABASE_URL ? { connectionString: database.env.DATABASE_URL } : { host: database.env.DATABASE_HOST, port: Number(database.env.DATABASE_PORT), user: database.env.DATABASE_USERNAME, database: database.env.DATABASE_NAME });
    await client.connect();
    try {
      const { rows } = await client.query(`select detail, teaser from read_model_rows where document_id = $1 and locale = 'en' and stale = 0`, [documentId]);
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0].detail).data.cover.url).toBe(file.url);
      expect(rows[0].teaser).toContain(file.url);
      expect(`${rows[0].detail}${rows[0].teaser}`).not.toContain(`${PUBLIC_URL}http`);
    } finally {
      await client.end();
    }

    const graphql = await call(B, '/graphql', {
      method: 'POST',
      body: JSON.stringify({ query: 'query ($slug: String) { articles(locale: "en", filters: { slug: { eq: $slug } }) { cover { url previewUrl formats } body } }', variables: { slug } }),
    });
    expect(graphql.status).toBe(200);
    const [article] = graphql.body.data.articles;
    expect(article.cover.url).toBe(file.url);
    expect(article.cover.formats.thumbnail.url).toBe(file.formats.thumbnail.url);
    expect(article.body.find((block: any) => block.type === 'image').image.url).toBe(file.url);

    const fetched = await bytesAt(data.cover.url);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(png)).toBe(true);
  });

  it('the export keeps the body\'s image URL as stored', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-media-export-')), 'export.ndjson');
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'export.js'), out], { cwd: ROOT, env: { ...process.env, ...common }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const text = JSON.stringify(lines);
    expect(text).toContain(file.url);
    expect(text).not.toContain(`${PUBLIC_URL}http`);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('with the store down: an upload answers 503 saying so and writes no file row, reads are unaffected; back up, uploads work again', async () => {
    const filesBefore = (await call(B, '/upload/files?pageSize=100', { auth: adminJwt })).body.results.length;
    await storage.stop();
    try {
      const failed = await upload(A, pngImage(400, 300, 99), 'during-outage.png');
      expect(failed.status).toBe(503);
      expect(failed.body.error.message).toBe('Upload storage is unavailable: the store cannot be reached (ECONNREFUSED); try again later.');
      const viaApi = new FormData();
      viaApi.append('files', new Blob([new Uint8Array(pngImage(64, 64, 98))], { type: 'image/png' }), 'tiny.png');
      const failedApi = await fetch(`${B.base}/api/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: viaApi });
      expect(failedApi.status).toBe(503);
      fiveHundreds -= 1; // the 503 counted by call() above is the answer this case expects
      expect((await call(B, '/upload/files?pageSize=100', { auth: adminJwt })).body.results.length).toBe(filesBefore);
      for (const instance of [A, B]) {
        const read = await call(instance, `/api/articles/slug/${encodeURIComponent(slug)}?locale=en`);
        expect(read.status).toBe(200);
        expect(read.body.data.cover.url).toBe(file.url);
        const graphql = await call(instance, '/graphql', { method: 'POST', body: JSON.stringify({ query: 'query ($slug: String) { articles(locale: "en", filters: { slug: { eq: $slug } }) { cover { url } } }', variables: { slug } }) });
        expect(graphql.body.data.articles[0].cover.url).toBe(file.url);
      }
    } finally {
      await storage.start();
    }
    const again = await upload(B, pngImage(400, 300, 97), 'after-outage.png');
    expect(again.status).toBe(201);
    const [after] = again.body;
    expect((await bytesAt(after.url)).bytes.equals(pngImage(400, 300, 97))).toBe(true);
    expect((await call(A, `/upload/files/${after.id}`, { method: 'DELETE', auth: adminJwt })).status).toBe(200);
  });

  it('deleted through B: the original and its formats leave the bucket, and A no longer lists it', async () => {
    const keysBefore = await storage.keys();
    const deleted = await call(B, `/upload/files/${file.id}`, { method: 'DELETE', auth: adminJwt });
    expect(deleted.status).toBe(200);
    const objects = [file.url, ...Object.values<any>(file.formats).map((format) => format.url)];
    const keysAfter = await storage.keys();
    expect(keysAfter.filter((key) => objects.map(keyOf).includes(key))).toEqual([]);
    expect(keysBefore.length - keysAfter.length).toBe(objects.length);
    for (const url of objects) expect((await bytesAt(url)).status).toBe(404);

    const listed = await call(A, '/upload/files?pageSize=100', { auth: adminJwt });
    expect(listed.status).toBe(200);
    expect(listed.body.results.map((item: any) => item.id)).not.toContain(file.id);
    expect((await call(A, `/api/upload/files/${file.id}`, { auth: token })).status).toBe(404);
    // Readers no longer get the deleted cover, from either instance (cache and read model included).
    for (const instance of [A, B]) {
      const answer = await until(
        () => call(instance, `/api/articles/slug/${encodeURIComponent(slug)}?locale=en`),
        (read) => read.status === 200 && (read.body.data.cover ?? null) === null
      );
      expect(answer.body.data.cover ?? null).toBeNull();
    }
  });

  it('answered no 5xx throughout', () => {
    expect(fiveHundreds).toBe(0);
  });
});

describe('start-up with a bucket that cannot be used', () => {
  /** Starts an instance that must not start; resolves with its exit code and output. */
  const failedStart = async (name: string, env: Record<string, string>) => {
    const instance = await spawnInstance(name, { ...common, ...env, SEED_ON_EMPTY: 'false' });
    extraInstances.push(instance);
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([instance.exited, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 120_000)))]);
    clearTimeout(timer);
    const output = instance.log.join('');
    const listening = await fetch(`${instance.base}/_health`).then(() => true, () => false);
    return { code: exit?.code ?? null, output, listening };
  };
  /** Lines of a stack trace (`    at …`) in the output. */
  const stackLines = (output: string) => output.split('\n').filter((line) => /^\s+at\s/.test(line));

  it.each([
    ['a missing bucket', { S3_BUCKET: 'no-such-bucket' }, () => `Upload storage: bucket "no-such-bucket" does not exist at ${storage.endpoint}`],
    [
      'an access key the store does not know',
      { S3_ACCESS_KEY_ID: 'NOT-A-KEY' },
      () => `Upload storage: bucket "${storage.bucket}" at ${storage.endpoint}: access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY and the key's rights on the bucket)`,
    ],
    ['a store nobody listens on', { S3_ENDPOINT: 'http://127.0.0.1:9' }, () => `Upload storage: bucket "${storage.bucket}" at http://127.0.0.1:9: the store cannot be reached (ECONNREFUSED; check S3_ENDPOINT)`],
    ['a malformed variable', { S3_PUBLIC_URL: 'media.example.edu' }, () => 'Upload storage: S3_PUBLIC_URL="media.example.edu" must be an absolute http(s) address, e.g. https://media.example.edu'],
    ['an unknown provider', { UPLOAD_PROVIDER: 'ftp' }, () => "Upload storage: UPLOAD_PROVIDER=\"ftp\" is not supported; use local (the default: the project's disk) or s3"],
  ])('%s: `strapi start` exits non-zero with one clear line, no stack trace', async (_case, env, line) => {
    const { code, output, listening } = await failedStart('failing', env);
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(listening).toBe(false);
    const matching = output.split('\n').filter((text) => text.includes('Upload storage'));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toContain(line());
    expect(stackLines(output)).toEqual([]);
  });
});
