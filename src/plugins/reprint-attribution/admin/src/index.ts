import { createElement } from 'react';

import type { StrapiApp } from '@strapi/strapi/admin';

import { AttributionPanel } from './components/AttributionPanel';
import { Initializer } from './components/Initializer';
import { ListStatusCell } from './components/ListStatusCell';
import { PluginIcon } from './components/PluginIcon';
import { PLUGIN_ID } from './pluginId';
import { getTranslation } from './utils/getTranslation';
import { fetchAttributableTypes } from './utils/attributableTypes';
import { fieldCopyMessages, registerFieldCopy } from './utils/fieldCopy';

const read = [{ action: `plugin::${PLUGIN_ID}.read`, subject: null }];

// Filled at bootstrap; the list-view hook is synchronous and only adds the column to
// attributable types (the model is in the list view's URL).
let attributable: string[] = [];
const currentModel = () => decodeURIComponent(window.location.pathname).match(/collection-types\/([^/]+)/)?.[1] ?? '';

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
      attributable = Object.keys(types);
    });
    app.getPlugin('content-manager').apis.addEditViewSidePanel([AttributionPanel]);
    registerFieldCopy(app);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', ({ displayedHeaders, layout }: any) => {
      if (!attributable.includes(currentModel())) return { displayedHeaders, layout };
      return {
        displayedHeaders: [
          ...displayedHeaders,
          {
            attribute: { type: 'string' },
            label: { id: getTranslation('list.header'), defaultMessage: 'Attribution' },
            searchable: false,
            sortable: false,
            name: 'reprint-attribution',
            cellFormatter: (row: any) =>
              createElement(ListStatusCell, {
                documentId: row.documentId,
                model: currentModel(),
                locale: row.locale ?? new URLSearchParams(window.location.search).get('plugins[i18n][locale]') ?? undefined,
              }),
          },
        ],
        layout,
      };
    });
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
