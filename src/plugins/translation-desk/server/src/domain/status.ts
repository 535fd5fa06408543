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

interface Document {
  documentId: string;
  drafts: Map<string, VersionRow>;
  published: Map<string, VersionRow>;
}

/**
 * The status table: one row per document, one cell per locale, filtered, counted over the whole
 * filtered set and paged. Pure: the caller reads every version and record of the type once (two
 * queries, whatever the size) and this works on them in memory.
 */
export const buildStatus = (
  versions: Iterable<VersionRow>,
  records: Map<string, RecordState>,
  query: StatusQuery,
  {
    locales,
    defaultLocale,
    fields,
    draftAndPublish = true,
    readable = null,
    readableVersions = null,
    readableLocales = null,
  }: {
    locales: readonly string[];
    defaultLocale: string | null;
    fields: readonly string[];
    draftAndPublish?: boolean;
    /** the documents the admin may read (null: all) */
    readable?: Set<string> | null;
    /** the versions (`documentId|locale`) the admin may read (null: all): titles and search use only these */
    readableVersions?: Set<string> | null;
    /** the locales the admin may read (null: all): a document is listed when it has a version in one */
    readableLocales?: Set<string> | null;
  }
): StatusPage => {
  const documents = new Map<string, Document>();
  for (const version of versions) {
    if (readable && !readable.has(version.documentId)) continue;
    let document = documents.get(version.documentId);
    if (!document) documents.set(version.documentId, (document = { documentId: version.documentId, drafts: new Map(), published: new Map() }));
    (version.published && draftAndPublish ? document.published : document.drafts).set(version.locale, version);
  }

  const q = query.q?.toLocaleLowerCase();
  const counts: Counts = Object.fromEntries(locales.map((locale) => [locale, { missing: 0, draft: 0, published: 0, modified: 0, stale: 0 }]));
  const rows: Array<StatusRow & { sortDate: string }> = [];

  for (const document of documents.values()) {
    const key = (locale: string) => `${document.documentId}|${locale}`;
    const present = locales.filter((locale) => document.drafts.has(locale) || document.published.has(locale));
    if (present.length === 0) continue;
    if (readableLocales && !present.some((locale) => readableLocales.has(locale))) continue;
    // The original edition: the version recorded as made from no other; else the default locale's.
    const source =
      present.find((locale) => records.has(key(locale)) && !records.get(key(locale))!.translatedFrom) ?? (defaultLocale && present.includes(defaultLocale) ? defaultLocale : present[0]);
    const main = document.drafts.get(source) ?? document.published.get(source)!;
    const date = dayOf(main.date);
    // Text only from versions the admin may read in the Content Manager: the original's title, or
    // else the first readable edition's; the search looks in those only. (States are shown for
    // every locale, as the Content Manager's locale menu does.)
    const mayRead = (locale: string) => (!readableLocales || readableLocales.has(locale)) && (!readableVersions || readableVersions.has(key(locale)));
    const titled = mayRead(source) ? source : present.find(mayRead);
    const title = titled ? ((document.drafts.get(titled) ?? document.published.get(titled))?.title ?? null) : null;

    if (query.from && (!date || date < query.from)) continue;
    if (query.to && (!date || date > query.to)) continue;
    if (Object.entries(query.filters).some(([name, value]) => String(main.values?.[name] ?? '') !== value)) continue;
    if (q && !present.filter(mayRead).some((locale) => String((document.drafts.get(locale) ?? document.published.get(locale))?.title ?? '').toLocaleLowerCase().includes(q))) continue;

    const cells: Record<string, Cell> = {};
    for (const locale of locales) {
      const draft = document.drafts.get(locale);
      const published = document.published.get(locale);
      const state = cellState({ hasDraft: Boolean(draft), hasPublished: Boolean(published), draftUpdatedAt: draft?.updatedAt, publishedUpdatedAt: published?.updatedAt });
      if (state === 'missing') {
        cells[locale] = { state, stale: false };
        continue;
      }
      const record = records.get(key(locale));
      const from = record?.translatedFrom ?? null;
      const stale = staleness(record, from ? records.get(key(from)) : undefined, fields);
      cells[locale] = {
        state,
        stale: stale.stale,
        updatedAt: iso((draft ?? published)!.updatedAt),
        translatedFrom: from,
        sourceChangedAt: stale.sourceChangedAt,
        changedFields: stale.changedFields,
      };
    }

    if (query.missing && cells[query.missing]?.state !== 'missing') continue;
    if (query.stale !== undefined) {
      const staleHere = query.locale ? Boolean(cells[query.locale]?.stale) : Object.values(cells).some((cell) => cell.stale);
      if (staleHere !== query.stale) continue;
    }
    for (const locale of locales) {
      counts[locale][cells[locale].state] += 1;
      if (cells[locale].stale) counts[locale].stale += 1;
    }
    rows.push({ documentId: document.documentId, title, date, source, cells, sortDate: date ?? '' });
  }

  // Newest first (by the date field, then the documentId), as the content API lists articles.
  rows.sort((a, b) => (a.sortDate === b.sortDate ? (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) : a.sortDate < b.sortDate ? 1 : -1));
  const total = rows.length;
  const start = (query.page - 1) * query.pageSize;
  const data = rows.slice(start, start + query.pageSize).map(({ sortDate: _sortDate, ...row }) => row);
  return { data, counts, meta: { pagination: { page: query.page, pageSize: query.pageSize, pageCount: Math.ceil(total / query.pageSize), total } } };
};
