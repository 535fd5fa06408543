/**
 * Preview links (docs/preview.md): what the Content Manager's "Open preview" opens, and the
 * short-lived token that lets one article version be seen before it is published. Pure: no
 * Strapi import; config/preview.ts reads the environment, src/preview/ is the Strapi glue.
 *
 * A token is `<expires>.<signature>`: `expires` in whole seconds since the epoch, `signature` the
 * HMAC-SHA256 (PREVIEW_SECRET), base64url, of `newsroom-preview:v1`, the content type, the
 * documentId, the locale, the status and `expires`, one per line. It names one version of one
 * document: another document, locale or status, or a later time, fails the check. The secret never
 * leaves the server; a link stops working when it expires (PREVIEW_TOKEN_TTL) or when the secret
 * changes.
 */
import crypto from 'node:crypto';

import { isAbsoluteHttp, readSiteUrlConfig } from './site-urls';

export const PREVIEW_STATUSES = ['draft', 'published'] as const;
export type PreviewStatus = (typeof PREVIEW_STATUSES)[number];

/** One version of one document, as a token names it. */
export interface PreviewTarget {
  uid: string;
  documentId: string;
  locale: string;
  status: PreviewStatus;
}

export interface PreviewConfig {
  /** the HMAC key (PREVIEW_SECRET) */
  secret: string;
  /** false when PREVIEW_SECRET was empty outside production: a key made for this process only */
  secretConfigured: boolean;
  /** seconds a preview link stays valid (PREVIEW_TOKEN_TTL) */
  ttlSeconds: number;
  /** the preview address pattern ({cms} and {site} resolved): PREVIEW_URL, else the built-in page */
  pattern: string;
  /** true when PREVIEW_URL names a front end of the site's own */
  external: boolean;
}

export const PREVIEW_PATH = '/preview/articles';
/**
 * The built-in reference page (src/preview), used when PREVIEW_URL is empty: root-relative, so the
 * admin frames it from its own origin whatever host name an editor reached the admin by (an
 * absolute PUBLIC_URL address would be another origin for an editor at 127.0.0.1 or on an
 * internal name, and the page's frame-ancestors 'self' would refuse the frame).
 */
export const DEFAULT_PREVIEW_PATTERN = `${PREVIEW_PATH}/{documentId}?locale={locale}&status={status}&token={token}`;
export const PREVIEW_PLACEHOLDERS = ['cms', 'site', 'locale', 'documentId', 'slug', 'status', 'token'] as const;

export const TTL_DEFAULT = 3600;
export const TTL_MIN = 60;
export const TTL_MAX = 7 * 24 * 3600;
/** At least 32 characters of key (`npm run env:setup` writes 44: 32 random bytes in base64). */
export const SECRET_MIN_LENGTH = 32;

/**
 * Checks a PREVIEW_URL pattern; returns the one-line problem, or null. `{cms}` and `{site}` are
 * resolved by the caller before the address check.
 */
export const previewPatternProblem = (pattern: string, { cms, site }: { cms: string; site: string }): string | null => {
  const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]).filter((key) => !(PREVIEW_PLACEHOLDERS as readonly string[]).includes(key));
  if (unknown.length > 0) return `PREVIEW_URL: unknown placeholder {${unknown[0]}}; use ${PREVIEW_PLACEHOLDERS.map((key) => `{${key}}`).join(', ')}`;
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, ''))) return `PREVIEW_URL="${pattern}" has an unmatched brace`;
  if (!pattern.includes('{documentId}') && !pattern.includes('{slug}')) return `PREVIEW_URL="${pattern}" must contain {documentId} or {slug}, e.g. https://news.example.edu/api/preview?id={documentId}&locale={locale}&status={status}&token={token}`;
  const resolved = pattern.replace(/\{cms\}/g, cms).replace(/\{site\}/g, site).replace(/\{[^}]*\}/g, 'x');
  const rootRelative = resolved.startsWith('/') && !resolved.startsWith('//') && !resolved.includes('\\');
  if (!rootRelative && !isAbsoluteHttp(resolved)) return `PREVIEW_URL="${pattern}" must give an absolute http(s) address or a path on this server (start it with {cms}, {site}, https:// or /)`;
  return null;
};

/**
 * Reads PREVIEW_SECRET, PREVIEW_TOKEN_TTL and PREVIEW_URL (with PUBLIC_URL, SITE_URL and PORT for
 * {cms} and {site}). Throws one line naming the variable when a value is unusable. An empty
 * PREVIEW_SECRET stops a production start; elsewhere a key is made for this process (links die
 * with it, and other instances refuse them): `onWarning` says so.
 */
