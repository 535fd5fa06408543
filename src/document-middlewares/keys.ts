import type { Core } from '@strapi/strapi';

import { pickFreeSlug, slugFromTitle } from '../lib/slug';
import { validationError } from '../lib/validation-error';
import { lockValue } from './value-locks';

type Row = Record<string, unknown>;

/** Content types taking part in import/export: a non-localized string attribute `key`. */
export const hasKey = (model: { attributes: Record<string, any> }) =>
  model.attributes.key?.type === 'string' && model.attributes.key?.pluginOptions?.i18n?.localized === false;

const titleField = (model: { attributes: Record<string, any> }) =>
  Object.values(model.attributes).find((attribute: any) => attribute.type === 'uid' && attribute.targetField)?.targetField as
    | string
    | undefined;

/**
 * Every document gets a stable `key` (what seed, import and export match on), also when an
 * editor creates it in the admin: derived from its title, unique within its type. A key typed
 * by hand that another document already has is refused. A clone gets a key of its own. The
 * look-ups run under a lock on the value (value-locks.ts): a key is one per document in every
 * locale, which the database's index (per locale) cannot say alone.
 */
export const registerKeys = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'create' && context.action !== 'update' && context.action !== 'clone') return next();
    const model = context.contentType as { attributes: Record<string, any> };
    if (!hasKey(model)) return next();
    const params = context.params as { data?: Row; documentId?: string };
    const cloning = context.action === 'clone';
    if (cloning && params.data === undefined) params.data = {};
    const data = params.data;
    if (!data || typeof data !== 'object') return next();

    const query = strapi.db.query(context.uid as never);
    const documentId = context.action === 'update' ? params.documentId : undefined;
    const notThis = documentId ? { documentId: { $ne: documentId } } : {};
    let provided = data.key;
    if (cloning && typeof provided === 'string' && params.documentId) {
      // The admin's "Duplicate" sends the original's key back: the copy gets one of its own.
      const original = await query.findOne({ where: { documentId: params.documentId, key: provided }, select: ['key'] });
      if (original) provided = undefined;
    }

    if (typeof provided === 'string' && provided !== '') {
      await lockValue(strapi, context.uid, 'key', null, provided);
      const clash = await query.findOne({ where: { key: provided, ...notThis }, select: ['documentId'] });
      if (clash) {
        throw validationError([{ path: ['key'], message: `key "${provided}" is already used by another document`, value: provided }]);
      }
      return next();
    }
    if (documentId) {
      const existing = await query.findOne({ where: { documentId, key: { $notNull: true } }, select: ['key'] });
      // Keeps the key the document has (also when `key: null` is sent by a client that does not know it).
      if (existing?.key) {
        if (provided !== undefined) data.key = existing.key;
        return next();
      }
    }
    const field = titleField(model);
    const locale = typeof (context.params as { locale?: unknown }).locale === 'string' ? ((context.params as { locale?: string }).locale as string) : undefined;
    let title = field ? data[field] : undefined;
    if (cloning && field && !title && params.documentId) {
      const original = await query.findOne({ where: { documentId: params.documentId, ...(locale ? { locale } : {}) }, select: [field] });
      title = original?.[field];
    }
    const base = slugFromTitle(String(title || ''), { locale, maxLength: 60 }) || context.uid.split('.').pop() || 'document';
    await lockValue(strapi, context.uid, 'key', null, base);
    const taken = (await query.findMany({ where: { key: { $startsWith: base }, ...notThis }, select: ['key'] })) as Row[];
    data.key = pickFreeSlug(
      base,
      taken.map((row) => String(row.key))
    );
    return next();
  });
};
