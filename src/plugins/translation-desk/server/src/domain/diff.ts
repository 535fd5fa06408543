export interface FieldDiff {
  field: string;
  before: string;
  after: string;
}

/**
 * What changed in the source since the translation: for each watched field whose text differs
 * between the snapshot taken then and the source's text now, both texts. No snapshot (a record
 * made before snapshots, or a translation of a source that had none): every changed field's
 * `before` is ''.
 */
export const fieldDiff = (before: Record<string, string> | null | undefined, after: Record<string, string>, fields: readonly string[]): FieldDiff[] =>
  fields.filter((field) => (before?.[field] ?? '') !== (after[field] ?? '')).map((field) => ({ field, before: before?.[field] ?? '', after: after[field] ?? '' }));
