import { pickFreeSlug } from './slug';

/**
 * Slugs and keys are unique in the database, not only in the code that picks them: two writers
 * that each checked a candidate before either committed would otherwise both store it (on
 * PostgreSQL twenty concurrent creates with one title gave nineteen duplicates). These are the
 * rules for those unique indexes and for the conflicts they raise; no Strapi import.
 */

/** The app's unique indexes on content tables: a prefix Strapi's own indexes never use. */
export const UNIQUE_INDEX_PREFIX = 'nwr_unique_';

/** How many times one write is tried again after a unique index refused the value it chose. */
export const UNIQUE_ATTEMPTS = 3;

export interface UniqueIndex {
  name: string;
  table: string;
  /** the attribute and its column */
  field: string;
  column: string;
  /** the locale column, when the value is unique per locale (every localized type) */
  locale: string | null;
  /** the published_at column, when drafts and published versions are stored as separate rows */
  publishedAt: string | null;
}

/**
 * One index per managed value: the value, its locale and whether the row is a draft, because
 * Strapi stores a document as one draft and one published row per locale, both carrying the
 * same slug and key. A key is one per document across locales; the index holds it per locale
 * and version (what a single index can say), the advisory lock on its root (valueRoot) covers
 * the rest on PostgreSQL.
 */
export const uniqueIndexFor = (
  table: string,
  field: string,
  column: string,
  { localized, draftAndPublish }: { localized: boolean; draftAndPublish: boolean }
): UniqueIndex => ({
  // PostgreSQL truncates identifiers at 63 bytes; a clash there would hide one index.
  name: `${UNIQUE_INDEX_PREFIX}${table}_${column}`.slice(0, 63),
  table,
  field,
  column,
  locale: localized ? 'locale' : null,
  publishedAt: draftAndPublish ? 'published_at' : null,
});

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/** `CREATE UNIQUE INDEX IF NOT EXISTS`, in the SQL PostgreSQL and SQLite share. */
export const createIndexSql = (index: UniqueIndex, schema?: string) => {
  const parts = [quote(index.column)];
  if (index.locale) parts.push(quote(index.locale));
  if (index.publishedAt) parts.push(`(${quote(index.publishedAt)} IS NULL)`);
  const table = schema ? `${quote(schema)}.${quote(index.table)}` : quote(index.table);
  return `CREATE UNIQUE INDEX IF NOT EXISTS ${quote(index.name)} ON ${table} (${parts.join(', ')})`;
};

/**
 * The value without its trailing numeric suffixes (`seminar-2-3` → `seminar`): every candidate
 * generated from one base, and every value typed by hand that a candidate could equal, share
 * it, so one lock on it serialises all writers that could pick the same value.
 */
export const valueRoot = (value: string): string => {
  let root = value;
  while (/.-\d+$/.test(root)) root = root.replace(/-\d+$/, '');
  return root;
};

/** PostgreSQL's unique_violation; SQLite's UNIQUE constraint failure. */
export const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** The name of the app's unique index a violation names, or null for any other error. */
export const violatedUniqueIndex = (error: unknown): string | null => {
  if (!isUniqueViolation(error)) return null;
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  if (typeof constraint === 'string' && constraint.startsWith(UNIQUE_INDEX_PREFIX)) return constraint;
  // SQLite names an index on an expression in its message: UNIQUE constraint failed: index 'name'
  const named = typeof message === 'string' ? /index '([^']+)'/.exec(message) : null;
  return named && named[1].startsWith(UNIQUE_INDEX_PREFIX) ? named[1] : null;
};

export interface StoredValue {
  id: number;
  documentId: string;
  locale: string | null;
  draft: boolean;
  value: string | null;
}

export interface Rename {
  documentId: string;
  /** null: every locale (a key is one per document) */
  locale: string | null;
  from: string;
  to: string;
}

/**
 * What to rename so that a unique index can be created over rows that already break it (written
 * before the index existed): in each group of rows sharing a value (per locale and version, or
 * for a key across the whole type), the document whose row was stored first keeps it; each later
 * document gets the first free `value-2`, `value-3`, … (in its scope), for all its rows carrying it.
 */
export const planRenames = (rows: readonly StoredValue[], { perLocale }: { perLocale: boolean }): Rename[] => {
  const scopeOf = (row: StoredValue) => (perLocale ? row.locale ?? '' : '');
  const taken = new Map<string, Set<string>>();
  const groups = new Map<string, StoredValue[]>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    if (row.value === null || row.value === '') continue;
    const scope = scopeOf(row);
    taken.set(scope, (taken.get(scope) ?? new Set()).add(row.value));
    const group = `${scope}\u0000${perLocale ? (row.draft ? 'd' : 'p') : ''}\u0000${row.value}`;
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  // A document's precedence is its first stored row, so that it keeps (or loses) a value in its
  // draft and its published version alike.
  const firstId = new Map<string, number>();
  for (const row of rows) firstId.set(row.documentId, Math.min(firstId.get(row.documentId) ?? Infinity, row.id));
  const renames: Rename[] = [];
  const renamed = new Set<string>();
  for (const group of groups.values()) {
    const owners = [...new Set(group.map((row) => row.documentId))].sort((a, b) => (firstId.get(a) as number) - (firstId.get(b) as number));
    for (const documentId of owners.slice(1)) {
      const scope = scopeOf(group[0]);
      const from = group[0].value as string;
      // The draft and published rows of one document share the value: renamed once, together.
      const once = `${scope}\u0000${documentId}\u0000${from}`;
      if (renamed.has(once)) continue;
      renamed.add(once);
      const used = taken.get(scope) as Set<string>;
      const to = pickFreeSlug(from, used);
      used.add(to);
      renames.push({ documentId, locale: perLocale ? group[0].locale : null, from, to });
    }
  }
  return renames;
};