export const readPreviewConfig = (
  env: NodeJS.ProcessEnv,
  { randomKey = () => crypto.randomBytes(32).toString('base64') }: { randomKey?: () => string } = {}
): PreviewConfig & { warning?: string } => {
  const value = (name: string) => (env[name] ?? '').trim();

  let secret = value('PREVIEW_SECRET');
  let warning: string | undefined;
  const secretConfigured = secret !== '';
  if (!secretConfigured) {
    if (value('NODE_ENV') === 'production') {
      throw new Error('PREVIEW_SECRET is empty: set it to a random value of at least 32 characters (npm run env:setup writes one into a new .env; or node -e "console.log(require(\'crypto\').randomBytes(32).toString(\'base64\'))")');
    }
    secret = randomKey();
    warning = 'PREVIEW_SECRET is empty: preview links are signed with a key made for this process, and stop working when it restarts (set PREVIEW_SECRET in .env)';
  } else if (secret.length < SECRET_MIN_LENGTH) {
    throw new Error(`PREVIEW_SECRET is ${secret.length} characters long: use at least ${SECRET_MIN_LENGTH} random characters (npm run env:setup writes 44)`);
  }

  const ttlText = value('PREVIEW_TOKEN_TTL');
  const ttlSeconds = ttlText === '' ? TTL_DEFAULT : /^\d+$/.test(ttlText) ? Number(ttlText) : NaN;
  if (!(ttlSeconds >= TTL_MIN && ttlSeconds <= TTL_MAX)) {
    throw new Error(`PREVIEW_TOKEN_TTL="${ttlText}" must be a whole number of seconds from ${TTL_MIN} to ${TTL_MAX} (default ${TTL_DEFAULT})`);
  }

  // {cms} and {site}: the addresses every response is made with (src/lib/site-urls.ts).
  const { publicUrl: cms, siteUrl: site } = readSiteUrlConfig(env);
  const given = value('PREVIEW_URL');
  const problem = previewPatternProblem(given || DEFAULT_PREVIEW_PATTERN, { cms, site });
  if (problem) throw new Error(problem);
  const pattern = (given || DEFAULT_PREVIEW_PATTERN).replace(/\{cms\}/g, cms).replace(/\{site\}/g, site);
  return { secret, secretConfigured, ttlSeconds, pattern, external: given !== '', ...(warning ? { warning } : {}) };
};

/** The origin a preview address opens in (the admin must allow it in its frame-src); null for a path on this server. */
export const previewOrigin = (pattern: string): string | null => (pattern.startsWith('/') ? null : new URL(pattern.replace(/\{[^}]*\}/g, 'x')).origin);

/**
 * A preview address from the pattern ({cms} and {site} resolved): every placeholder filled,
 * URL-encoded. Null when the pattern needs a slug the version does not have yet.
 */
export const expandPreviewUrl = (
  pattern: string,
  values: { locale: string; documentId: string; slug?: string | null; status: PreviewStatus; token: string }
): string | null => {
  if (pattern.includes('{slug}') && !values.slug) return null;
  const fill: Record<string, string> = {
    locale: values.locale,
    documentId: values.documentId,
    slug: values.slug ?? '',
    status: values.status,
    token: values.token,
  };
  return pattern.replace(/\{(locale|documentId|slug|status|token)\}/g, (_match, key: string) => encodeURIComponent(fill[key]));
};

const signed = (target: PreviewTarget, expires: number) =>
  ['newsroom-preview:v1', target.uid, target.documentId, target.locale, target.status, String(expires)].join('\n');

const signature = (secret: string, target: PreviewTarget, expires: number) => crypto.createHmac('sha256', secret).update(signed(target, expires)).digest('base64url');

/** A token for one version, valid until `expires` (seconds since the epoch). */
export const previewTokenUntil = (secret: string, target: PreviewTarget, expires: number): string => `${expires}.${signature(secret, target, expires)}`;

/** A token for one version, valid until `now + ttlSeconds` (now in milliseconds). */
export const signPreviewToken = (secret: string, target: PreviewTarget, { now = Date.now(), ttlSeconds }: { now?: number; ttlSeconds: number }): string =>
  previewTokenUntil(secret, target, Math.floor(now / 1000) + ttlSeconds);

export interface TokenCheck {
  valid: boolean;
  /** when the token expires (seconds since the epoch), on a valid one */
  expires?: number;
  /** why not, on an invalid one */
  reason?: 'malformed' | 'signature' | 'expired';
}

const TOKEN_SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * Whether `token` was signed with `secret` for exactly this version and has not expired. The
 * reason is for logs and tests only: a client is told the same thing whatever it is.
 */
export const verifyPreviewToken = (secret: string, token: unknown, target: PreviewTarget, { now = Date.now() }: { now?: number } = {}): TokenCheck => {
  if (typeof token !== 'string') return { valid: false, reason: 'malformed' };
  const match = TOKEN_SHAPE.exec(token);
  if (!match) return { valid: false, reason: 'malformed' };
  const expires = Number(match[1]);
  const expected = Buffer.from(signature(secret, target, expires));
  const given = Buffer.from(match[2]);
  // Compared in constant time before the expiry, so that the answer's timing tells nothing.
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { valid: false, reason: 'signature' };
  if (Math.floor(now / 1000) >= expires) return { valid: false, reason: 'expired' };
  return { valid: true, expires };
};

/** `draft`, `published` or `modified` (the admin's word for a published document with edits: its draft). */
export const previewStatusOf = (status: unknown): PreviewStatus | null => {
  if (status === undefined || status === null || status === 'draft' || status === 'modified') return 'draft';
  if (status === 'published') return 'published';
  return null;
};
