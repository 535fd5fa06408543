/**
 * The admin API's answers as /tmp/desk/CONTRACT.md (docs/translations.md, "Admin API") gives them.
 * The server's own types are the reference: when it exports them, import them here instead.
 */
export type EditionState = 'missing' | 'draft' | 'published' | 'modified';
export const EDITION_STATES: readonly EditionState[] = ['missing', 'draft', 'published', 'modified'];

export interface DeskFilter {
  name: string;
  type: 'enumeration';
  values: string[];
}

export interface DeskType {
  uid: string;
  displayName: string;
  locales: string[];
  defaultLocale: string;
  filters: DeskFilter[];
  date: string | null;
}

export interface Cell {
  state: EditionState;
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

export type Counts = Record<string, Record<EditionState | 'stale', number>>;

export interface StatusAnswer {
  data: StatusRow[];
  counts: Counts;
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface EditionDetail {
  state: EditionState;
  stale: boolean;
  translatedFrom: string | null;
  sourceChangedAt: string | null;
  changedFields: string[];
  diff: FieldChange[];
  reviewedAt: string | null;
  reviewedBy: string | { firstname?: string | null; lastname?: string | null; username?: string | null; email?: string | null } | null;
}
