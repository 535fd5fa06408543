import type { Core } from '@strapi/strapi';

import { attributableTypes, checkConfiguredTypes, getConfig, getService, PLUGIN_ID } from './utils';

/**
 * Adds `attribution` to every content-API response of an attributable type (lists and single
 * documents), computed for the response's locale.
 */
const decorateResponses = (strapi: Core.Strapi) => {
  strapi.server.use(async (ctx: any, next: () => Promise<void>) => {
    await next();
    const route = ctx.state?.route;
    if (route?.info?.type !== 'content-api' || ctx.status !== 200 || !ctx.body?.data) return;
    const handler: string = typeof route.handler === 'string' ? route.handler : '';
    const uid = handler.slice(0, handler.lastIndexOf('.'));
    if (!attributableTypes(strapi)[uid]) return;
    const items: any[] = (Array.isArray(ctx.body.data) ? ctx.body.data : [ctx.body.data]).filter((item: any) => item?.documentId);
    const locale = ctx.state?.fallbackServed?.served ?? (typeof ctx.query?.locale === 'string' ? ctx.query.locale : undefined);
    const results = await getService(strapi, 'attribution').ofResponseItems(uid, items, { drafts: ctx.query?.status === 'draft', locale });
    for (const item of items) item.attribution = results.get(item) ?? null;
  });
};

const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  checkConfiguredTypes(strapi);

  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read reports and settings', uid: 'read', pluginName: PLUGIN_ID },
    { section: 'plugins', displayName: 'Edit settings and templates', uid: 'settings.update', subCategory: 'settings', pluginName: PLUGIN_ID },
  ]);

  decorateResponses(strapi);

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
