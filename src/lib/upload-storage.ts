/**
 * Where uploaded media live (docs/operations.md, "Media on object storage"): the project's disk
 * (`public/uploads`, the default) or an S3-compatible bucket through Strapi's provider
 * (@strapi/provider-upload-aws-s3). Pure: reads an environment, returns data or throws an
 * UploadStorageConfigError whose message names the variable to fix. config/plugins.ts,
 * config/middlewares.ts and src/bootstrap/upload-storage.ts use it.
 */

type Env = Record<string, string | undefined>;

export class UploadStorageConfigError extends Error {}

export const UPLOAD_PROVIDERS = ['local', 's3'] as const;

/**
 * S3 canned ACLs the provider may send with each object. `private` is refused: Strapi then signs
 * every media URL it answers with (expiring in minutes), which the response cache and the read
 * model would keep past their expiry, and readers could not load the files.
 */
export const S3_ACLS = ['public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control'] as const;

export interface S3Storage {
  provider: 's3';
  bucket: string;
  region: string;
  /** the store's API address for non-AWS stores (MinIO, R2, …); undefined: AWS */
  endpoint?: string;
  forcePathStyle: boolean;
  /** both undefined: the AWS SDK's own credential chain (AWS_* variables, an instance role) */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** the public base URL files are served from (the bucket's address or a CDN), no trailing slash */
  publicUrl: string;
  /** key prefix inside the bucket, no leading or trailing slash; '' for none */
  rootPath: string;
  /** canned ACL sent with each object; undefined: none (the bucket's policy makes objects readable) */
  acl?: (typeof S3_ACLS)[number];
}

export type UploadStorage = { provider: 'local' } | S3Storage;

const value = (env: Env, name: string) => (env[name] ?? '').trim();

const required = (env: Env, name: string, example: string) => {
  const raw = value(env, name);
  if (!raw) throw new UploadStorageConfigError(`${name} is required with UPLOAD_PROVIDER=s3, e.g. ${name}=${example}`);
  return raw;
};

/**
 * An address as a message may show it: credentials (`user:secret@`) and anything after `?` or
 * `#` (a signed query) left out, since the message goes to the log.
 */
export const shownAddress = (raw: string) => raw.replace(/^((?:[a-z][a-z0-9+.-]*:)?\/\/)?[^/?#\s@]*@/i, '$1…@').replace(/[?#].*$/s, '?…');

const httpUrl = (name: string, raw: string, example: string) => {
  let url: URL;
  const shown = shownAddress(raw);
  try {
    url = new URL(raw);
  } catch {
    throw new UploadStorageConfigError(`${name}="${shown}" must be an absolute http(s) address, e.g. ${example}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new UploadStorageConfigError(`${name}="${shown}" must be an absolute http(s) address, e.g. ${example}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new UploadStorageConfigError(`${name}="${shown}" must be a plain address without query, fragment or credentials, e.g. ${example}`);
  }
  return url.toString().replace(/\/+$/, '');
};

const bool = (env: Env, name: string, fallback: boolean) => {
  const raw = value(env, name).toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new UploadStorageConfigError(`${name}="${env[name]}" must be true or false`);
};

// AWS's rules for new buckets (3–63 characters: lower-case letters, digits, dots, hyphens), which
// MinIO and the other S3-compatible stores follow.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9][a-z0-9-]{0,62}$/;
const ROOT_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Reads UPLOAD_PROVIDER and, for s3, the S3_* variables (.env.example lists them). */
export const readUploadStorage = (env: Env): UploadStorage => {
  const provider = value(env, 'UPLOAD_PROVIDER').toLowerCase() || 'local';
  if (!(UPLOAD_PROVIDERS as readonly string[]).includes(provider)) {
    throw new UploadStorageConfigError(`UPLOAD_PROVIDER="${env.UPLOAD_PROVIDER}" is not supported; use local (the default: the project's disk) or s3`);
  }
  if (provider === 'local') return { provider: 'local' };

  const bucket = required(env, 'S3_BUCKET', 'newsroom-media');
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new UploadStorageConfigError(`S3_BUCKET="${bucket}" is not a bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit`);
  }
  const region = required(env, 'S3_REGION', 'us-east-1');
  if (!REGION.test(region)) throw new UploadStorageConfigError(`S3_REGION="${region}" is not a region name, e.g. us-east-1 (or auto for Cloudflare R2)`);
  const endpointRaw = value(env, 'S3_ENDPOINT');
  const endpoint = endpointRaw ? httpUrl('S3_ENDPOINT', endpointRaw, 'https://minio.example.edu:9000') : undefined;
  const forcePathStyle = bool(env, 'S3_FORCE_PATH_STYLE', false);

  const accessKeyId = value(env, 'S3_ACCESS_KEY_ID');
  const secretAccessKey = value(env, 'S3_SECRET_ACCESS_KEY');
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    const missing = accessKeyId ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    throw new UploadStorageConfigError(`${missing} is required when ${missing === 'S3_ACCESS_KEY_ID' ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'} is set (leave both empty to use the AWS SDK's own credentials, e.g. an instance role)`);
  }

  const publicUrl = httpUrl('S3_PUBLIC_URL', required(env, 'S3_PUBLIC_URL', 'https://media.example.edu'), 'https://media.example.edu');

  const rootPath = value(env, 'S3_ROOT_PATH').replace(/^\/+|\/+$/g, '');
  if (rootPath && (!ROOT_PATH.test(rootPath) || rootPath.split('/').some((part) => part === '.' || part === '..'))) {
    throw new UploadStorageConfigError(`S3_ROOT_PATH="${env.S3_ROOT_PATH}" must be a key prefix of letters, digits, '.', '_', '-' and '/', e.g. newsroom/media`);
  }

  const aclRaw = value(env, 'S3_ACL');
  if (aclRaw === 'private') {
    throw new UploadStorageConfigError(`S3_ACL=private is not supported: readers must load media from S3_PUBLIC_URL; leave S3_ACL empty and let the bucket's policy (or a CDN) serve the files`);
  }
  if (aclRaw && !(S3_ACLS as readonly string[]).includes(aclRaw)) {
    throw new UploadStorageConfigError(`S3_ACL="${aclRaw}" is not a canned ACL; use one of ${S3_ACLS.join(', ')}, or leave it empty (no ACL: the bucket's policy decides)`);
  }

  return {
    provider: 's3',
    bucket,
    region,
    endpoint,
    forcePathStyle,
    credentials: accessKeyId ? { accessKeyId, secretAccessKey } : undefined,
    publicUrl,
    rootPath,
    acl: (aclRaw || undefined) as S3Storage['acl'],
  };
};

/** The S3 client options (of @aws-sdk/client-s3) the storage gives: the provider's and the start-up check's. */
export const s3ClientOptions = (storage: S3Storage) => ({
  region: storage.region,
  ...(storage.endpoint ? { endpoint: storage.endpoint } : {}),
  forcePathStyle: storage.forcePathStyle,
  ...(storage.credentials ? { credentials: { ...storage.credentials } } : {}),
});

/**
 * The upload plugin's configuration (config/plugins.ts `upload.config`); undefined for the local
 * disk, which is Strapi's default.
 */
export const uploadPluginConfig = (storage: UploadStorage) => {
  if (storage.provider === 'local') return undefined;
  return {
    provider: 'aws-s3',
    providerOptions: {
      // The provider writes `${baseUrl}/${rootPath/}${hash}${ext}` as each file's url: absolute.
      baseUrl: storage.publicUrl,
      rootPath: storage.rootPath || undefined,
      s3Options: {
        ...s3ClientOptions(storage),
        // An ACL key without a value: the provider sends no ACL header (it sends public-read when
        // the key is absent), which buckets with ACLs disabled (AWS's default since 2023) refuse.
        params: { Bucket: storage.bucket, ACL: storage.acl },
      },
    },
  };
};

/**
 * The origins the admin's pages must be allowed to load media from (CSP `img-src`, `media-src`):
 * the public base URL's. None for the local disk (served by the CMS itself: 'self').
 */
export const mediaOrigins = (storage: UploadStorage): string[] => (storage.provider === 's3' ? [new URL(storage.publicUrl).origin] : []);

/** Where the bucket is, for messages: the endpoint (or AWS's region). */
const location = (storage: S3Storage) => storage.endpoint ?? `AWS region ${storage.region}`;

/**
 * The one line the server stops with when its start-up check of the bucket (HeadBucket) fails,
 * from the AWS SDK's error (its name, HTTP status, network code).
 */
export const bucketProblem = (storage: S3Storage, error: unknown): string => {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const status = e.$metadata?.httpStatusCode;
  const prefix = `Upload storage: bucket "${storage.bucket}" at ${location(storage)}`;
  if (status === 404 || e.name === 'NotFound' || e.name === 'NoSuchBucket') return `Upload storage: bucket "${storage.bucket}" does not exist at ${location(storage)}`;
  if (status === 401 || status === 403 || e.name === 'Forbidden' || e.name === 'InvalidAccessKeyId' || e.name === 'SignatureDoesNotMatch' || e.name === 'AccessDenied') {
    return `${prefix}: access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY and the key's rights on the bucket)`;
  }
  if (status === 301 || e.name === 'PermanentRedirect') return `${prefix}: the bucket is in another region (check S3_REGION)`;
  const network = e.code ?? e.cause?.code;
  if (network && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH)$/.test(network)) {
    return `${prefix}: the store cannot be reached (${network}; check S3_ENDPOINT)`;
  }
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `${prefix}: the store did not answer in time (check S3_ENDPOINT)`;
  const detail = [status ? `HTTP ${status}` : '', e.name && e.name !== 'Error' ? e.name : '', (e.message ?? '').split('\n')[0]].filter(Boolean).join(' ');
  return `${prefix}: the check failed (${detail || 'unknown error'})`;
};

/** Config-file entry point: stops start-up with one line naming the variable instead of a stack trace. */
export const uploadStorageFromEnv = (env: Env): UploadStorage => {
  try {
    return readUploadStorage(env);
  } catch (error) {
    if (!(error instanceof UploadStorageConfigError)) throw error;
    console.error(`Upload storage: ${error.message}`);
    process.exit(1);
  }
};

/**
 * What the editor is told when the store fails an upload, replacement or deletion (the upload
 * provider's S3 call): null when the error is not the store's (Strapi's own errors pass on).
 */
export const storeFailure = (error: unknown): string | null => {
  const e = (error ?? {}) as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  const status = e.$metadata?.httpStatusCode;
  const network = e.code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EPIPE)$/.test(e.code) ? e.code : null;
  if (!network && !e.$metadata && !e.$fault && e.name !== 'TimeoutError') return null;
  const reason = network ? `the store cannot be reached (${network})` : status === 401 || status === 403 ? 'the store refused the credentials' : status ? `the store answered ${status}${e.name && e.name !== 'Unknown' ? ` ${e.name}` : ''}` : 'the store did not answer';
  return `Upload storage is unavailable: ${reason}; try again later.`;
};
