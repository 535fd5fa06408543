import type { NewsArticle, Organization, Person, WithContext } from 'schema-dts';

import type { AttributionInput, Publisher } from './types';
import { authorNames } from './credit-line';
import { isConfiguredUrl, isHomepageUrl, isHttpUrl } from './urls';
import { licenseUrl } from './vocabulary';

/**
 * Drops undefined properties. Objects are written as plain literals of their schema-dts type
 * (no spreads), so TypeScript's excess-property check rejects anything schema.org does not have.
 */
const compact = <T>(value: T): T => {
  const record = value as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
  return value;
};

const organization = (name: string, url?: string | null): Organization =>
  compact<Organization>({ '@type': 'Organization', name, url: isHttpUrl(url) ? url : undefined });

const publisherName = (publisher: Publisher, locale: string) =>
  typeof publisher.name === 'string' ? publisher.name : (publisher.name[locale] ?? Object.values(publisher.name)[0] ?? '');

/** "张三、李四" / "A. Smith, B. Jones" → one Person each. */
const people = (authors: string | null | undefined): Person[] => authorNames(authors).map((name): Person => ({ '@type': 'Person', name }));

export interface JsonLdOptions {
  publisher: Publisher;
  creditText: string | null;
  url: string | null;
  /** base of root-relative media URLs; without it such an image is left out */
  publicUrl?: string;
}

/** An absolute http(s) image URL, or undefined. */
const imageUrl = (image: string | null | undefined, publicUrl: string | undefined): string | undefined => {
  if (!image) return undefined;
  const absolute = image.startsWith('/') && !image.startsWith('//') && publicUrl ? `${publicUrl.replace(/\/+$/, '')}${image}` : image;
  return isConfiguredUrl(absolute) ? absolute : undefined;
};

const day = (value: string | null | undefined) => (value ? String(value).slice(0, 10) : undefined);

/**
 * schema.org NewsArticle for one document version. For a reprint: the original (isBasedOn, and
 * translationOfWork for a translation), the credit line, the rights holder and the licence URL.
 */
export const buildJsonLd = (input: AttributionInput, options: JsonLdOptions): WithContext<NewsArticle> => {
  const reprint = input.reprint?.isReprint ? input.reprint : null;
  const sourceName = (reprint && input.source?.name) || null;
  const source = sourceName ? organization(sourceName, input.source?.homepage) : undefined;
  const authors = people(reprint?.originalAuthors);
  const original = reprint
    ? compact<NewsArticle>({
        '@type': 'NewsArticle',
        headline: reprint.originalTitle || undefined,
        // An outlet's homepage is not the original's address.
        url: isHttpUrl(reprint.originalUrl) && !isHomepageUrl(reprint.originalUrl, input.source?.homepage) ? reprint.originalUrl : undefined,
        datePublished: day(reprint.originalPublishedAt),
        inLanguage: reprint.originalLanguage && reprint.originalLanguage !== 'other' ? reprint.originalLanguage : undefined,
        author: authors.length > 0 ? authors : undefined,
        publisher: source,
      })
    : undefined;
  return compact<WithContext<NewsArticle>>({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: input.title ?? '',
    inLanguage: input.locale,
    datePublished: day(input.date),
    dateModified: input.dateModified ? String(input.dateModified) : undefined,
    url: options.url ?? undefined,
    image: imageUrl(input.image, options.publicUrl),
    // A reprint's text is the original's: its authors, where the original names them.
    author: reprint && authors.length > 0 ? authors : undefined,
    publisher: organization(publisherName(options.publisher, input.locale), options.publisher.url),
    isBasedOn: original,
    translationOfWork: reprint?.reprintType === 'translation' ? original : undefined,
    translator: reprint?.reprintType === 'translation' && reprint.translator?.trim() ? { '@type': 'Person', name: reprint.translator.trim() } : undefined,
    creditText: (reprint && options.creditText) || undefined,
    copyrightHolder: source,
    license: (reprint && licenseUrl(reprint.license)) || undefined,
  });
};

const SCRIPT_UNSAFE: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * The JSON text of `value` to write between `<script type="application/ld+json">` and
 * `</script>`: `<`, `>`, `&`, U+2028 and U+2029 written as JSON escapes, so no `</script>` or
 * `<!--` in a headline can end or change the element. JSON.parse gives back `value`.
 */
export const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => SCRIPT_UNSAFE[char]);
