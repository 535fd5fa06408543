export default ({ env }) => [
  'strapi::logger',
  'global::error-paths',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  // Public content-API reads served from the cache skip everything below (config/cache.ts).
  'global::response-cache',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  {
    name: 'global::http-cache',
    config: {
      maxAge: env.int('CONTENT_CACHE_MAX_AGE', 0),
      staleWhileRevalidate: env.int('CONTENT_CACHE_STALE_WHILE_REVALIDATE', 0),
    },
  },
];
