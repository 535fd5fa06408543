import type { Core } from '@strapi/strapi';

import attributionMiddleware, { ATTRIBUTION_MIDDLEWARE } from './middlewares/attribution';
import { checkConfiguredTypes, getConfig, getService, PLUGIN_ID } from './utils';

/** The attribution middleware, where the host did not list it in config/middlewares.ts. */
const decorateResponses = (strapi: Core.Strapi) => {
  const listed = (strapi.config.get('middlewares', []) as unknown[]).some(
    (entry) => entry === ATTRIBUTION_MIDDLEWARE || (typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === ATTRIBUTION_MIDDLEWARE)
  );
  if (!listed) strapi.server.use(attributionMiddleware({}, { strapi }));
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  checkConfiguredTypes(strapi);

  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read reports and settings', uid: 'read', pluginName: PLUGIN_ID },
    { section: 'plugins', displayName: 'Edit settings and templates', uid: 'settings.update', subCategory: 'settings', pluginName: PLUGIN_ID },
  ]);

  if (getConfig(strapi).responses !== false) decorateResponses(strapi);

  const { cron } = getConfig(strapi);
  if (cron?.enabled) {
    strapi.cron.add({
      [`${PLUGIN_ID}-expiry`]: {
        task: async () => {
          try {
            await getService(strapi, 'expiry').run();
          } catch (error) {
            strapi.log.error(`reprint-attribution: expiry check failed: ${(error as Error).message}`);
          }
        },
        options: { rule: cron.rule, tz: getConfig(strapi).timeZone },
      },
    });
  }
};

export default bootstrap;
