import type { AttributionInput, License, ReprintType } from '../types';

export type MessageParams = Record<string, string> & { setName?: string };

/** What publishing a reprint can require, each a field of the form (rules.ts: requirementsOf). */
export const REQUIREMENT_KEYS = [
  'source',
  'originalTitle',
  'originalUrl',
  'originalPublishedAt',
  'reprintType',
  'license',
  'originalLanguage',
  'permissionGrantedBy',
  'permissionExpiresAt',
  'originalAuthors',
  'responsibleEditor',
  'title',
] as const;
export type RequirementKey = (typeof REQUIREMENT_KEYS)[number];

/**
 * The words around problems: a refusal's lead-in (before its problems, which the messages name
 * by the form's labels) and the panel's checklist.
 */
export interface EditorWords {
  /** a refused publish of one document with several problems, before the fields it names; ends with its own punctuation */
  refusal: string;
  /** a refused bulk publish (nothing was published) */
  refusalMany: string;
  /** a refused unpublish or delete of a source that published reprints cite */
  refusalCitedSource: string;
  /** between the fields a refusal names */
  separator: string;
  /** between the reprints of a refusal (a bulk publish, a cited source) */
  groupSeparator: string;
  /** a field a refusal names once for the editions it is missing in: "Source (en, ru)" */
  withLocales: (label: string, locales: string[]) => string;
  /** the end of a refusal's summary cut to its length: " and 3 more" (fields, or cited reprints) */
  andMore: (count: number) => string;
  /** each requirement named as the form names its field (the checklist's items) */
  fields: Record<RequirementKey, string>;
  /**
   * the permission item once satisfied: the date it expires on (formatted for the language), the
   * first day it no longer covers (rules.ts and the report count it expired on that day)
   */
  permissionUntil: (date: string) => string;
  /** the permission item once satisfied without end */
  permissionPerpetual: string;
}

/**
 * Everything the plugin writes in one language: the default credit-line template, the words it
 * puts in it, the problem messages editors read, and the sample the settings page previews on.
 * One module per language (zh-Hans.ts, en.ts, ru.ts); a newsroom adds a language by giving the
 * plugin one more pack (config `languages`), without changing the plugin.
 */
export interface LanguagePack {
  /** the locale code this pack writes for (zh-Hans, en, ru, ja…) */
  code: string;
  /** the default credit-line template (ICU MessageFormat, see templates.ts) */
  template: string;
  /** the clause a credit line says about each licence; null for none */
  licenses: Record<License, string | null>;
  /** each reprint type, named ({reprintType} used plainly) */
  reprintTypes: Record<ReprintType, string>;
  /** the original's language, named ({originalLanguage} used plainly), by language code */
  languageNames: Record<string, string>;
  /** problem messages by code; a code without one keeps its English message (rules.ts) */
  messages: Record<string, (params: MessageParams) => string>;
  /**
   * refusal lead-ins and the checklist's field names; a pack without them (or without some of
   * its fields) uses the English ones
   */
  editor?: Partial<Omit<EditorWords, 'fields'>> & { fields?: Partial<Record<RequirementKey, string>> };
  /** a reprint the settings page renders templates on when no document is chosen */
  sample: AttributionInput;
}
