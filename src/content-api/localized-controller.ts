import type { Core } from '@strapi/strapi';

import { missingInLocaleQuery, resolveRead } from './localized-read';
import { readOptions } from '../lib/read-options';
import { assertKnownLocales } from '../document-middlewares/locale-guard';

/** What a response says when it serves another locale than the one asked for. */
export const fallbackMeta = (requested: string, served: string) => ({ requested, served, reason: 'not available in the requested locale' });

const singular = (uid: string) => uid.slice(uid.lastIndexOf('.') + 1);

/**
 * The read actions of a localized content type's controller (article, source, institution):
 * `fallback=true` on lists and single reads, and the read by slug. Pass the object to
 * `factories.createCoreController` as it is (its methods call the core controller's through
 * `super`, which a spread copy would lose).
 */
export const localizedReadController = (uid: string, strapi: Core.Strapi) => {
  const defaultLocale = (): Promise<string> => strapi.plugin('i18n').service('locales').getDefaultLocale();
  const requestedLocale = async (query: Record<string, unknown>) => (typeof query.locale === 'string' && query.locale) || defaultLocale();
  /**
   * A fallback read looks the requested locale up itself, before any document action (whose
   * locale guard would refuse an unknown one): an unknown locale is a 400 here too, not a quiet
   * fallback to the default.
   */
  const assertKnownLocale = async (locale: unknown) => {
    if (typeof locale === 'string' && locale !== '') await assertKnownLocales(strapi, [locale]);
  };

  return {
    /**
     * GET /api/<type>?locale=…[&fallback=true]: with fallback, each document missing in the
     * requested locale is listed in the default locale, in the same order and pages, and the
     * item says so (`fallback: { requested, served }`).
     */
    async find(this: any, ctx: any) {
      const { fallback } = readOptions(ctx);
      if (!fallback) return super.find(ctx);
      await assertKnownLocale(ctx.query.locale);
      await this.validateQuery(ctx);
      const query = await this.sanitizeQuery(ctx);
      const [requested, fallbackLocale] = await Promise.all([requestedLocale(query), defaultLocale()]);
      if (requested === fallbackLocale) return super.find(ctx);

      const drafts = query.status === 'draft';
      const missing = missingInLocaleQuery(strapi, uid, { requested, fallbackLocale, drafts });
      const scope = { $or: [{ locale: requested }, { locale: fallbackLocale, documentId: { $in: missing } }] };
      // An item must say its locale to be marked (`fields` may be one name, a list, or names joined by commas).
      const asked: string[] | undefined =
        query.fields === undefined || query.fields === '*' ? undefined : (Array.isArray(query.fields) ? query.fields : String(query.fields).split(',')).map((name: string) => name.trim());
      const fields = asked && !asked.includes('locale') ? [...asked, 'locale'] : query.fields;
      const { results, pagination } = await strapi.service(uid as never).find({
        ...query,
        ...(fields ? { fields } : {}),
        filters: query.filters ? { $and: [query.filters, scope] } : scope,
        // Both locales at once: the document service lists every locale for '*' (the scope above narrows it).
        locale: '*',
      } as never);
      const sanitized = await this.sanitizeOutput(results, ctx);
      const response: any = await this.transformResponse(sanitized, { pagination });
      for (const item of response.data ?? []) if (item?.locale && item.locale !== requested) item.fallback = fallbackMeta(requested, item.locale);
      return response;
    },

    /**
     * GET /api/<type>/:id?locale=…[&fallback=true]: with fallback, a document missing in the
     * requested locale is served in the default locale, and `meta.fallback` says so.
     */
    async findOne(this: any, ctx: any) {
      const { fallback } = readOptions(ctx);
      if (!fallback) return super.findOne(ctx);
      await assertKnownLocale(ctx.query.locale);
      const resolved = await resolveRead(strapi, uid, {
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
     * GET /api/<type>/slug/:slug?locale=…[&fallback=true]: the document with that slug in that
     * locale. With fallback, a slug of another locale finds the document too, and a document
     * missing in the requested locale is served in the default locale (meta.fallback says so).
     */
    async findBySlug(this: any, ctx: any) {
      await assertKnownLocale(ctx.query.locale);
      await this.validateQuery(ctx);
      const query = await this.sanitizeQuery(ctx);
      const { slug } = ctx.params;
      const resolved = await resolveRead(strapi, uid, {
        slug,
        locale: (query.locale as string) || undefined,
        fallback: readOptions(ctx).fallback,
        drafts: query.status === 'draft',
      });
      const name = singular(uid);
      if (!resolved) {
        const requested = await requestedLocale(query);
        return ctx.notFound(`No ${name} with slug "${slug}" in locale ${requested}`, {
          errors: [{ path: ['slug'], message: `no ${name} with slug "${slug}" in locale ${requested}`, name: 'NotFoundError', value: slug }],
        });
      }
      const entity = await strapi.service(uid as never).findOne(resolved.documentId, { ...query, locale: resolved.served } as never);
      if (!entity) return ctx.notFound(`The ${name} with slug "${slug}" is not available in locale ${resolved.served}`);
      const sanitized = await this.sanitizeOutput(entity, ctx);
      const response: any = await this.transformResponse(sanitized);
      if (resolved.served !== resolved.requested) response.meta = { ...(response.meta ?? {}), fallback: fallbackMeta(resolved.requested, resolved.served) };
      return response;
    },
  };
};
