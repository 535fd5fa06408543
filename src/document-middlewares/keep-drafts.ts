import type { Core } from '@strapi/strapi';

import { validationError } from '../lib/validation-error';

/**
 * Strapi's discardDraft replaces the drafts with copies of the published versions; where there
 * is no published version it deletes the draft and creates nothing, and the editor's work is
 * gone. Refused instead: there is nothing to go back to.
 */
export const registerKeepDrafts = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'discardDraft') return next();
    const { documentId, locale } = context.params as { documentId?: unknown; locale?: unknown };
    if (typeof documentId !== 'string') return next();
    const localized = Boolean((context.contentType as any)?.pluginOptions?.i18n?.localized);
    const where: Record<string, unknown> = { documentId };
    if (localized && locale !== '*') {
      where.locale = typeof locale === 'string' ? locale : await strapi.plugin('i18n').service('locales').getDefaultLocale();
    }
    // Per locale: with locale '*', one published locale must not cover the drafts of another.
    const rows: Array<{ locale: string | null; publishedAt: unknown }> = await strapi.db
      .query(context.uid as never)
      .findMany({ where, select: ['locale', 'publishedAt'] });
    const published = new Set(rows.filter((row) => row.publishedAt).map((row) => row.locale));
    const orphaned = [...new Set(rows.filter((row) => !row.publishedAt && !published.has(row.locale)).map((row) => row.locale))];
    if (orphaned.length > 0) {
      const where_ = localized ? ` in ${orphaned.join(', ')}` : '';
      throw validationError([{ path: ['documentId'], message: 'nothing published to go back to' }], `This document has no published version${where_} to go back to; the draft is kept`);
    }
    return next();
  });
};
