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

export const TITLE_CHECK_MODES = ['off', 'warn', 'error'] as const;
export type TitleCheckMode = (typeof TITLE_CHECK_MODES)[number];
export const EXPIRY_ACTIONS = ['flag', 'unpublish'] as const;
export type ExpiryAction = (typeof EXPIRY_ACTIONS)[number];

export interface ReprintData {
  isReprint?: boolean | null;
  originalTitle?: string | null;
  /** the original title in the edition's language, when the original is in another one */
  originalTitleGloss?: string | null;
  originalUrl?: string | null;
  originalAuthors?: string | null;
  /** the editor's explicit statement that the original names no author */
  originalNamesNoAuthor?: boolean | null;
  originalPublishedAt?: string | null;
  originalLanguage?: string | null;
  /** who translated it, for a translation */
  translator?: string | null;
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
  /** the URL of the version's image (its cover), absolute or root-relative (`/uploads/…`) */
  image?: string | null;
  /** when the version was last changed (ISO date-time) */
  dateModified?: string | null;
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
  /** the CMS's public address: root-relative media URLs (`/uploads/…`) in JSON-LD are made absolute with it; '' leaves them out */
  publicUrl?: string;
  publisher: Publisher;
  /** which rule sets apply to which edition and licence (rule-sets.ts) */
  ruleSets: RuleSetSettings;
}

/** A named set of elements an attribution must carry, with the law or licence it comes from. */
export interface RuleSet {
  /** what the set is called, per language (en at least) */
  name: Record<string, string>;
  /** the provision it implements, as a citation a lawyer can look up */
  basis: string;
  /** elements beyond what every reprint needs (rules.ts): see RULE_SET_ELEMENTS */
  requires: RuleSetElement[];
}

export const RULE_SET_ELEMENTS = ['originalAuthor', 'responsibleEditorPerson'] as const;
export type RuleSetElement = (typeof RULE_SET_ELEMENTS)[number];

export interface RuleSetSettings {
  /** the rule sets known by name: the built-in ones and any the config adds */
  sets: Record<string, RuleSet>;
  /** edition locale → rule set names */
  locales: Record<string, string[]>;
  /** licence → rule set names */
  licenses: Record<string, string[]>;
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
  /** the rule set that requires it, when a rule set does */
  ruleSet?: string;
}

export interface MetaTag {
  name: string;
  content: string;
}
