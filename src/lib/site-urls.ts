/**
 * The addresses a site needs from the content API (docs/api.md, "Addresses"): the CMS's own
 * public address (media files are served from it) and, per content type, the address of a
 * document's page on the newsroom's website. Pure: config/site.ts reads the environment.
 */

import type { Localization } from './localizations';

export interface SiteUrlConfig {
  /** the CMS's public address, no trailing slash: relative media URLs are made absolute with it */
  publicUrl: string;
  /** the newsroom website's address, no trailing slash */
  siteUrl: string;
  /** per content type uid: the page address with {locale} and {slug} ({site} resolved) */
  patterns: Record<string, string>;
}

export const SITE_URL_DEFAULT = 'http://localhost:3000';

/** The page patterns per content type, and the variable that overrides each. */
export const PAGE_PATTERNS = {
  'api::article.article': { env: 'SITE_ARTICLE_URL', fallback: '{site}/{locale}/news/{slug}' },
  'api::source.source': { env: 'SITE_SOURCE_URL', fallback: '{site}/{locale}/sources/{slug}' },
  'api::institution.institution': { env: 'SITE_INSTITUTION_URL', fallback: '{site}/{locale}/institutions/{slug}' },
} as const;

const PLACEHOLDERS = ['site', 'locale', 'slug'];

/** An absolute http(s) address with a host name. */
export const isAbsoluteHttp = (value: string) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const trimSlash = (value: string) => value.replace(/\/+$/, '');

/**
 * Reads PUBLIC_URL, SITE_URL and the SITE_*_URL patterns; throws with a message naming the
 * variable when one is not an absolute http(s) address or a pattern has an unknown placeholder.
 */
export const readSiteUrlConfig = (env: NodeJS.ProcessEnv): SiteUrlConfig => {
  const value = (name: string) => (env[name] ?? '').trim();
  const port = value('PORT') || '1337';
  const publicUrl = trimSlash(value('PUBLIC_URL') || `http://localhost:${port}`);
  if (!isAbsoluteHttp(publicUrl)) throw new Error(`PUBLIC_URL="${publicUrl}" must be an absolute http(s) address, e.g. https://cms.example.edu`);
  const siteUrl = trimSlash(value('SITE_URL') || SITE_URL_DEFAULT);
  if (!isAbsoluteHttp(siteUrl)) throw new Error(`SITE_URL="${siteUrl}" must be an absolute http(s) address, e.g. https://news.example.edu`);

  const patterns: Record<string, string> = {};
  for (const [uid, { env: name, fallback }] of Object.entries(PAGE_PATTERNS)) {
    const pattern = value(name) || fallback;
    const unknown = [...pattern.matchAll(/\{([^}]*)\}/g)].map((match) => match[1]).filter((key) => !PLACEHOLDERS.includes(key));
    if (unknown.length > 0) throw new Error(`${name}: unknown placeholder {${unknown[0]}}; use {site}, {locale} and {slug}`);
    if (!pattern.includes('{slug}')) throw new Error(`${name} must contain {slug}, e.g. ${fallback}`);
    const resolved = pattern.replace(/\{site\}/g, siteUrl);
    if (!isAbsoluteHttp(resolved.replace(/\{[^}]*\}/g, 'x'))) throw new Error(`${name}="${pattern}" must give an absolute http(s) address, e.g. ${fallback}`);
    patterns[uid] = resolved;
  }
  return { publicUrl, siteUrl, patterns };
};

/** A page address from a pattern ({site} already resolved); null without a slug. */
export const pageUrl = (pattern: string | undefined, doc: { locale: string; slug?: string | null }): string | null => {
  if (!pattern || !doc.slug) return null;
  return pattern.replace(/\{locale\}/g, encodeURIComponent(doc.locale)).replace(/\{slug\}/g, encodeURIComponent(doc.slug));
};

/** A root-relative URL (`/uploads/…`) made absolute; anything else is returned as it is. */
export const absoluteUrl = (value: string, base: string): string => (value.startsWith('/') && !value.startsWith('//') ? `${base}${value}` : value);

const URL_KEYS = new Set(['url', 'previewUrl']);

/**
 * Makes every root-relative `url` / `previewUrl` in a response body absolute, in place, at any
 * depth: media (and each of its formats), media inside blocks (image blocks), populated or not.
 * A blocks `link` node is the editor's: a root-relative link there points into the site, not at
 * the CMS, and is left as it is.
 */
export const absolutizeUrls = (value: unknown, base: string, depth = 0): void => {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) absolutizeUrls(item, base, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if (record.type === 'link') return;
  for (const key of Object.keys(record)) {
    const field = record[key];
    if (typeof field === 'string') {
      if (URL_KEYS.has(key)) record[key] = absoluteUrl(field, base);
    } else if (field !== null && typeof field === 'object') {
      absolutizeUrls(field, base, depth + 1);
    }
  }
};

/** One published edition of a document (lib/localizations). */
export type Edition = Localization;

export interface LanguageLink extends Edition {
  /** the edition's page address (null when the pattern cannot be filled: no slug) */
  url: string | null;
  /** the hreflang value to write: the locale code (BCP 47: zh-Hans, en, ru) */
  hreflang: string;
}

export interface Alternate {
  hreflang: string;
  href: string;
}

/**
 * The language links of one document: every published edition with its address, and the
 * `<link rel="alternate">` list: one per edition plus `x-default`, the default locale's edition
 * (else the first edition in the newsroom's order).
 */
export const languageLinks = (
  editions: Edition[],
  { pattern, defaultLocale }: { pattern: string | undefined; defaultLocale: string }
): { localizations: LanguageLink[]; alternates: Alternate[] } => {
  const localizations = editions.map((edition) => ({ ...edition, url: pageUrl(pattern, edition), hreflang: edition.locale }));
  const alternates: Alternate[] = localizations.filter((link) => link.url).map((link) => ({ hreflang: link.hreflang, href: link.url! }));
  const preferred = alternates.find((link) => link.hreflang === defaultLocale) ?? alternates[0];
  if (preferred) alternates.push({ hreflang: 'x-default', href: preferred.href });
  return { localizations, alternates };
};
