import type { NewsArticle, Organization, Person, WithContext } from 'schema-dts';

import type { AttributionInput, Publisher } from './types';
import { isHttpUrl } from './urls';
import { licenseUrl } from './vocabulary';

const organization = (name: string, url?: string | null): Organization => ({
  '@type': 'Organization',
  name,
  ...(isHttpUrl(url) ? { url } : {}),
});

const publisherName = (publisher: Publisher, locale: string) =>
  typeof publisher.name === 'string' ? publisher.name : (publisher.name[locale] ?? Object.values(publisher.name)[0] ?? '');

/** "张三、李四" / "A. Smith, B. Jones" → one Person each. */
const people = (authors: string | null | undefined): Person[] =>
  (authors ?? '')
    .split(/[,，、;；]|\s+and\s+|\s+и\s+/)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ '@type': 'Person', name }));

export interface JsonLdOptions {
  publisher: Publisher;
  creditText: string | null;
  url: string | null;
}

/**
 * schema.org NewsArticle for one document version. For a reprint: the original (isBasedOn, and
 * translationOfWork for a translation), the credit line, the rights holder and the licence URL.
 * Typed with schema-dts, so a property or type schema.org does not have fails the type check.
 */
export const buildJsonLd = (input: AttributionInput, options: JsonLdOptions): WithContext<NewsArticle> => {
  const reprint = input.reprint?.isReprint ? input.reprint : null;
  const name = publisherName(options.publisher, input.locale);
  const article: WithContext<NewsArticle> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: input.title ?? '',
    inLanguage: input.locale,
    ...(input.date ? { datePublished: String(input.date).slice(0, 10) } : {}),
    ...(options.url ? { url: options.url } : {}),
    publisher: organization(name, options.publisher.url),
  };
  if (!reprint) return article;

  const sourceName = input.source?.name ?? null;
  const authors = people(reprint.originalAuthors);
  const original: NewsArticle = {
    '@type': 'NewsArticle',
    ...(reprint.originalTitle ? { headline: reprint.originalTitle } : {}),
    ...(isHttpUrl(reprint.originalUrl) ? { url: reprint.originalUrl } : {}),
    ...(reprint.originalPublishedAt ? { datePublished: String(reprint.originalPublishedAt).slice(0, 10) } : {}),
    ...(reprint.originalLanguage && reprint.originalLanguage !== 'other' ? { inLanguage: reprint.originalLanguage } : {}),
    ...(authors.length > 0 ? { author: authors } : {}),
    ...(sourceName ? { publisher: organization(sourceName, input.source?.homepage) } : {}),
  };
  const license = licenseUrl(reprint.license);
  return {
    ...article,
    isBasedOn: original,
    ...(reprint.reprintType === 'translation' ? { translationOfWork: original } : {}),
    ...(options.creditText ? { creditText: options.creditText } : {}),
    ...(sourceName ? { copyrightHolder: organization(sourceName, input.source?.homepage) } : {}),
    ...(license ? { license } : {}),
  };
};
