import zlib from 'node:zlib';

import type { Compressed, CompressionSettings } from '../lib/http-cache';

// Looked up on each call (not bound once), so a test can count the calls.
const compressors: Record<Compressed, (body: Buffer, options: object) => Promise<Buffer>> = {
  br: (body, options) => new Promise((resolve, reject) => zlib.brotliCompress(body, options, (error, out) => (error ? reject(error) : resolve(out)))),
  gzip: (body, options) => new Promise((resolve, reject) => zlib.gzip(body, options, (error, out) => (error ? reject(error) : resolve(out)))),
};

/**
 * `body` in every coding of `settings`, with koa-compress's options, so a stored entry answers
 * any client without compressing again. Runs on zlib's thread pool, off the event loop.
 */
export const compressAll = async (body: Buffer, settings: CompressionSettings): Promise<Partial<Record<Compressed, Buffer>>> => {
  const encoded = await Promise.all(settings.codings.map(async (coding) => [coding, await compressors[coding](body, settings.options[coding])] as const));
  return Object.fromEntries(encoded);
};
