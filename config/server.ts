export default ({ env }) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: env.array('APP_KEYS'),
  },
  // Scheduled jobs (the reprint-attribution expiry check runs daily).
  cron: {
    enabled: env.bool('CRON_ENABLED', true),
  },
});
