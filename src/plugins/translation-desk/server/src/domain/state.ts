import { changedFields } from './hash';

export type CellState = 'missing' | 'draft' | 'published' | 'modified';
export const CELL_STATES: readonly CellState[] = ['missing', 'draft', 'published', 'modified'];

/** A version's timestamps: its draft's and its published version's `updatedAt` (either may be absent). */
export interface VersionDates {
  draftUpdatedAt?: string | number | Date | null;
  publishedUpdatedAt?: string | number | Date | null;
  /** the draft exists (or, for a type without draft & publish, the version does) */
  hasDraft: boolean;
  hasPublished: boolean;
}

const time = (value: VersionDates['draftUpdatedAt']) => (value === null || value === undefined ? 0 : new Date(value).getTime());

/**
 * The Content Manager's status of a locale version (content-manager's document-metadata
 * getStatus): no version → missing; a draft never published → draft; a published version whose
 * draft was saved after it → modified; else published.
 */
export const cellState = (dates: VersionDates): CellState => {
  if (!dates.hasDraft && !dates.hasPublished) return 'missing';
  if (!dates.hasPublished) return 'draft';
  if (!dates.hasDraft) return 'published';
  return time(dates.draftUpdatedAt) > time(dates.publishedUpdatedAt) ? 'modified' : 'published';
};

/** What the desk keeps per version (the parts staleness needs). */
export interface RecordState {
  hash: string;
  fieldHashes: Record<string, string>;
  translatedFrom: string | null;
  sourceHash: string | null;
  sourceFieldHashes: Record<string, string> | null;
  /** when this version's watched text last changed */
  hashChangedAt?: string | Date | null;
}

export interface Staleness {
  stale: boolean;
  changedFields: string[];
  /** when the source's watched text last changed (set when stale) */
  sourceChangedAt: string | null;
}

const iso = (value: string | Date | null | undefined) => (value === null || value === undefined ? null : new Date(value).toISOString());

/**
 * A translation is stale when the current hash of its source's watched fields differs from the
 * one recorded when the translation was made, last saved with changed text, or reviewed. The
 * original (no translatedFrom), a translation whose source version is gone, and a translation
 * made before anything was recorded of its source are not stale.
 */
export const staleness = (record: RecordState | undefined, source: RecordState | undefined, fieldOrder?: readonly string[]): Staleness => {
  if (!record?.translatedFrom || !source || !record.sourceHash || source.hash === record.sourceHash) {
    return { stale: false, changedFields: [], sourceChangedAt: null };
  }
  return {
    stale: true,
    changedFields: changedFields(source.fieldHashes, record.sourceFieldHashes, fieldOrder),
    sourceChangedAt: iso(source.hashChangedAt),
  };
};

/**
 * The locale a new translation was made from when nobody said: the document's original edition,
 * the version created first (on a tie, as when an import writes every locale at once, the default
 * locale, then the locales' order). Null when `locale` is itself the original.
 */
export const defaultSource = (
  locale: string,
  versions: ReadonlyArray<{ locale: string; createdAt?: string | number | Date | null }>,
  { defaultLocale, locales }: { defaultLocale: string | null; locales: readonly string[] }
): string | null => {
  const rank = (code: string) => (code === defaultLocale ? -1 : locales.indexOf(code) === -1 ? locales.length : locales.indexOf(code));
  const all = versions.some((version) => version.locale === locale) ? versions : [...versions, { locale, createdAt: Number.MAX_SAFE_INTEGER }];
  const [first] = [...all].sort((a, b) => time(a.createdAt) - time(b.createdAt) || rank(a.locale) - rank(b.locale) || a.locale.localeCompare(b.locale));
  return first.locale === locale ? null : first.locale;
};
