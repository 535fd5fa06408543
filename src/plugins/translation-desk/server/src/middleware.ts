import type { Core } from '@strapi/strapi';

import { deskTypes, getService } from './utils';

const WRITES = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);

/** The `X-Translated-From` header of the request behind this write (REST, GraphQL, admin), if any. */
const headerSource = (strapi: Core.Strapi): string | null => {
  const value = (strapi.requestContext.get() as any)?.request?.headers?.['x-translated-from'];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

/**
 * Every Document Service write of a covered type (REST, GraphQL, the admin, code) records its
 * document's locale versions, in the write's transaction: registered by a plugin, this middleware
 * is outside the app's (plugins register first), so it opens the transaction the write's own
 * joins, and records after the write, before the commit. A rolled-back write leaves no record.
 *
 * The desk never makes a write fail: recording runs under a savepoint, and when it fails (a bug,
 * a database hiccup) it is rolled back alone and logged; the write commits and the record is
 * brought up to date at the next start (reconcile, by the draft's updatedAt) or the next save.
 * An editor's save matters more than a status table.
 */
export const registerRecording = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (!WRITES.has(context.action) || !deskTypes(strapi).has(context.uid)) return next();
    const records = getService(strapi, 'records');
    const params = context.params as Record<string, any>;
    return strapi.db.transaction(async () => {
      const result: any = await next();
      const documentIds = new Set<string>();
      if (typeof params.documentId === 'string') documentIds.add(params.documentId);
      if (typeof result?.documentId === 'string') documentIds.add(result.documentId);
      for (const entry of Array.isArray(result?.entries) ? result.entries : []) if (typeof entry?.documentId === 'string') documentIds.add(entry.documentId);
      if (documentIds.size === 0) return result;
      const from = records.explicitSource() ?? headerSource(strapi);
      const locale = typeof params.locale === 'string' && params.locale !== '*' ? params.locale : (result?.locale ?? null);
      await records.recordSafely(context.uid, [...documentIds], { explicit: from && locale ? { locale, from } : null, action: context.action });
      return result;
    });
  });
};
