import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { Core } from '@strapi/strapi';
import createError from 'http-errors';

import { bucketProblem, readUploadStorage, s3ClientOptions, storeFailure, type S3Storage } from '../lib/upload-storage';

/** An error Strapi's logger prints as its message alone (no stack): the one line start-up stops with. */
export class UploadStorageStartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadStorageStartupError';
    this.stack = '';
  }
}

/** HeadBucket with the provider's settings: resolves, or rejects with the one line to stop with. */
export const checkBucket = async (storage: S3Storage) => {
  const client = new S3Client({
    ...s3ClientOptions(storage),
    // A store that is down fails the start within seconds, not after the SDK's retries.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 10_000 },
  });
  try {
    await client.send(new HeadBucketCommand({ Bucket: storage.bucket }));
  } catch (error) {
    throw new UploadStorageStartupError(bucketProblem(storage, error));
  } finally {
    client.destroy();
  }
};

/**
 * With UPLOAD_PROVIDER=s3, the bucket must exist and the credentials reach it before the server
 * listens (docs/operations.md, "Media on object storage"): otherwise `strapi start` exits 1
 * with one line (a missing bucket, access denied, the store unreachable), not with the first
 * editor's failed upload.
 */
export const checkUploadStorage = async (env: NodeJS.ProcessEnv = process.env) => {
  const storage = readUploadStorage(env);
  if (storage.provider === 's3') await checkBucket(storage);
};

const STORE_CALLS = ['upload', 'uploadStream', 'replace', 'replaceStream', 'delete'] as const;

/**
 * A failing store (down, unreachable, refusing the key) answers the editor 503 with what happened
 * instead of Strapi's bare 500, and logs one line. The provider's methods are wrapped in register,
 * after the upload plugin created the provider; Strapi writes no file row when the upload failed.
 */
export const guardUploadStorage = (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  if (readUploadStorage(env).provider !== 's3') return;
  const provider = strapi.plugin('upload').provider as unknown as Record<string, unknown>;
  for (const name of STORE_CALLS) {
    const call = provider[name];
    if (typeof call !== 'function') continue;
    provider[name] = async (...args: unknown[]) => {
      try {
        return await call.apply(provider, args);
      } catch (error) {
        const message = storeFailure(error);
        if (!message) throw error;
        strapi.log.warn(`upload storage: ${name} failed: ${(error as Error).name} ${(error as Error).message?.split('\n')[0] ?? ''}`.trim());
        throw createError(503, message);
      }
    };
  }
};
