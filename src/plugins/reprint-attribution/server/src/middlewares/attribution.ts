import type { Core } from '@strapi/strapi';

import { summaryOf } from '../domain';
import { attributableTypes, getConfig, getService } from '../utils';

export const ATTRIBUTION_MIDDLEWARE = 'plugin::reprint-attribution.attribution';


/**
 * Adds `attribution` to every content-API response of an attributable type (lists and single
 * documents), computed for the locale the response serves (`meta.fallback.served` when the
 * route fell back to another locale). List it in the host's config/middlewares.ts after the
 * response cache, so cached responses carry it; a host that does not list it gets it at the end
 * of the chain (bootstrap.ts). With `ctx.state.reprintAttribution.shape === 'summary'` each item
 * gets the summary only (summaryOf).
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<void>) => {
    await next();
    if (getConfig(strapi).responses === false) return;
    const route = ctx.state?.route;
    if (route?.info?.type !== 'content-api' || ctx.status !== 200 || !ctx.body?.data) return;
    const handler: string = typeof route.handler === 'string' ? route.handler : '';
    const uid = handler.slice(0, handler.lastIndexOf('.'));
    if (!attributableTypes(strapi)[uid]) return;
    const items: any[] = (Array.isArray(ctx.body.data) ? ctx.body.data : [ctx.body.data]).filter((item: any) => item?.documentId);
    const served = ctx.body.meta?.fallback?.served;
    const locale = typeof served === 'string' ? served : typeof ctx.query?.locale === 'string' ? ctx.query.locale : undefined;
    const results = await getService(strapi, 'attribution').ofResponseItems(uid, items, { drafts: ctx.query?.status === 'draft', locale });
    const summary = ctx.state?.reprintAttribution?.shape === 'summary';
    for (const item of items) {
      const attribution = results.get(item) ?? null;
      item.attribution = attribution && summary ? summaryOf(attribution) : attribution;
    }
  };
