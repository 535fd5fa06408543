import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from './pluginId';

/** The admin permissions the plugin's page and API check (Settings → Roles → Plugins). */
const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read translation status', uid: 'read', pluginName: PLUGIN_ID },
  ]);
};

export default bootstrap;
