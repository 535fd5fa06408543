import type { AttributionInput, License, ReprintType } from '../types';

export type MessageParams = Record<string, string> & { setName?: string };

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
  /** a reprint the settings page renders templates on when no document is chosen */
  sample: AttributionInput;
}
