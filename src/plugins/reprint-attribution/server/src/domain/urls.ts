/**
 * The one URL rule of the plugin and of the app that uses it (the app's `src/lib/field-rules.ts`
 * imports this file): an absolute http(s) address a reader's browser opens where it says.
 *
 * Browsers (WHATWG URL) read a backslash as a slash, drop credentials before `@`, decode `%` in
 * host names and silently remove tabs and newlines, so `https://evil.example\@good.example`
 * opens evil.example while a person reads good.example. Such forms are refused, not repaired.
 * No imports: the app compiles this file into its own build.
 */

export const MAX_URL_LENGTH = 2048;

/**
 * The schema `regex` for URL attributes (schema.json files). Strapi checks it on publish and the
 * admin form checks it while typing; it is only an approximation. This rule is authoritative:
 * every URL it accepts matches the regex (tested), and the Document Service middlewares that run
 * it refuse the rest on every save.
 */
export const HTTP_URL_PATTERN = '^https?://[^\\s/?#@\\\\%]+\\.[^\\s/?#@\\\\%]+([/?#][^\\s\\\\]*)?$';

export const HTTP_URL_HINT = 'must be an absolute http:// or https:// address, e.g. https://www.example.com/page';

// Whitespace, control characters (C0, DEL, C1) and invisible format characters (zero-width,
// bidirectional overrides, BOM): invisible to a person, removed or misread by browsers.
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/u;

/** Why `value` is not an acceptable URL (a reason a person can act on), or null when it is. */
export const httpUrlProblem = (value: unknown): string | null => {
  if (typeof value !== 'string') return 'must be text';
  if (value === '') return 'is empty';
  if (value.length > MAX_URL_LENGTH) return `is too long (${value.length} characters, at most ${MAX_URL_LENGTH})`;
  if (INVISIBLE.test(value)) return 'contains a space or a control or invisible character (encode it, e.g. %20)';
  if (value.includes('\\')) return 'contains a backslash, which browsers read as a slash (write / or %5C)';
  const scheme = /^(https?):\/\//.exec(value);
  if (!scheme) return 'must start with http:// or https:// (lower case)';
  const authority = value.slice(scheme[0].length).split(/[/?#]/, 1)[0];
  if (authority === '') return 'must name a host with a domain, e.g. www.example.com';
  if (authority.includes('@')) return 'must not contain a user name or password (…@ before the host)';
  if (authority.includes('%')) return 'must not use percent-encoding in the host name';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a valid address';
  }
  const labels = url.hostname.split('.');
  if (labels.length < 2 || labels.some((label) => label === '')) {
    return 'must name a host with a domain, e.g. www.example.com';
  }
  return null;
};

export const isHttpUrl = (value: unknown): value is string => httpUrlProblem(value) === null;

/** host without `www.`, lower case; path without a trailing slash */
const comparable = (url: URL) => `${url.hostname.toLowerCase().replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${url.search}`;

/**
 * Whether `value` is an outlet's homepage rather than an article's address: the source's
 * homepage (www., case and a trailing slash aside) or a bare domain (no path, query or fragment
 * beyond `/`, `/index.html` and the like). A credit line must not link an article's title there.
 */
export const isHomepageUrl = (value: unknown, homepage?: string | null): boolean => {
  if (!isHttpUrl(value)) return false;
  const url = new URL(value);
  const bare = /^\/*(?:index\.(?:html?|php|shtml|aspx?))?$/i.test(url.pathname) && url.search === '';
  if (bare) return true;
  if (!isHttpUrl(homepage)) return false;
  return comparable(url) === comparable(new URL(homepage));
};

/**
 * An absolute http(s) address the operator configured or the system made (the site's page
 * pattern, a media URL on the CMS's own address): a development host such as localhost:3000
 * passes, unlike an editor's URL (isHttpUrl).
 */
export const isConfiguredUrl = (value: string): boolean => {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};
