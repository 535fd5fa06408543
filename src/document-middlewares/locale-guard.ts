import type { Core } from '@strapi/strapi';

import { validationError } from '../lib/validation-error';

const isLocalized = (strapi: Core.Strapi, contentType: unknown) =>
  strapi.plugin('i18n').service('content-types').isLocalizedContentType(contentType);

/**
 * Rejects a document action that names a locale the CMS does not have: without this, a read
 * in an unknown locale answers an empty list and a write silently creates an orphan version.
 */
export const registerLocaleGuard = (strapi: Core.Strapi) => {
  // Locale codes are read once and refreshed when a locale is created, renamed or deleted.
  let known: Promise<Set<string>> | null = null;
  const knownLocales = () => {
    known ??= strapi.db
      .query('plugin::i18n.locale')
      .findMany({ select: ['code'] })
      .then((rows: Array<{ code: string }>) => new Set(rows.map((row) => row.code)));
    return known;
  };
  const forget = async () => {
    known = null;
  };
  strapi.db.lifecycles.subscribe({
    models: ['plugin::i18n.locale'],
    afterCreate: forget,
    afterUpdate: forget,
    afterDelete: forget,
    afterDeleteMany: forget,
  });

  strapi.documents.use(async (context, next) => {
    const { locale } = (context.params ?? {}) as { locale?: unknown };
    if (locale === undefined || locale === null || locale === '' || locale === '*') return next();
    if (!isLocalized(strapi, context.contentType)) return next();

    const requested = (Array.isArray(locale) ? locale : [locale]).filter((code) => typeof code === 'string');
    if (requested.length === 0) return next();
    const codes = await knownLocales();
    const unknown = requested.filter((code) => code !== '*' && !codes.has(code));
    if (unknown.length > 0) {
      const allowed = [...codes].sort().join(', ');
      throw validationError(
        unknown.map((code) => ({
          path: ['locale'],
          message: `locale "${code}" does not exist; use one of: ${allowed}`,
          value: code,
        }))
      );
    }
    return next();
  });
};
