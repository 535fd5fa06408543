import type { Core } from '@strapi/strapi';

import { groupLocalizations } from '../lib/localizations';

/**
 * Route middleware for reads of a localized content type (config: { uid }): every returned
 * document lists its available localizations (locale and slug), so a site can draw the page's
 * language links; one query per response, whatever the page size. (Which locale a single read
 * serves is the article service's `resolveRead`.)
 */
export default (config: { uid: string }, { strapi }: { strapi: Core.Strapi }) => {
  const { uid } = config;
  const query = () => strapi.db.query(uid as never);

  return async (ctx: any, next: () => Promise<void>) => {
    const drafts = ctx.query.status === 'draft';
    const visible = drafts ? { publishedAt: { $null: true } } : { publishedAt: { $notNull: true } };
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
  };
};
