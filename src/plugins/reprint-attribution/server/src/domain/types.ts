/** The data the attribution rules, credit lines and JSON-LD are computed from: plain values, no Strapi. */

export const LICENSES = [
  'all-rights-reserved-with-permission',
  'cc-by-4.0',
  'cc-by-sa-4.0',
  'cc-by-nd-4.0',
  'cc-by-nc-4.0',
  'public-domain',
  'statutory-news-exception',
] as const;
export type License = (typeof LICENSES)[number];

export const REPRINT_TYPES = ['full', 'excerpt', 'translation', 'adaptation'] as const;
export type ReprintType = (typeof REPRINT_TYPES)[number];

export const POLICIES = ['self', 'original', 'noindex-news'] as const;
export type Policy = (typeof POLICIES)[number];

export type TitleCheckMode = 'off' | 'warn' | 'error';
export type ExpiryAction = 'flag' | 'unpublish';

export interface ReprintData {
  isReprint?: boolean | null;
  originalTitle?: string | null;
  originalUrl?: string | null;
  originalAuthors?: string | null;
  originalPublishedAt?: string | null;
  originalLanguage?: string | null;
  reprintType?: string | null;
  license?: string | null;
  permissionReference?: string | null;
  permissionGrantedBy?: string | null;
  permissionExpiresAt?: string | null;
  permissionPerpetual?: boolean | null;
  responsibleEditor?: string | null;
  creditLineOverride?: string | null;
  syndicationPolicy?: string | null;
}

export interface SourceData {
  name?: string | null;
  homepage?: string | null;
  /**
   * The source is set but whoever asks may not read it (Content Manager permissions): it counts
   * as set, and its name and homepage are not shown (the Content Manager shows such a relation
   * by its id alone).
   */
  withheld?: boolean;
}

export interface AttributionInput {
  /** the locale of the document version */
  locale: string;
  title?: string | null;
  slug?: string | null;
  /** the editorial date (YYYY-MM-DD) */
  date?: string | null;
  reprint?: ReprintData | null;
  /** the source relation in the document's locale; null when not set */
  source?: SourceData | null;
  seo?: { canonicalUrl?: string | null; noindex?: boolean | null } | null;
}

export interface Publisher {
  /** per locale, or one name for all */
  name: string | Record<string, string>;
  url?: string;
}

export interface AttributionSettings {
  /** ICU MessageFormat credit-line template per locale */
  templates: Record<string, string>;
  titleCheck: TitleCheckMode;
  defaultPolicy: Policy;
  /** URL of a document on the public site, with {locale} and {slug}; '' when unknown */
  articleUrl: string;
  publisher: Publisher;
}

export interface Problem {
  /** field path in the document, e.g. ['reprint', 'originalUrl'] */
  path: string[];
  /** stable identifier, for translations in the admin */
  code: string;
  message: string;
  severity: 'error' | 'warning';
  /** the values the message names, for translations */
  params?: Record<string, string>;
}

export interface MetaTag {
  name: string;
  content: string;
}
