import { factories } from '@strapi/strapi';

import { readOptions } from '../read-options';

const UID = 'api::article.article';

/** What a response says when it serves another locale than the one asked for. */
const fallbackMeta = (requested: string, served: string) => ({ requested, served, reason: 'not available in the requested locale' });

export default factories.createCoreController(UID, ({ strapi }) => ({
  /**
   * GET /api/articles/:id?locale=…[&fallback=true]: with fallback, a document missing in the
   * requested locale is served in the default locale, and `meta.fallback` says so.
   */
  async findOne(ctx) {
    const { fallback } = readOptions(ctx);
    if (!fallback) return super.findOne(ctx);
    const resolved = await strapi.service(UID).resolveRead({
      documentId: ctx.params.id,
      locale: typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined,
      fallback,
      drafts: ctx.query.status === 'draft',
    });
    if (resolved && resolved.served !== resolved.requested) ctx.query.locale = resolved.served;
    const response: any = await super.findOne(ctx);
    if (response && resolved && resolved.served !== resolved.requested) response.meta = { ...(response.meta ?? {}), fallback: fallbackMeta(resolved.requested, resolved.served) };
    return response;
  },

  /**
   * GET /api/articles/slug/:slug?locale=…[&fallback=true]: the article with that slug in that
   * locale. With fallback, a slug of another locale finds the document too, and a document
   * missing in the requested locale is served in the default locale (meta.fallback says so).
   */
  async findBySlug(ctx) {
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const { slug } = ctx.params;
    const resolved = await strapi.service(UID).resolveRead({
      slug,
      locale: (query.locale as string) || undefined,
      fallback: readOptions(ctx).fallback,
      drafts: query.status === 'draft',
    });
    if (!resolved) {
      const requested = (query.locale as string) || (await strapi.plugin('i18n').service('locales').getDefaultLocale());
      return ctx.notFound(`No article with slug "${slug}" in locale ${requested}`, {
        errors: [{ path: ['slug'], message: `no article with slug "${slug}" in locale ${requested}`, name: 'NotFoundError', value: slug }],
      });
    }
    const entity = await strapi.service(UID).findOne(resolved.documentId, { ...query, locale: resolved.served });
    if (!entity) return ctx.notFound(`The article with slug "${slug}" is not available in locale ${resolved.served}`);
    const sanitized = await this.sanitizeOutput(entity, ctx);
    const response: any = await this.transformResponse(sanitized);
    if (resolved.served !== resolved.requested) response.meta = { ...(response.meta ?? {}), fallback: fallbackMeta(resolved.requested, resolved.served) };
    return response;
  },
}));
