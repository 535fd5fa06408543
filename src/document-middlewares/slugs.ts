import type { Core } from '@strapi/strapi';

import { SLUG_PATTERN_SOURCE } from '../lib/field-rules';
import { isValidSlug, pickFreeSlug, slugCandidate, slugFromTitle } from '../lib/slug';
import { validationError } from '../lib/validation-error';
import { lockValue } from './value-locks';

interface SlugField {
  field: string;
  targetField: string;
}

type Row = Record<string, unknown>;

/** uid attributes governed by the newsroom's slug rules: our pattern and a title to derive from. */
export const managedSlugFields = (model: { attributes: Record<string, any> }): SlugField[] =>
  Object.entries(model.attributes)
    .filter(([, attr]) => attr.type === 'uid' && attr.regex === SLUG_PATTERN_SOURCE && attr.targetField)
    .map(([field, attr]) => ({ field, targetField: attr.targetField as string }));

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** How many numbered candidates (`base`, `base-2`, …) one indexed query checks before a prefix search. */
const SLUG_CANDIDATES = 20;

/**
 * Fills an empty slug from the title (per locale, by the locale language's rules: pinyin for
 * Chinese, romaji for Japanese kana, Latin for Russian) and keeps slugs unique within a locale: a
 * generated slug gets the first free numeric suffix, a slug the editor typed that another
 * document already uses in that locale is refused. A clone is a new document: it gets a slug of
 * its own, not its original's. The database holds the same rule (unique-values.ts), and the
 * look-ups below run under a lock on the value so that concurrent writers do not pick one slug.
 */
export const registerSlugs = (strapi: Core.Strapi) => {
  const localesService = () => strapi.plugin('i18n').service('locales');
  const isLocalized = (contentType: unknown) =>
    strapi.plugin('i18n').service('content-types').isLocalizedContentType(contentType);

  strapi.documents.use(async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update' && context.action !== 'clone') return next();
    const fields = managedSlugFields(context.contentType as never);
    if (fields.length === 0) return next();

    const params = context.params as { data?: Row; documentId?: string; locale?: string };
    const cloning = context.action === 'clone';
    if (cloning && params.data === undefined) params.data = {};
    const data = params.data;
    if (!data || typeof data !== 'object') return next();

    const localized = isLocalized(context.contentType);
    const locale = localized ? params.locale || (await localesService().getDefaultLocale()) : undefined;
    const documentId = context.action === 'update' ? params.documentId : undefined;
    const query = strapi.db.query(context.uid as never);

    // On update, the locale version may not exist yet (PUT ?locale=ru creates it). A clone's
    // title comes from its original unless the request changes it.
    let current: Row | null = null;
    const readFrom = cloning ? params.documentId : documentId;
    if (readFrom) {
      current = await query.findOne({
        where: { documentId: readFrom, ...(locale ? { locale } : {}), publishedAt: null },
        select: fields.flatMap(({ field, targetField }) => [field, targetField]),
      });
    }

    const others = (where: Row) => ({ ...where, ...(locale ? { locale } : {}), ...(documentId ? { documentId: { $ne: documentId } } : {}) });

    for (const { field, targetField } of fields) {
      // The admin's "Duplicate" sends the original's slug back: the copy gets one of its own.
      const provided = cloning && current && data[field] === current[field] ? undefined : data[field];
      const creating = !current || cloning;
      if (provided === undefined && !creating) continue;

      if (!isBlank(provided)) {
        // Format problems are reported by the format rules; only uniqueness is checked here.
        if (!isValidSlug(provided)) continue;
        await lockValue(strapi, context.uid, field, locale ?? null, provided);
        const clash = await query.findOne({ where: others({ [field]: provided }), select: ['documentId'] });
        if (clash) {
          throw validationError([
            {
              path: [field],
              message: `${field} "${provided}" is already used by another document${locale ? ` in locale ${locale}` : ''}; choose another or leave it empty to generate one`,
              value: provided,
            },
          ]);
        }
        continue;
      }

      const title = data[targetField] ?? current?.[targetField];
      const base = typeof title === 'string' ? slugFromTitle(title, { locale }) : '';
      if (!base) {
        // Nothing to derive from yet (a draft without a title); keep the slug empty.
        if (provided !== undefined || cloning) data[field] = null;
        continue;
      }
      await lockValue(strapi, context.uid, field, locale ?? null, base);
      // Exact candidates use the (slug, locale) index; a prefix search (LIKE) would read every
      // slug of the locale, which made each save slower as the archive grew.
      const candidates = Array.from({ length: SLUG_CANDIDATES }, (_, i) => slugCandidate(base, i + 1));
      let taken = (await query.findMany({ where: others({ [field]: { $in: candidates } }), select: [field] })) as Row[];
      // Draft and published versions repeat a slug: count slugs, not rows.
      if (new Set(taken.map((row) => row[field])).size === candidates.length) {
        taken = (await query.findMany({ where: others({ [field]: { $startsWith: base } }), select: [field] })) as Row[];
      }
      data[field] = pickFreeSlug(
        base,
        taken.map((row) => String(row[field]))
      );
    }
    return next();
  });
};
