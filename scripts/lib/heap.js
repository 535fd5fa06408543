'use strict';

/**
 * The V8 flags the production server runs with. V8 grows its heap lazily and keeps what it grew:
 * under load the server's resident memory climbed past 500 MB although what it keeps alive fits
 * well under 200 MB (BENCHMARKS.md). A bounded old space makes V8 collect instead of grow.
 * NODE_MAX_OLD_SPACE_MB sets the bound (default 320); a --max-old-space-size already in
 * NODE_OPTIONS wins.
 */
const serverNodeFlags = (env = process.env) => {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS || '')) return [];
  const mb = Number(env.NODE_MAX_OLD_SPACE_MB || 320);
  if (!Number.isInteger(mb) || mb < 128) throw new Error(`NODE_MAX_OLD_SPACE_MB must be a whole number of MB, at least 128 (got "${env.NODE_MAX_OLD_SPACE_MB}")`);
  return [`--max-old-space-size=${mb}`];
};

module.exports = { serverNodeFlags };
