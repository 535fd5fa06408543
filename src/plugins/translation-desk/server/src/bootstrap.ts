import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from './pluginId';
import { columnsOf, deskTypes, getConfig, getService, RECORD_UID } from './utils';

const INDEX = 'translation_desk_records_version_unique';

/**
 * One record per (contentType, entryDocumentId, locale), in the database: concurrent writers
 * (two instances, two requests) upsert one row. Not an attribute's index, so Strapi's schema sync
 * neither creates nor drops it. Existing duplicates (none unless written before the index) are
 * removed first, keeping the latest.
 */
const ensureUniqueIndex = async (strapi: Core.Strapi) => {
  const { table, column } = columnsOf(strapi, RECORD_UID);
  const columns = [column('contentType'), column('entryDocumentId'), column('entryLocale')];
  await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [INDEX]);
    await trx(table)
      .whereNotIn('id', trx(table).max('id').groupBy(columns))
      .delete();
    await trx.raw(`create unique index if not exists ?? on ?? (${columns.map(() => '??').join(', ')})`, [INDEX, table, ...columns]);
  });
};

/** The admin permissions the plugin's page and API check (Settings → Roles → Plugins). */
const bootstrap = async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany([
    { section: 'plugins', displayName: 'Read translation status', uid: 'read', pluginName: PLUGIN_ID },
  ]);
  await ensureUniqueIndex(strapi);
  if (!getConfig(strapi).reconcileOnStart) return;
  // Versions written without the Document Service (an import's fast path, a script) or whose
  // record failed: recorded now, before the server answers.
  // Advisory like every record: a failure (a database hiccup, two instances starting at once) is
  // logged and the start goes on; the next start or the next save of a document records it.
  for (const uid of deskTypes(strapi).keys()) {
    const started = Date.now();
    try {
      const count = await getService(strapi, 'records').reconcile(uid);
      if (count > 0) strapi.log.info(`translation-desk: recorded ${count} ${uid} documents written without the Document Service (${Date.now() - started} ms)`);
    } catch (error) {
      strapi.log.error(`translation-desk: recording the ${uid} versions written without the Document Service failed; the Translations page may show them as not recorded until the next start or save: ${(error as Error)?.message}`);
    }
  }
};

export default bootstrap;
