/**
 * How the admin shows field-copy.ts's words (pure functions; the hook that uses them is in
 * app.tsx). Strapi 5.54's Content Manager translates
 *
 * - a content type's field label through the message id `content-manager.content-types.<uid>.<field>`
 *   (edit view and list-view column headers), a component field's through
 *   `content-manager.components.<component uid>.<field>`, a content type's display name through the
 *   name itself, and an enumeration option through its raw value;
 * - but not a field's hint (its configured description, shown as it is): the edit-view layout hook
 *   puts a message of our own there (`newsroom.hint.<uid>.<field>`), for fields with no description.
 */
import type { AdminLanguage, CopyTable } from './field-copy';

export type Messages = Record<string, string>;

export const hintId = (uid: string, field: string) => `newsroom.hint.${uid}.${field}`;

export interface CopySources {
  contentTypes: CopyTable;
  components: CopyTable;
  displayNames: Record<string, Record<AdminLanguage, string>>;
  /** fields Strapi adds to every content type (id, createdAt …) */
  systemFields?: Record<string, Record<AdminLanguage, string>>;
  enumWords: Record<string, Record<AdminLanguage, string>>;
}

/** Every message the copy gives in one admin language. */
export const copyMessages = ({ contentTypes, components, displayNames, enumWords, systemFields = {} }: CopySources, language: AdminLanguage): Messages => {
  const messages: Messages = {};
  for (const uid of Object.keys(contentTypes)) {
    for (const [field, words] of Object.entries(systemFields)) messages[`content-manager.content-types.${uid}.${field}`] = words[language];
  }
  const add = (table: CopyTable, prefix: string) => {
    for (const [uid, fields] of Object.entries(table)) {
      for (const [field, copy] of Object.entries(fields)) {
        const [label, hint] = copy[language];
        messages[`content-manager.${prefix}.${uid}.${field}`] = label;
        messages[hintId(uid, field)] = hint;
      }
    }
  };
  add(contentTypes, 'content-types');
  add(components, 'components');
  for (const [name, words] of Object.entries(displayNames)) messages[name] = words[language];
  for (const [value, words] of Object.entries(enumWords)) messages[value] = words[language];
  return messages;
};

/** The part of the Content Manager's edit layout read here (EditLayout). */
export interface FieldLayoutLike {
  name: string;
  hint?: unknown;
  [key: string]: unknown;
}
export interface EditLayoutLike {
  layout: FieldLayoutLike[][][];
  components: Record<string, { layout: FieldLayoutLike[][]; [key: string]: unknown }>;
  [key: string]: unknown;
}

const fieldsOf = (panels: FieldLayoutLike[][][]) => panels.flat(2).map((field) => field.name);

/**
 * Which content type an edit layout belongs to. The hook is not told (it gets the layout and the
 * query), and the URL names the page's type, not that of a related document edited in a modal:
 * so it is the type of the copy that has all the layout's fields (the URL's type when several
 * have), else the one with most of them (a field added without copy), at least half.
 */
export const layoutModel = (layout: Pick<EditLayoutLike, 'layout'>, table: CopyTable, urlModel?: string): string | undefined => {
  const names = fieldsOf(layout.layout);
  if (names.length === 0) return undefined;
  let best: { uid: string; share: number } | undefined;
  for (const [uid, fields] of Object.entries(table)) {
    const share = names.filter((name) => name in fields).length / names.length;
    if (share < 0.5) continue;
    if (!best || share > best.share || (share === best.share && uid === urlModel)) best = { uid, share };
  }
  return best?.uid;
};

/**
 * The layout with a hint on each field that has no configured description and has copy: the
 * content type's own fields (`model`) and every component's. Pure: the layout Strapi passes is
 * shared (cached) by every edit view, so what changes is copied and the rest kept as it is.
 */
export const withFieldHints = <L extends EditLayoutLike>(
  layout: L,
  { model, table, components }: { model?: string; table: CopyTable; components: CopyTable },
  hintFor: (uid: string, field: string) => unknown
): L => {
  const fill = (uid: string, fields: Record<string, unknown>) => (field: FieldLayoutLike) =>
    field.hint || !(field.name in fields) ? field : { ...field, hint: hintFor(uid, field.name) };
  const sameRows = <T>(before: T[][], after: T[][]) => before.every((row, r) => row.every((field, f) => field === after[r][f]));

  let panels = layout.layout;
  if (model && table[model]) {
    const fillField = fill(model, table[model]);
    const filled = layout.layout.map((panel) => panel.map((row) => row.map(fillField)));
    if (!layout.layout.every((panel, p) => sameRows(panel, filled[p]))) panels = filled;
  }

  let componentLayouts = layout.components;
  for (const [uid, fields] of Object.entries(components)) {
    const entry = layout.components?.[uid];
    if (!entry) continue;
    const rows = entry.layout.map((row) => row.map(fill(uid, fields)));
    if (sameRows(entry.layout, rows)) continue;
    componentLayouts = { ...componentLayouts, [uid]: { ...entry, layout: rows } };
  }

  if (panels === layout.layout && componentLayouts === layout.components) return layout;
  return { ...layout, layout: panels, components: componentLayouts };
};

export interface ListHeaderLike {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: unknown;
}

/**
 * The list view's headers with a formatter on each enumeration column (Strapi prints the raw
 * value, `news`; the formatter shows the same word as the edit view's select). Columns another
 * plugin formats already are left as they are; so is everything else.
 */
export const withEnumerationCells = <H extends ListHeaderLike>(headers: H[], formatter: NonNullable<H['cellFormatter']>): H[] =>
  headers.map((header) => (header.attribute?.type === 'enumeration' && typeof header.cellFormatter !== 'function' ? { ...header, cellFormatter: formatter } : header));
