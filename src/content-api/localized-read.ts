import type { Core } from '@strapi/strapi';

import { versionsFilter } from '../lib/read-options';

export interface ReadTarget {
  /** find by slug (in the requested locale; with fallback, in any) … */
  slug?: string;
  /** … or by documentId */
  documentId?: string;
  /** the requested locale; the default locale when absent */
  locale?: string;
  fallback: boolean;
  drafts: boolean;
}

/** The document a read serves, and in which locale: `served` differs from `requested` after a fallback. */
export interface ResolvedRead {
  documentId: string;
  requested: string;
  served: string;
}


/**
 * The one place a single read of a localized type is resolved (by id or by slug, with or
 * without locale fallback): which document, in which locale. Null when there is none to serve.
 * A slug of another locale finds the document only with fallback; a document missing in the
 * requested locale is then served in the default one.
 */
export const resolveRead = async (strapi: Core.Strapi, uid: string, { slug, documentId, locale, fallback, drafts }: ReadTarget): Promise<ResolvedRead | null> => {
  const locales = strapi.plugin('i18n').service('locales');
  // The default locale costs a query: read it only when the request needs it.
  const requested: string = locale || (await locales.getDefaultLocale());
  const visible = versionsFilter(drafts);
  const rows = strapi.db.query(uid as never);

  let found: string | null = documentId ?? null;
  if (slug !== undefined) {
    // (slug, locale, published_at) is indexed (schema.json "indexes").
    const match = await rows.findOne({ where: { slug, locale: requested, ...visible }, select: ['documentId'] });
    if (match) return { documentId: match.documentId, requested, served: requested };
    if (!fallback) return null;
    found = (await rows.findOne({ where: { slug, ...visible }, select: ['documentId'] }))?.documentId ?? null;
  }
  if (!found) return null;
  if (!fallback || (await rows.count({ where: { documentId: found, locale: requested, ...visible } })) > 0) {
    return { documentId: found, requested, served: requested };
  }
  return { documentId: found, requested, served: await locales.getDefaultLocale() };
};

/**
 * The documents a list with fallback serves in `fallbackLocale` (visible in that locale and not
 * in `requested`), as an SQL subquery for a `$in` filter: the database resolves it inside the
 * list's own query, however many documents are untranslated (a list of ids would hit SQLite's and
 * PostgreSQL's bound-parameter limits).
 */
export const missingInLocaleQuery = (strapi: Core.Strapi, uid: string, { requested, fallbackLocale, drafts }: { requested: string; fallbackLocale: string; drafts: boolean }) => {
  const meta: any = strapi.db.metadata.get(uid as never);
  const column = (attribute: string) => meta.attributes[attribute].columnName ?? attribute;
  const [documentId, locale, publishedAt] = [column('documentId'), column('locale'), column('publishedAt')];
  const visible = (query: any) => (drafts ? query.whereNull(publishedAt) : query.whereNotNull(publishedAt));
  const knex = strapi.db.connection;
  return visible(
    knex(meta.tableName)
      .select(documentId)
      .where(locale, fallbackLocale)
      .whereNotIn(documentId, visible(knex(meta.tableName).select(documentId).where(locale, requested)))
  );
};
