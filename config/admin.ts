import { previewOrigin, readPreviewConfig } from '../src/lib/preview';
import { previewUrl } from '../src/preview';

// A preview on another origin (PREVIEW_URL: a site's front end, or {cms} on an admin served
// elsewhere) joins the admin's CSP frame-src; the built-in page is a path on this server.
const previewFrameOrigin = previewOrigin(readPreviewConfig(process.env, { randomKey: () => 'x'.repeat(32) }).pattern);

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
  // "Open preview" in the Content Manager (docs/preview.md): articles, on the built-in page
  // (/preview/articles/…) or on the site's own front end (PREVIEW_URL). The admin frames the
  // preview: its origin joins the admin's CSP frame-src. The handler answers only for an admin
  // who may read the version, with a short-lived signed link.
  preview: {
    enabled: env.bool('PREVIEW_ENABLED', true),
    config: {
      ...(previewFrameOrigin ? { allowedOrigins: [previewFrameOrigin] } : {}),
      handler: (uid: string, params: { documentId?: string; locale?: string | null; status?: string }) => previewUrl((globalThis as any).strapi, uid, params),
    },
  },
  flags: {
    nps: env.bool('FLAG_NPS', false),
    promoteEE: env.bool('FLAG_PROMOTE_EE', false),
  },
});
