/**
 * The admin API's answers (docs/translations.md, "Admin API"). The status table's types are the
 * server's own (type-only imports: nothing of the server enters the admin's bundle); the answers
 * of /types and /documents are built inline by its service, so their shape is written here.
 */
import type { CellState } from '../../server/src/domain/state';

export type EditionState = CellState;
// The server's CELL_STATES, not imported: its module pulls in the hashing (node:crypto).
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
  defaultLocale: string | null;
  filters: DeskFilter[];
  date: string | null;
  /** the locales whose missing editions this admin may create */
  creatableLocales: string[];
}

export type { Cell, Counts, StatusRow } from '../../server/src/domain/status';
export type { StatusPage as StatusAnswer } from '../../server/src/domain/status';

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
  /** the diff is left out: this admin may not read the original edition in the Content Manager */
  diffWithheld?: boolean;
  reviewedAt: string | null;
  /** the reviewer's name */
  reviewedBy: string | null;
}
