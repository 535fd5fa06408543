import { createElement } from 'react';

import type { StrapiApp } from '@strapi/strapi/admin';

import { AttributionPanel } from './components/AttributionPanel';
import { Initializer } from './components/Initializer';
import { listModel, ListFilter } from './components/ListFilter';
import { ListStatusCell } from './components/ListStatusCell';
import { PluginIcon } from './components/PluginIcon';
import { PLUGIN_ID } from './pluginId';
import type { ContentTypeFields } from './types';
import { getTranslation } from './utils/getTranslation';
import { fetchAttributableTypes } from './utils/attributableTypes';
import { fieldCopyMessages, registerFieldCopy } from './utils/fieldCopy';

const read = [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }];

// Filled at bootstrap; the list-view hook is synchronous and only adds the column to
// attributable types (the model is in the list view's URL).
let attributable: Record<string, ContentTypeFields> = {};
const currentModel = listModel;

/**
 * Where the column goes: right after the title (the type's configured title field, else the
 * list's main field), so that it is in view at a laptop's width; after the first column when
 * neither is shown.
 */
const columnIndex = (headers: Array<{ name: string }>, fields: ContentTypeFields, mainField?: string) => {
  const at = [fields.title, mainField].map((name) => headers.findIndex((header) => header.name === name)).find((index) => index >= 0);
  return at === undefined ? Math.min(1, headers.length) : at + 1;
};

const plugin: StrapiApp['appPlugins'][string] = {
  register(app) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: PluginIcon,
      intlLabel: { id: getTranslation('report.title'), defaultMessage: 'Reprint report' },
      Component: () => import('./pages/Report'),
      permissions: read,
    });
    app.addSettingsLink('global', {
      id: PLUGIN_ID,
      to: PLUGIN_ID,
      intlLabel: { id: getTranslation('settings.title'), defaultMessage: 'Reprint attribution' },
      Component: () => import('./pages/Settings'),
      permissions: read,
    });
    app.registerPlugin({ id: PLUGIN_ID, initializer: Initializer, isReady: false, name: PLUGIN_ID });
  },

  bootstrap(app: any) {
    fetchAttributableTypes().then((types) => {
      attributable = types;
    });
    app.getPlugin('content-manager').apis.addEditViewSidePanel([AttributionPanel]);
    registerFieldCopy(app);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', ({ displayedHeaders, layout }: any) => {
      const fields = attributable[currentModel()];
      if (!fields) return { displayedHeaders, layout };
      const column = {
        attribute: { type: 'string' },
        label: { id: getTranslation('list.header'), defaultMessage: 'Attribution' },
        searchable: false,
        sortable: false,
        name: 'reprint-attribution',
        cellFormatter: (row: any, _header: unknown, context?: { model?: string }) =>
          createElement(ListStatusCell, {
            documentId: row.documentId,
            model: context?.model ?? currentModel(),
            locale: row.locale ?? new URLSearchParams(window.location.search).get('plugins[i18n][locale]') ?? undefined,
          }),
      };
      const index = columnIndex(displayedHeaders, fields, layout?.settings?.mainField);
      return { displayedHeaders: [...displayedHeaders.slice(0, index), column, ...displayedHeaders.slice(index)], layout };
    });
    // The attribution filter next to the list's own actions (it shows on attributable types only).
    app.getPlugin('content-manager').injectComponent('listView', 'actions', { name: `${PLUGIN_ID}-list-filter`, Component: ListFilter });
  },

  registerTrads({ locales }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          const prefixed: Record<string, string> = {};
          for (const key of Object.keys(data)) prefixed[getTranslation(key)] = data[key];
          return { data: { ...prefixed, ...fieldCopyMessages(data) }, locale };
        } catch {
          return { data: {}, locale };
        }
      })
    );
  },
};

export default plugin;
