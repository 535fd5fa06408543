import type { Core } from '@strapi/strapi';

import { groupLocalizations } from '../lib/localizations';

/**
 * Route middleware for reads of a localized content type (config: { uid }):
 * - every returned document lists its available localizations (locale and slug), so a site can
 *   draw the page's language links; one query per response, whatever the page size;
 * - with `fallback=true` (parsed into ctx.state.localeFallback), a single document missing in the
 *   requested locale is served in the default locale and `meta.fallback` says so.
 */
export default (config: { uid: string }, { strapi }: { strapi: Core.Strapi }) => {
  const { uid } = config;
  const query = () => strapi.db.query(uid as never);
  const defaultLocale = (): Promise<string> => strapi.plugin('i18n').service('locales').getDefaultLocale();

  return async (ctx: any, next: () => Promise<void>) => {
    const drafts = ctx.query.status === 'draft';
    const visible = drafts ? { publishedAt: { $null: true } } : { publishedAt: { $notNull: true } };
    const documentId = ctx.params?.id;

    if (ctx.state.localeFallback && documentId) {
      const requested = (ctx.query.locale as string) || (await defaultLocale());
      const exists = await query().count({ where: { documentId, locale: requested, ...visible } });
      if (exists === 0) {
        const served = await defaultLocale();
        if (served !== requested) {
          ctx.query.locale = served;
          ctx.state.fallbackServed = { requested, served };
        }
      }
    }

    await next();

    const body = ctx.body;
    if (!body || typeof body !== 'object' || !body.data) return;
    const items: any[] = Array.isArray(body.data) ? body.data : [body.data];
    const ids = [...new Set(items.map((item) => item?.documentId).filter(Boolean))];
    if (ids.length > 0) {
      const rows = await query().findMany({
        where: { documentId: { $in: ids }, ...visible },
        select: ['documentId', 'locale', 'slug'],
      });
      const grouped = groupLocalizations(rows);
      for (const item of items) if (item?.documentId) item.localizations = grouped.get(item.documentId) ?? [];
    }
    if (ctx.state.fallbackServed) {
      body.meta = { ...(body.meta ?? {}), fallback: { ...ctx.state.fallbackServed, reason: 'not available in the requested locale' } };
    }
  };
};
