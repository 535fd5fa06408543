import { Typography } from '@strapi/design-system';
import { createElement } from 'react';
import { FormattedMessage } from 'react-intl';

import { ADMIN_LANGUAGES, COMPONENT_COPY, CONTENT_TYPE_COPY, DISPLAY_NAMES, ENUM_WORDS, SYSTEM_FIELD_LABELS, type AdminLanguage } from './field-copy';
import { copyMessages, hintId, layoutModel, withEnumerationCells, withFieldHints, type EditLayoutLike, type ListHeaderLike } from './labels';
import en from './translations/en.json';
import ru from './translations/ru.json';
import zhHans from './translations/zh-Hans.json';

const MUTATE_EDIT_VIEW_LAYOUT = 'Admin/CM/pages/EditView/mutate-edit-view-layout';
const INJECT_COLUMN_IN_TABLE = 'Admin/CM/pages/ListView/inject-column-in-table';

// Strapi 5.54's own screens in Chinese and Russian: the strings its zh-Hans and ru files lack
// (or ship under a key Strapi never asks for) in the everyday flow: edit view, list view,
// relations, locales, preview, releases, media, blocks (and English words Strapi leaves lower-case).
const strapiGaps: Record<AdminLanguage, Record<string, string>> = { en, 'zh-Hans': zhHans, ru };

const copy = { contentTypes: CONTENT_TYPE_COPY, components: COMPONENT_COPY, displayNames: DISPLAY_NAMES, enumWords: ENUM_WORDS, systemFields: SYSTEM_FIELD_LABELS };

const translations = Object.fromEntries(
  ADMIN_LANGUAGES.map((language) => [language, { ...strapiGaps[language], ...copyMessages(copy, language) }])
);

const englishHint = (uid: string, field: string) =>
  (CONTENT_TYPE_COPY[uid] ?? COMPONENT_COPY[uid])?.[field]?.en[1] ?? '';

// A message, not a string: it follows the admin's language as Strapi's own labels do.
const hintElement = (uid: string, field: string) => createElement(FormattedMessage, { id: hintId(uid, field), defaultMessage: englishHint(uid, field) });

const urlModel = () => decodeURIComponent(window.location.pathname).match(/(?:collection-types|single-types)\/([^/?#]+)/)?.[1];

// The hook runs in every field's render: one result per layout (and page type) keeps layouts'
// identity, so memoised inputs do not render again.
const hinted = new WeakMap<object, Map<string, EditLayoutLike>>();
const withHints = (layout: EditLayoutLike): EditLayoutLike => {
  const fromUrl = urlModel() ?? '';
  const seen = hinted.get(layout) ?? new Map<string, EditLayoutLike>();
  hinted.set(layout, seen);
  let result = seen.get(fromUrl);
  if (!result) {
    const model = layoutModel(layout, CONTENT_TYPE_COPY, fromUrl);
    result = withFieldHints(layout, { model, table: CONTENT_TYPE_COPY, components: COMPONENT_COPY }, hintElement);
    seen.set(fromUrl, result);
  }
  return result;
};

// A list cell of an enumeration (a section, a kind) in words: the message the edit view's select shows.
const enumerationCell = (row: Record<string, unknown>, header: { name: string }) => {
  const value = row[header.name];
  if (value === null || value === undefined || value === '') return createElement(Typography, { textColor: 'neutral800' }, '-');
  return createElement(Typography, { textColor: 'neutral800' }, createElement(FormattedMessage, { id: String(value), defaultMessage: String(value) }));
};

export default {
  config: {
    // The admin's own language switch (profile → interface language): English is always there.
    locales: ['zh-Hans', 'ru'],
    translations,
  },
  bootstrap(app: { registerHook: (name: string, fn: (args: any) => any) => void }) {
    app.registerHook(MUTATE_EDIT_VIEW_LAYOUT, (args: { layout: EditLayoutLike; query: unknown }) => {
      const layout = withHints(args.layout);
      return layout === args.layout ? args : { ...args, layout };
    });
    app.registerHook(INJECT_COLUMN_IN_TABLE, (args: { displayedHeaders: ListHeaderLike[]; layout: unknown }) => ({
      ...args,
      displayedHeaders: withEnumerationCells(args.displayedHeaders, enumerationCell),
    }));
  },
};
