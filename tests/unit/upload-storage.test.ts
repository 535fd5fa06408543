import { bucketProblem, mediaOrigins, readUploadStorage, s3ClientOptions, storeFailure, uploadPluginConfig, type S3Storage } from '../../src/lib/upload-storage';

const S3 = {
  UPLOAD_PROVIDER: 's3',
  S3_BUCKET: 'newsroom-media',
  S3_REGION: 'us-east-1',
  S3_ENDPOINT: 'http://127.0.0.1:9000/',
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'secret',
  S3_PUBLIC_URL: 'https://media.example.edu/newsroom/',
};

describe('readUploadStorage', () => {
  it('is the local disk when UPLOAD_PROVIDER is unset, empty or local (whatever S3_* say)', () => {
    expect(readUploadStorage({})).toEqual({ provider: 'local' });
    expect(readUploadStorage({ UPLOAD_PROVIDER: ' ' })).toEqual({ provider: 'local' });
    expect(readUploadStorage({ UPLOAD_PROVIDER: 'local', S3_BUCKET: 'Not A Bucket' })).toEqual({ provider: 'local' });
  });

  it('refuses any other provider, naming the choices', () => {
    expect(() => readUploadStorage({ UPLOAD_PROVIDER: 'aws-s3' })).toThrow('UPLOAD_PROVIDER="aws-s3" is not supported; use local (the default: the project\'s disk) or s3');
  });

  it('reads the S3 settings, trimming slashes', () => {
    expect(readUploadStorage({ ...S3, S3_ROOT_PATH: '/cms/media/', S3_ACL: 'public-read' })).toEqual({
      provider: 's3',
      bucket: 'newsroom-media',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
      publicUrl: 'https://media.example.edu/newsroom',
      rootPath: 'cms/media',
      acl: 'public-read',
    });
  });

  it('has AWS defaults: no endpoint, virtual-hosted style, no ACL, no prefix; no keys means the SDK\'s own credentials', () => {
    const { S3_ENDPOINT, S3_FORCE_PATH_STYLE, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, ...aws } = S3;
    const storage = readUploadStorage(aws) as S3Storage;
    expect(storage.endpoint).toBeUndefined();
    expect(storage.forcePathStyle).toBe(false);
    expect(storage.credentials).toBeUndefined();
    expect(storage.acl).toBeUndefined();
    expect(storage.rootPath).toBe('');
  });

  it.each([
    [{ S3_BUCKET: '' }, 'S3_BUCKET is required with UPLOAD_PROVIDER=s3, e.g. S3_BUCKET=newsroom-media'],
    [{ S3_BUCKET: 'News_Media' }, /^S3_BUCKET="News_Media" is not a bucket name/],
    [{ S3_BUCKET: 'ab' }, /^S3_BUCKET="ab" is not a bucket name/],
    [{ S3_REGION: '' }, 'S3_REGION is required with UPLOAD_PROVIDER=s3, e.g. S3_REGION=us-east-1'],
    [{ S3_REGION: 'US East' }, /^S3_REGION="US East" is not a region name/],
    [{ S3_ENDPOINT: 'minio:9000' }, /^S3_ENDPOINT="minio:9000" must be an absolute http\(s\) address/],
    [{ S3_ENDPOINT: 'ftp://minio.example.edu' }, /^S3_ENDPOINT="ftp:\/\/minio.example.edu" must be an absolute http\(s\) address/],
    [{ S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE="yes" must be true or false'],
    [{ S3_ACCESS_KEY_ID: '' }, /^S3_ACCESS_KEY_ID is required when S3_SECRET_ACCESS_KEY is set/],
    [{ S3_SECRET_ACCESS_KEY: '' }, /^S3_SECRET_ACCESS_KEY is required when S3_ACCESS_KEY_ID is set/],
    [{ S3_PUBLIC_URL: '' }, 'S3_PUBLIC_URL is required with UPLOAD_PROVIDER=s3, e.g. S3_PUBLIC_URL=https://media.example.edu'],
    [{ S3_PUBLIC_URL: '/uploads' }, /^S3_PUBLIC_URL="\/uploads" must be an absolute http\(s\) address/],
    [{ S3_PUBLIC_URL: 'https://media.example.edu/?v=1' }, /^S3_PUBLIC_URL=".*" must be a plain address without query/],
    [{ S3_ROOT_PATH: 'media/../secrets' }, /^S3_ROOT_PATH="media\/..\/secrets" must be a key prefix/],
    [{ S3_ROOT_PATH: 'media files' }, /^S3_ROOT_PATH="media files" must be a key prefix/],
    [{ S3_ACL: 'private' }, /^S3_ACL=private is not supported/],
    [{ S3_ACL: 'public' }, /^S3_ACL="public" is not a canned ACL; use one of public-read/],
  ])('names the variable that is missing or malformed: %j', (change, message) => {
    expect(() => readUploadStorage({ ...S3, ...change })).toThrow(message);
  });

  it.each([
    [{ S3_ENDPOINT: 'https://minio-admin:TopSecret1@minio.example.edu:9000' }],
    [{ S3_PUBLIC_URL: 'https://user:TopSecret1@media.example.edu' }],
    [{ S3_PUBLIC_URL: 'https://media.example.edu/?X-Amz-Signature=TopSecret1' }],
    [{ S3_ENDPOINT: 'minio-admin:TopSecret1@minio:9000' }],
  ])('never repeats credentials or a query of an address in its message (it goes to the log): %j', (change) => {
    let message = '';
    try {
      readUploadStorage({ ...S3, ...change });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^S3_(ENDPOINT|PUBLIC_URL)=/);
    expect(message).not.toContain('TopSecret1');
  });
});

describe('uploadPluginConfig', () => {
  it('leaves the local disk to Strapi\'s default', () => {
    expect(uploadPluginConfig({ provider: 'local' })).toBeUndefined();
  });

  it('configures Strapi\'s aws-s3 provider: the public base URL as baseUrl, the bucket, the keys inside credentials', () => {
    const storage = readUploadStorage({ ...S3, S3_ROOT_PATH: 'cms' });
    expect(uploadPluginConfig(storage)).toEqual({
      provider: 'aws-s3',
      providerOptions: {
        baseUrl: 'https://media.example.edu/newsroom',
        rootPath: 'cms',
        s3Options: {
          region: 'us-east-1',
          endpoint: 'http://127.0.0.1:9000',
          forcePathStyle: true,
          credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
          params: { Bucket: 'newsroom-media', ACL: undefined },
        },
      },
    });
  });

  it('names ACL without a value when S3_ACL is empty, so the provider sends none (it sends public-read when the key is absent)', () => {
    const params = uploadPluginConfig(readUploadStorage(S3))!.providerOptions.s3Options.params;
    expect('ACL' in params).toBe(true);
    expect(params.ACL).toBeUndefined();
  });

  it('gives the same client options to the provider and to the start-up check', () => {
    const storage = readUploadStorage(S3) as S3Storage;
    const { params, ...client } = uploadPluginConfig(storage)!.providerOptions.s3Options;
    expect(client).toEqual(s3ClientOptions(storage));
  });
});

describe('mediaOrigins', () => {
  it('is the public base URL\'s origin for s3, nothing for the local disk', () => {
    expect(mediaOrigins(readUploadStorage(S3))).toEqual(['https://media.example.edu']);
    expect(mediaOrigins(readUploadStorage({ ...S3, S3_PUBLIC_URL: 'http://127.0.0.1:4569/media' }))).toEqual(['http://127.0.0.1:4569']);
    expect(mediaOrigins({ provider: 'local' })).toEqual([]);
  });
});

describe('bucketProblem', () => {
  const storage = readUploadStorage(S3) as S3Storage;
  // The shapes the AWS SDK v3 (3.1023.0) gives for HeadBucket, as seen against s3rver.
  it.each([
    [{ name: 'NotFound', $metadata: { httpStatusCode: 404 } }, 'Upload storage: bucket "newsroom-media" does not exist at http://127.0.0.1:9000'],
    [
      { name: 'Unknown', $metadata: { httpStatusCode: 403 } },
      'Upload storage: bucket "newsroom-media" at http://127.0.0.1:9000: access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY and the key\'s rights on the bucket)',
    ],
    [{ name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9000' }, 'Upload storage: bucket "newsroom-media" at http://127.0.0.1:9000: the store cannot be reached (ECONNREFUSED; check S3_ENDPOINT)'],
    [{ name: 'PermanentRedirect', $metadata: { httpStatusCode: 301 } }, 'Upload storage: bucket "newsroom-media" at http://127.0.0.1:9000: the bucket is in another region (check S3_REGION)'],
    [{ name: 'InternalError', message: 'We encountered an internal error.\nPlease try again.', $metadata: { httpStatusCode: 500 } }, 'Upload storage: bucket "newsroom-media" at http://127.0.0.1:9000: the check failed (HTTP 500 InternalError We encountered an internal error.)'],
  ])('one line for %j', (error, line) => {
    expect(bucketProblem(storage, error)).toBe(line);
  });

  it('names the AWS region when there is no endpoint', () => {
    const aws = readUploadStorage({ ...S3, S3_ENDPOINT: '', S3_REGION: 'eu-central-1' }) as S3Storage;
    expect(bucketProblem(aws, { name: 'NotFound', $metadata: { httpStatusCode: 404 } })).toBe('Upload storage: bucket "newsroom-media" does not exist at AWS region eu-central-1');
  });
});

describe('config/middlewares.ts: the Content-Security-Policy with media in a bucket', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Koa = require('koa');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const request = require('supertest');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const security = require('../../src/read-path/security').default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const middlewares = require('../../config/middlewares').default;
  const strapi = { plugin: () => undefined, config: { get: (key: string) => (key === 'admin.path' ? '/admin' : undefined) } };

  const cspWith = async (env: Record<string, string>, url: string) => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const entry = middlewares({ env: Object.assign(() => undefined, { int: (_name: string, fallback: number) => fallback }) }).find((item: any) => item === 'strapi::security' || item?.name === 'strapi::security');
      const app = new Koa();
      app.use(security(typeof entry === 'string' ? {} : entry.config, { strapi }));
      app.use((ctx: any) => {
        ctx.body = 'ok';
      });
      const response = await request(app.callback()).get(url);
      return Object.fromEntries(
        (response.headers['content-security-policy'] as string).split(';').map((part) => {
          const [name, ...values] = part.trim().split(/\s+/);
          return [name, values];
        })
      ) as Record<string, string[]>;
    } finally {
      for (const key of Object.keys(env)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  };

  it.each(['/admin/plugins/upload', '/api/articles'])('allows the public base URL\'s origin for images and media on %s, keeping Strapi\'s sources', async (url) => {
    const csp = await cspWith({ ...S3, S3_PUBLIC_URL: 'https://cdn.example.edu/media' }, url);
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io', 'https://cdn.example.edu']);
    expect(csp['media-src']).toEqual(["'self'", 'data:', 'blob:', 'https://cdn.example.edu']);
  });

  it('adds nothing with the local disk', async () => {
    const csp = await cspWith({ UPLOAD_PROVIDER: 'local' }, '/admin/plugins/upload');
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://market-assets.strapi.io']);
    expect(csp['media-src']).toEqual(["'self'", 'data:', 'blob:']);
  });
});

describe('storeFailure', () => {
  it.each([
    [{ name: 'Error', code: 'ECONNREFUSED' }, 'Upload storage is unavailable: the store cannot be reached (ECONNREFUSED); try again later.'],
    [{ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } }, 'Upload storage is unavailable: the store refused the credentials; try again later.'],
    [{ name: 'InternalError', $fault: 'server', $metadata: { httpStatusCode: 500 } }, 'Upload storage is unavailable: the store answered 500 InternalError; try again later.'],
    [{ name: 'TimeoutError' }, 'Upload storage is unavailable: the store did not answer; try again later.'],
  ])('tells the editor what the store did: %j', (error, message) => {
    expect(storeFailure(error)).toBe(message);
  });

  it('leaves errors that are not the store\'s to Strapi', () => {
    expect(storeFailure(new Error('sharp: unsupported image format'))).toBeNull();
    expect(storeFailure(Object.assign(new Error('payload too large'), { status: 413 }))).toBeNull();
    expect(storeFailure(undefined)).toBeNull();
  });
});
