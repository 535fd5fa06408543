/**
 * Labels, hints and enumeration words of the reprint component's fields, in the editor's admin
 * language. The words themselves are in `../translations/<locale>.json` (`field.<name>`,
 * `field.<name>.hint`, `enum.<value>`); this file tells Strapi's Content Manager where to find them:
 *
 * - labels: the Content Manager translates a component field's label through the message id
 *   `content-manager.components.<component uid>.<field>` (NonRepeatable/Repeatable component
 *   inputs, Strapi 5.54), so the plugin registers its labels under those ids;
 * - enumeration options: the admin's Enumeration input shows `formatMessage({ id: value })`, so a
 *   word is registered under the raw value as id (`cc-by-4.0` → "CC BY 4.0");
 * - hints: a field's hint is its configured description, shown as it is; the edit-view layout hook
 *   gives each reprint field without one a `<FormattedMessage>`, which follows the admin's language
 *   as labels do.
 */
import { createElement, type ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';

import { PLUGIN_ID } from '../pluginId';
import en from '../translations/en.json';

export const REPRINT_COMPONENT_UID = 'attribution.reprint';
export const MUTATE_EDIT_VIEW_LAYOUT = 'Admin/CM/pages/EditView/mutate-edit-view-layout';

type Messages = Record<string, string>;

/**
 * The Content Manager's message ids for the plugin's words in one language: component field labels
 * and enumeration values. `data` is one translation file, unprefixed.
 */
export const fieldCopyMessages = (data: Messages, component = REPRINT_COMPONENT_UID): Messages => {
  const messages: Messages = {};
  for (const [key, value] of Object.entries(data)) {
    const label = /^field\.([A-Za-z0-9_]+)$/.exec(key);
    if (label) messages[`content-manager.components.${component}.${label[1]}`] = value;
    const word = /^enum\.(.+)$/.exec(key);
    if (word) messages[word[1]] = value;
  }
  return messages;
};

/** The plugin's message id of a reprint field's hint (as registerTrads prefixes it). */
export const hintId = (field: string) => `${PLUGIN_ID}.field.${field}.hint`;

/** The part of Strapi's edit-view layout this file reads and writes (EditLayout in the Content Manager). */
export interface FieldLayoutLike {
  name: string;
  hint?: ReactNode;
  [key: string]: unknown;
}
export interface EditLayoutLike {
  components?: Record<string, { layout: FieldLayoutLike[][]; [key: string]: unknown }>;
  [key: string]: unknown;
}

/**
 * The layout with a hint on every field of `component` that has none configured and for which
 * `hintFor` gives one. Pure: the layout Strapi passes in is shared by every edit view, so a changed
 * layout is a copy, and an unchanged one is returned as it is.
 */
export const withComponentHints = <L extends EditLayoutLike>(layout: L, component: string, hintFor: (field: string) => ReactNode | undefined): L => {
  const entry = layout.components?.[component];
  if (!entry) return layout;
  let changed = false;
  const rows = entry.layout.map((row) =>
    row.map((field) => {
      if (field.hint) return field;
      const hint = hintFor(field.name);
      if (hint === undefined || hint === null || hint === '') return field;
      changed = true;
      return { ...field, hint };
    })
  );
  if (!changed) return layout;
  return { ...layout, components: { ...layout.components, [component]: { ...entry, layout: rows } } };
};

const englishHints: Messages = Object.fromEntries(
  Object.entries(en as Messages)
    .map(([key, value]) => [/^field\.([A-Za-z0-9_]+)\.hint$/.exec(key)?.[1], value] as const)
    .filter((entry): entry is readonly [string, string] => entry[0] !== undefined)
);

const hintElement = (field: string): ReactNode | undefined =>
  englishHints[field] === undefined ? undefined : createElement(FormattedMessage, { id: hintId(field), defaultMessage: englishHints[field] });

// The hook runs in every field's render (useDocumentLayout): one result per layout keeps the
// layouts' identity, so memoised inputs do not render again.
const cache = new WeakMap<object, EditLayoutLike>();

/** The edit-view layout hook: hints on the reprint component's fields. */
export const reprintHintsHook = <A extends { layout: EditLayoutLike }>(args: A): A => {
  const { layout } = args;
  let result = cache.get(layout);
  if (!result) {
    result = withComponentHints(layout, REPRINT_COMPONENT_UID, hintElement);
    cache.set(layout, result);
  }
  return result === layout ? args : { ...args, layout: result };
};

/** Registers the hints (bootstrap); labels and words come with the translations (registerTrads). */
export const registerFieldCopy = (app: { registerHook: (name: string, fn: (args: any) => any) => void }) => {
  app.registerHook(MUTATE_EDIT_VIEW_LAYOUT, reprintHintsHook);
};
