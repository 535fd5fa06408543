import type { Core } from '@strapi/strapi';

import { validationError } from '../lib/validation-error';

const isLocalized = (strapi: Core.Strapi, contentType: unknown) =>
  strapi.plugin('i18n').service('content-types').isLocalizedContentType(contentType);

// Locale codes per Strapi instance, read once and forgotten when a locale is created, renamed or deleted.
const known = new WeakMap<Core.Strapi, Promise<Set<string>>>();
const knownLocales = (strapi: Core.Strapi) => {
  let codes = known.get(strapi);
  if (!codes) {
    codes = strapi.db
      .query('plugin::i18n.locale')
      .findMany({ select: ['code'] })
      .then((rows: Array<{ code: string }>) => new Set(rows.map((row) => row.code)));
    known.set(strapi, codes);
  }
  return codes;
};

/**
 * Throws a 400 naming each of `requested` the CMS does not have. Also for reads that look a
 * locale up before any document action (content-api/localized-controller's fallback reads).
 */
export const assertKnownLocales = async (strapi: Core.Strapi, requested: string[]) => {
  const codes = await knownLocales(strapi);
  const unknown = requested.filter((code) => code !== '*' && !codes.has(code));
  if (unknown.length === 0) return;
  const allowed = [...codes].sort().join(', ');
  throw validationError(unknown.map((code) => ({ path: ['locale'], message: `locale "${code}" does not exist; use one of: ${allowed}`, value: code })));
};

/**
 * Rejects a document action that names a locale the CMS does not have: without this, a read
 * in an unknown locale answers an empty list and a write silently creates an orphan version.
 */
export const registerLocaleGuard = (strapi: Core.Strapi) => {
  const forget = async () => {
    known.delete(strapi);
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

    const requested = (Array.isArray(locale) ? locale : [locale]).filter((code): code is string => typeof code === 'string');
    if (requested.length > 0) await assertKnownLocales(strapi, requested);
    return next();
  });
};
