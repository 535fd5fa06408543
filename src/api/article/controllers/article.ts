import { factories } from '@strapi/strapi';

const UID = 'api::article.article';

export default factories.createCoreController(UID, ({ strapi }) => ({
  /**
   * GET /api/articles/slug/:slug?locale=…[&fallback=true]: the article with that slug in that
   * locale. With fallback, a slug of another locale finds the document too, and a document
   * missing in the requested locale is served in the default locale (meta.fallback says so).
   */
  async findBySlug(ctx) {
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    const { slug } = ctx.params;
    const locales = strapi.plugin('i18n').service('locales');
    // The default locale costs a query: read it only when the request needs it.
    const requested: string = (query.locale as string) || (await locales.getDefaultLocale());
    const visible = query.status === 'draft' ? { publishedAt: { $null: true } } : { publishedAt: { $notNull: true } };
    const rows = strapi.db.query(UID);

    // (slug, locale, published_at) is indexed (schema.json "indexes").
    let match = await rows.findOne({ where: { slug, locale: requested, ...visible }, select: ['documentId'] });
    let served = requested;
    if (!match && ctx.state.localeFallback) {
      // A slug of another locale finds the document; it is served in the requested locale when
      // it exists there, in the default locale otherwise.
      match = await rows.findOne({ where: { slug, ...visible }, select: ['documentId'] });
      if (match && !(await rows.count({ where: { documentId: match.documentId, locale: requested, ...visible } }))) {
        served = await locales.getDefaultLocale();
      }
    }
    if (!match) {
      return ctx.notFound(`No article with slug "${slug}" in locale ${requested}`, {
        errors: [{ path: ['slug'], message: `no article with slug "${slug}" in locale ${requested}`, name: 'NotFoundError', value: slug }],
      });
    }
    if (served !== requested) ctx.state.fallbackServed = { requested, served };

    const entity = await strapi.service(UID).findOne(match.documentId, { ...query, locale: served });
    if (!entity) return ctx.notFound(`The article with slug "${slug}" is not available in locale ${served}`);
    const sanitized = await this.sanitizeOutput(entity, ctx);
    return this.transformResponse(sanitized);
  },
}));
