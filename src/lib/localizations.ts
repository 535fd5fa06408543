import { newsroomLocales } from './locales';

export interface LocalizationRow {
  documentId: string;
  locale: string;
  slug?: string | null;
}

export interface Localization {
  locale: string;
  slug: string | null;
}

/** Groups rows by document: documentId → [{ locale, slug }] in the newsroom's locale order. */
export const groupLocalizations = (rows: LocalizationRow[]): Map<string, Localization[]> => {
  const byDocument = new Map<string, Map<string, Localization>>();
  for (const row of rows) {
    const locales = byDocument.get(row.documentId) ?? new Map<string, Localization>();
    locales.set(row.locale, { locale: row.locale, slug: row.slug ?? null });
    byDocument.set(row.documentId, locales);
  }
  // The newsroom's locale order: the links a page draws ("中文 | English | Русский").
  const order = newsroomLocales();
  const rank = (locale: string) => (order.includes(locale) ? order.indexOf(locale) : order.length);
  const result = new Map<string, Localization[]>();
  for (const [documentId, locales] of byDocument) {
    result.set(
      documentId,
      [...locales.values()].sort((a, b) => rank(a.locale) - rank(b.locale) || a.locale.localeCompare(b.locale))
    );
  }
  return result;
};
