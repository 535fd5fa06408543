import { languagePack } from './languages';
import { own } from './own';
import type { License } from './types';

/** What each licence means for the rules and for machines. */
export const LICENSE_INFO: Record<License, { url: string | null; needsPermission: boolean }> = {
  'all-rights-reserved-with-permission': { url: null, needsPermission: true },
  'cc-by-4.0': { url: 'https://creativecommons.org/licenses/by/4.0/', needsPermission: false },
  'cc-by-sa-4.0': { url: 'https://creativecommons.org/licenses/by-sa/4.0/', needsPermission: false },
  'cc-by-nd-4.0': { url: 'https://creativecommons.org/licenses/by-nd/4.0/', needsPermission: false },
  'cc-by-nc-4.0': { url: 'https://creativecommons.org/licenses/by-nc/4.0/', needsPermission: false },
  'public-domain': { url: 'https://creativecommons.org/publicdomain/mark/1.0/', needsPermission: false },
  'statutory-news-exception': { url: null, needsPermission: false },
};

/** What the edition's language says about a licence in a credit line (languages/*.ts); null for nothing. */
export const licenseName = (license: string, locale: string): string | null => own(languagePack(locale).licenses, license) ?? null;

/** The original's language, named in the edition's language ({originalLanguage} used plainly). */
export const languageName = (language: string | null | undefined, locale: string): string | null =>
  language ? (own(languagePack(locale).languageNames, language) ?? null) : null;

/** A reprint type, named in the edition's language ({reprintType} used plainly). */
export const reprintTypeName = (type: string, locale: string): string | null => own(languagePack(locale).reprintTypes, type) ?? null;

/** The key a template's select tests for the original's language: zh, en, ru or other. */
export const languageKey = (language: string | null | undefined): string | null => {
  if (!language) return null;
  const base = language.toLowerCase().split('-')[0];
  return ['zh', 'en', 'ru'].includes(base) ? base : 'other';
};

export const licenseUrl = (license: string | null | undefined): string | null =>
  license && license in LICENSE_INFO ? LICENSE_INFO[license as License].url : null;

export const needsPermission = (license: string | null | undefined): boolean =>
  Boolean(license && license in LICENSE_INFO && LICENSE_INFO[license as License].needsPermission);

/** The original's language as a locale code, to compare with a document's locale. */
export const sameLanguage = (originalLanguage: string | null | undefined, locale: string) =>
  Boolean(originalLanguage) && originalLanguage !== 'other' && locale.toLowerCase().startsWith(String(originalLanguage).toLowerCase());
