export default ({ env }) => [
  'strapi::logger',
  'global::error-paths',
  'strapi::errors',
  // CORS depends on each request's Origin, so it runs before the response cache...
  'strapi::cors',
  // ...which answers public content-API reads it holds (config/cache.ts) without running anything
  // below. The headers the middlewares below set (security, powered-by, ETag, Cache-Control) are
  // stored with each response and sent again with it.
  'global::response-cache',
  'strapi::security',
  'strapi::poweredBy',
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
