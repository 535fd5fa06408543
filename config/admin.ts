export default ({ env }) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  // Strapi's limit on admin login attempts (5 per 5 minutes per e-mail address and IP). On by
  // default; only the browser tests, which log one admin in dozens of times, turn it off.
  rateLimit: {
    enabled: env.bool('ADMIN_LOGIN_RATE_LIMIT', true),
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
