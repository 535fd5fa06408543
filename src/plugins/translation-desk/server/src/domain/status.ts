import type { DeskType } from './config';
import { hashText } from './hash';
import { cellState, staleness, type CellState, type RecordState } from './state';

/** One stored version (a row of the content type's table), with what the table shows and filters on. */
export interface VersionRow {
  documentId: string;
  locale: string;
  published: boolean;
  createdAt?: string | Date | null;
  updatedAt?: string | Date | null;
  title?: string | null;
  /** YYYY-MM-DD (or an ISO date-time) */
  date?: string | null;
  /** the filterable enumeration fields' values */
  values?: Record<string, unknown>;
}

export interface StatusQuery {
  page: number;
  pageSize: number;
  /** documents with no version in this locale */
  missing?: string;
  /** documents with a stale translation (in `locale`, when given); false: with none */
  stale?: boolean;
  locale?: string;
  filters: Record<string, string>;
  /** YYYY-MM-DD bounds on the date field, inclusive */
  from?: string;
  to?: string;
  /** text in any version's title (case-insensitive) */
  q?: string;
}

export interface Cell {
  state: CellState;
  stale: boolean;
  updatedAt?: string | null;
  translatedFrom?: string | null;
  sourceChangedAt?: string | null;
  changedFields?: string[];
}

export interface StatusRow {
  documentId: string;
  title: string | null;
  date: string | null;
  source: string | null;
  cells: Record<string, Cell>;
}

export type Counts = Record<string, Record<CellState | 'stale', number>>;

export interface StatusPage {
  data: StatusRow[];
  counts: Counts;
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

const iso = (value: string | Date | null | undefined) => (value === null || value === undefined ? null : new Date(value).toISOString());
/** A date column as YYYY-MM-DD (PostgreSQL's driver may give a Date at local midnight, SQLite a string). */
export const dayOf = (value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return String(value).slice(0, 10);
};

/** What the status table needs of one locale version of a document (its draft, else its published version). */
export interface SummaryCell {
  state: Exclude<CellState, 'missing'>;
  updatedAt: string | null;
  /** the desk has a record of this version */
  recorded: boolean;
  translatedFrom: string | null;
  stale: boolean;
  sourceChangedAt: string | null;
  changedFields: string[];
  title: string | null;
  /** YYYY-MM-DD */
  date: string | null;
  /** the filterable enumeration fields' values */
  values: Record<string, unknown>;
}

/**
 * One document as the status table sees it: a cell per locale it has a version in. It depends
 * only on that document's versions and records, so the desk keeps it up to date when the document
 * is written (in the write's transaction) and the table reads one narrow row per document.
 */
export interface DocumentSummary {
  documentId: string;
  cells: Record<string, SummaryCell>;
}

/** A document's summary from its versions and its records (`documentId|locale` keys). Pure. */
export const summarizeDocument = (
  documentId: string,
  versions: Iterable<VersionRow>,
  records: Map<string, RecordState>,
  { fields, draftAndPublish = true }: { fields: readonly string[]; draftAndPublish?: boolean }
): DocumentSummary => {
  const drafts = new Map<string, VersionRow>();
  const published = new Map<string, VersionRow>();
  for (const version of versions) (version.published && draftAndPublish ? published : drafts).set(version.locale, version);
  const cells: Record<string, SummaryCell> = {};
  for (const locale of new Set([...drafts.keys(), ...published.keys()])) {
    const draft = drafts.get(locale);
    const live = published.get(locale);
    const main = (draft ?? live)!;
    const state = cellState({ hasDraft: Boolean(draft), hasPublished: Boolean(live), draftUpdatedAt: draft?.updatedAt, publishedUpdatedAt: live?.updatedAt }) as SummaryCell['state'];
    const record = records.get(`${documentId}|${locale}`);
    const from = record?.translatedFrom ?? null;
    const stale = staleness(record, from ? records.get(`${documentId}|${from}`) : undefined, fields);
    cells[locale] = {
      state,
      updatedAt: iso(main.updatedAt),
      recorded: Boolean(record),
      translatedFrom: from,
      stale: stale.stale,
      sourceChangedAt: stale.sourceChangedAt,
      changedFields: stale.changedFields,
      title: main.title ?? null,
      date: dayOf(main.date),
      values: main.values ?? {},
    };
  }
  return { documentId, cells };
};

/** Every document's summary from all the versions and records of a type. Pure. */
export const summarizeAll = (versions: Iterable<VersionRow>, records: Map<string, RecordState>, options: { fields: readonly string[]; draftAndPublish?: boolean }): DocumentSummary[] => {
  const byDocument = new Map<string, VersionRow[]>();
  for (const version of versions) {
    let list = byDocument.get(version.documentId);
    if (!list) byDocument.set(version.documentId, (list = []));
    list.push(version);
  }
  return [...byDocument].map(([documentId, list]) => summarizeDocument(documentId, list, records, options));
};

export interface StatusOptions {
  locales: readonly string[];
  defaultLocale: string | null;
  /** the documents the admin may read (null: all) */
  readable?: Set<string> | null;
  /** the versions (`documentId|locale`) the admin may read (null: all): titles and search use only these */
  readableVersions?: Set<string> | null;
  /** the locales the admin may read (null: all): a document is listed when it has a version in one */
  readableLocales?: Set<string> | null;
}

/**
 * The status table from the documents' summaries: one row per document, one cell per locale,
 * filtered, counted over the whole filtered set and paged. Pure.
 */
export const statusOf = (summaries: Iterable<DocumentSummary>, query: StatusQuery, { locales, defaultLocale, readable = null, readableVersions = null, readableLocales = null }: StatusOptions): StatusPage => {
  const q = query.q?.toLocaleLowerCase();
  const counts: Counts = Object.fromEntries(locales.map((locale) => [locale, { missing: 0, draft: 0, published: 0, modified: 0, stale: 0 }]));
  const rows: Array<StatusRow & { sortDate: string }> = [];

  for (const { documentId, cells: stored } of summaries) {
    if (readable && !readable.has(documentId)) continue;
    const present = locales.filter((locale) => stored[locale] !== undefined);
    if (present.length === 0) continue;
    if (readableLocales && !present.some((locale) => readableLocales.has(locale))) continue;
    // The original edition: the version recorded as made from no other; else the default locale's.
    const source = present.find((locale) => stored[locale].recorded && !stored[locale].translatedFrom) ?? (defaultLocale && present.includes(defaultLocale) ? defaultLocale : present[0]);
    const main = stored[source];
    const date = main.date;
    // Text only from versions the admin may read in the Content Manager: the original's title, or
    // else the first readable edition's; the search looks in those only. (States are shown for
    // every locale, as the Content Manager's locale menu does.)
    const mayRead = (locale: string) => (!readableLocales || readableLocales.has(locale)) && (!readableVersions || readableVersions.has(`${documentId}|${locale}`));
    const titled = mayRead(source) ? source : present.find(mayRead);
    const title = titled ? (stored[titled].title ?? null) : null;

    if (query.from && (!date || date < query.from)) continue;
    if (query.to && (!date || date > query.to)) continue;
    if (Object.entries(query.filters).some(([name, value]) => String(main.values?.[name] ?? '') !== value)) continue;
    if (query.missing && (!locales.includes(query.missing) || stored[query.missing] !== undefined)) continue;
    if (q && !present.filter(mayRead).some((locale) => String(stored[locale].title ?? '').toLocaleLowerCase().includes(q))) continue;
    if (query.stale !== undefined) {
      const staleHere = query.locale ? locales.includes(query.locale) && Boolean(stored[query.locale]?.stale) : present.some((locale) => stored[locale].stale);
      if (staleHere !== query.stale) continue;
    }

    const cells: Record<string, Cell> = {};
    for (const locale of locales) {
      const cell = stored[locale];
      if (!cell) {
        cells[locale] = { state: 'missing', stale: false };
        counts[locale].missing += 1;
        continue;
      }
      cells[locale] = { state: cell.state, stale: cell.stale, updatedAt: cell.updatedAt, translatedFrom: cell.translatedFrom, sourceChangedAt: cell.sourceChangedAt, changedFields: cell.changedFields };
      counts[locale][cell.state] += 1;
      if (cell.stale) counts[locale].stale += 1;
    }
    rows.push({ documentId, title, date, source, cells, sortDate: date ?? '' });
  }

  // Newest first (by the date field, then the documentId), as the content API lists articles.
  rows.sort((a, b) => (a.sortDate === b.sortDate ? (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) : a.sortDate < b.sortDate ? 1 : -1));
  const total = rows.length;
  const start = (query.page - 1) * query.pageSize;
  const data = rows.slice(start, start + query.pageSize).map(({ sortDate: _sortDate, ...row }) => row);
  return { data, counts, meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } } };
};

