import zlib from 'node:zlib';

import { CSP_DEFAULTS } from '@strapi/utils';

import { BODY_LIMIT_DEFAULTS, QUERY_LIMIT_DEFAULTS, readLimit } from '../src/lib/input-limits';
import { graphqlLimits } from '../src/lib/graphql-limits';
import { bodyParserOptions } from '../src/middlewares/input-limits';
import { mediaOrigins, uploadStorageFromEnv } from '../src/lib/upload-storage';

export default ({ env }) => {
  // docs/security.md, "Cost and size limits"
  const body = {
    maxDepth: readLimit(process.env, 'BODY_MAX_DEPTH', BODY_LIMIT_DEFAULTS.maxDepth),
    maxKeys: readLimit(process.env, 'BODY_MAX_KEYS', BODY_LIMIT_DEFAULTS.maxKeys),
  };
  const query = {
    maxDepth: readLimit(process.env, 'QUERY_MAX_DEPTH', QUERY_LIMIT_DEFAULTS.maxDepth),
    maxParameters: readLimit(process.env, 'QUERY_MAX_PARAMETERS', QUERY_LIMIT_DEFAULTS.maxParameters),
  };
  // Media in a bucket (UPLOAD_PROVIDER=s3): the admin's media library shows them from its public
  // address, which the Content-Security-Policy must allow for images and audio/video. Strapi's
  // lists first: its middleware fills the directives from its defaults index by index.
  const origins = mediaOrigins(uploadStorageFromEnv(process.env));
  const security =
    origins.length > 0
      ? {
          name: 'strapi::security',
          config: {
            contentSecurityPolicy: {
              useDefaults: true,
              directives: {
                'img-src': [...CSP_DEFAULTS['img-src'], ...origins],
                'media-src': [...CSP_DEFAULTS['media-src'], ...origins],
              },
            },
          },
        }
      : 'strapi::security';
  return [
    // Its line built only when the http level is on (src/read-path/logger.ts replaces Strapi's).
    'strapi::logger',
    'global::error-paths',
    'strapi::errors',
    // gzip and brotli (koa-compress; docs/api.md, "Compression") for every response below it: the
    // admin, GraphQL, uncached API reads. Inside the error handlers, so they still get a JSON error
    // body to bound (error bodies stay uncompressed: small) and koa-compress's 406 is a JSON error
    // too. Outside the response cache, which sends its stored compressed copies with a
    // Content-Encoding koa-compress leaves alone. The http-cache middleware and the response cache
    // read these settings, so each coding's ETag names what is sent. Brotli quality 5: responses
    // are compressed while a client waits, and on a 408 KB list page 11 (zlib's default) takes
    // 583 ms for 14% fewer bytes than 5 (2 ms); 4 (koa-compress's) saves 0.5 ms for 16% more
    // bytes (BENCHMARKS.md, "Compression"). No deflate: every client that takes it takes gzip, and
    // it would be one more copy to store.
    {
      name: 'strapi::compression',
      config: {
        threshold: 1024,
        br: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
        gzip: {},
        deflate: false,
      },
    },
    // CORS depends on each request's Origin, so it runs before the response cache...
    {
      name: 'strapi::cors',
      // Strapi's allowed request headers, and the translation desk's X-Translated-From (a browser
      // client on another origin saving a translation names its source: docs/translations.md).
      config: { headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'X-Translated-From'] },
    },
    // ...which answers public content-API reads it holds (config/cache.ts) without running anything
    // below. The headers the middlewares below set (security, powered-by, ETag, Cache-Control) are
    // stored with each response and sent again with it.
    'global::response-cache',
    // Each helmet built once (src/read-path/security.ts replaces Strapi's, with its rules).
    security,
    'strapi::poweredBy',
    {
      name: 'global::http-cache',
      config: {
        maxAge: env.int('CONTENT_CACHE_MAX_AGE', 0),
        staleWhileRevalidate: env.int('CONTENT_CACHE_STALE_WHILE_REVALIDATE', 0),
      },
    },
    // Public reads answered from the read model (src/read-model; docs/architecture.md): inside the
    // ETag and the response cache, ahead of everything an answer from the model does not need
    // (the body parser, the input limits, whose query-string checks it applies itself, the
    // session, the router) and of the attribution below, whose work the stored answers carry.
    { name: 'global::read-model', config: { query } },
    {
      name: 'strapi::query',
      config: { depth: query.maxDepth, parameterLimit: query.maxParameters, arrayLimit: QUERY_LIMIT_DEFAULTS.maxArrayItems },
    },
    { name: 'strapi::body', config: bodyParserOptions(body) },
    // Nothing below (no route handler) sees a query string or body past the limits.
    { name: 'global::input-limits', config: { body, query } },
    // GraphQL documents Apollo would answer with a 500 (fragment cycles) or an internal error.
    { name: 'global::graphql-document', config: { endpoint: '/graphql', maxTokens: graphqlLimits(process.env).maxTokens } },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
    // Adds `attribution` to article responses (docs/reprint-attribution.md): inside the response
    // cache and the ETag, so both cover it.
    // (REPRINT_ATTRIBUTION_ENABLED=false turns it into a pass-through: the plugin's `responses`.)
    'plugin::reprint-attribution.attribution',
  ];
};
