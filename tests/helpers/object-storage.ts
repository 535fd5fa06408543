import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver');

/**
 * An S3-compatible server in the test's own process (s3rver: files in a temp dir, on a free port
 * of 127.0.0.1), with one bucket the test creates through the AWS SDK, and the environment that
 * points a CMS instance at it (docs/operations.md, "Media on object storage"). s3rver knows one
 * account, S3RVER / S3RVER; it refuses an unknown access key id (403) but does not check SigV4
 * signatures, so a wrong secret with the right key id is accepted.
 */
export const S3RVER_KEY = 'S3RVER';

export interface ObjectStorage {
  port: number;
  endpoint: string;
  bucket: string;
  /** the public base URL of the bucket (path-style): what file URLs start with */
  publicUrl: string;
  client: S3Client;
  /** UPLOAD_PROVIDER=s3 and the S3_* variables for an instance */
  env: (extra?: Record<string, string>) => Record<string, string>;
  /** every key in the bucket */
  keys: () => Promise<string[]>;
  /** the store goes down (nothing listens on its port); its files stay */
  stop: () => Promise<void>;
  /** the store comes back on the same port with the same files */
  start: () => Promise<void>;
  close: () => Promise<void>;
}

export const startObjectStorage = async (bucket = 'newsroom-media'): Promise<ObjectStorage> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-s3rver-'));
  let server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
  const { port } = await server.run();
  let running = true;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY } });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const publicUrl = `${endpoint}/${bucket}`;
  return {
    port,
    endpoint,
    bucket,
    publicUrl,
    client,
    env: (extra = {}) => ({
      UPLOAD_PROVIDER: 's3',
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: S3RVER_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_PUBLIC_URL: publicUrl,
      // The pinned SDK works on Node 20; its notice that later versions will not is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...extra,
    }),
    keys: async () => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const item of page.Contents ?? []) keys.push(item.Key!);
        token = page.NextContinuationToken;
      } while (token);
      return keys;
    },
    stop: async () => {
      if (!running) return;
      running = false;
      server.httpServer.closeAllConnections();
      await server.close();
    },
    start: async () => {
      if (running) return;
      server = new S3rver({ port, address: '127.0.0.1', silent: true, directory });
      await server.run();
      running = true;
    },
    close: async () => {
      client.destroy();
      if (running) {
        server.httpServer.closeAllConnections();
        await server.close();
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buffer: Buffer) => {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A PNG of the given size (RGB gradients tinted by `seed`: different bytes for each seed). */
export const pngImage = (width: number, height: number, seed: number): Buffer => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) {
      raw[row + 1 + x * 3] = (x + seed) & 0xff;
      raw[row + 2 + x * 3] = (y * 3 + seed * 7) & 0xff;
      raw[row + 3 + x * 3] = (x ^ y ^ seed) & 0xff;
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
};

/** A PNG's width and height, from its header. */
export const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