/**
 * The status table straight from every version and record of a type (what the stored summaries
 * must always equal): summarizeAll, then statusOf. Pure.
 */
export const buildStatus = (
  versions: Iterable<VersionRow>,
  records: Map<string, RecordState>,
  query: StatusQuery,
  { fields, draftAndPublish = true, ...options }: StatusOptions & { fields: readonly string[]; draftAndPublish?: boolean }
): StatusPage => statusOf(summarizeAll(versions, records, { fields, draftAndPublish }), query, options);

/** Bump when what a summary holds changes: every stored summary is then recomputed at the next start. */
export const SUMMARY_FORMAT = 1;

/**
 * A stored summary's stamp: the format, its type's config (what the cells are computed from
 * besides the versions and records) and its document's versions (locale, status, updatedAt), in
 * any order. A version written behind the desk's back (a script, an import without it, a failed
 * record) or a config change changes it; start-up recomputes the summaries whose stamp no longer
 * matches. Pure.
 */
export const summaryStamp = (
  type: Pick<DeskType, 'fields' | 'title' | 'date' | 'filters' | 'draftAndPublish'>,
  versions: ReadonlyArray<{ locale: string; published: boolean; updatedAt?: Date | string | null }>
): string =>
  hashText(
    [
      JSON.stringify({ format: SUMMARY_FORMAT, fields: type.fields.map((field) => field.name), title: type.title, date: type.date, filters: type.filters.map((filter) => filter.name), draftAndPublish: type.draftAndPublish }),
      ...versions.map((version) => `${version.locale}|${version.published ? 'p' : 'd'}|${version.updatedAt === null || version.updatedAt === undefined ? '' : new Date(version.updatedAt).getTime()}`).sort(),
    ].join('\n')
  );
