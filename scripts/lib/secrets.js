'use strict';

const crypto = require('node:crypto');

const secret = () => crypto.randomBytes(16).toString('base64');

/** Fresh values for every secret Strapi needs, for a throw-away server (tests, checks). */
const freshSecrets = () => ({
  APP_KEYS: [secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  // 32 random bytes: the preview's key needs at least 32 characters (src/lib/preview.ts)
  PREVIEW_SECRET: crypto.randomBytes(32).toString('base64'),
});

module.exports = { freshSecrets };
