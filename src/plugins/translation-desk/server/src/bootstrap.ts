import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from './pluginId';
import { columnsOf, deskTypes, getConfig, getService, RECORD_UID, SUMMARY_UID } from './utils';

/**
 * One row per key in each of the desk's tables (a record per version, a summary per document), in
 * the database: concurrent writers (two instances, two requests) upsert one row. Not an
 * attribute's index, so Strapi's schema sync neither creates nor drops it. Existing duplicates
 * (none unless written before the index) are removed first, keeping the latest.
 */
const ensureUniqueIndex = async (strapi: Core.Strapi, uid: string, index: string, attributes: string[]) => {
  const { table, column } = columnsOf(strapi, uid);
  const columns = attributes.map(column);
  await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [index]);
    await trx(table)
      .whereNotIn('id', trx(table).max('id').groupBy(columns))
      .delete();
    await trx.raw(`create unique index if not exists ?? on ?? (${columns.map(() => '??').join(', ')})`, [index, table, ...columns]);
  });
};

/** The admin permissions the plugin's page and API check (Settings → Roles → Plugins). */
const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read translation status', uid: 'read', pluginName: PLUGIN_ID },
  ]);
  await ensureUniqueIndex(strapi, RECORD_UID, 'translation_desk_records_version_unique', ['contentType', 'entryDocumentId', 'entryLocale']);
  await ensureUniqueIndex(strapi, SUMMARY_UID, 'translation_desk_summaries_document_unique', ['contentType', 'entryDocumentId']);
  // Summaries that are missing or behind (the first start with this version of the plugin
  // builds them all; rows a script wrote) are brought up to date now, before the server answers:
  // a document without one would not be listed. With reconcileOnStart, so are the records of
  // versions written without the Document Service (an import's fast path, a script) or whose
  // record failed. Advisory like every record: a batch that fails (a database hiccup, a document
  // another instance holds) is logged and the start goes on; the next start or save repairs it.
  const { reconcileOnStart } = getConfig(strapi);
  for (const uid of deskTypes(strapi).keys()) {
    const started = Date.now();
    try {
      const count = await getService(strapi, 'records').reconcile(uid, { records: reconcileOnStart });
      if (count > 0) strapi.log.info(`translation-desk: brought ${count} ${uid} documents up to date (written without the Document Service, or summarized for the first time; ${Date.now() - started} ms)`);
    } catch (error) {
      strapi.log.error(`translation-desk: bringing the ${uid} records and summaries up to date failed; the Translations page may miss or misstate documents written without the Document Service until the next start or save: ${(error as Error)?.message}`);
    }
  }
};

export default bootstrap;
