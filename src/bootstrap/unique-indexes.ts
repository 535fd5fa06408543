import type { Core } from '@strapi/strapi';

import { createIndexSql, planRenames, type UniqueIndex, type StoredValue } from '../lib/unique-values';
import { lockKey } from '../lib/write-locks';
import { uniqueIndexesOf } from '../document-middlewares/unique-values';
import { readModelOf } from '../read-model';
import { responseCacheOf } from '../response-cache';

/**
 * Creates the unique indexes on slugs and keys (src/lib/unique-values.ts) at every start, when
 * missing: they are not Strapi attributes' indexes, so Strapi's schema sync neither creates nor
 * drops them (it only removes indexes it recorded itself, @strapi/database schema/diff.js), and
 * on SQLite knex carries them over when it rebuilds a table. A database written before them may
 * hold duplicates, which would make the index fail and the start with it: each later duplicate
 * is renamed to the first free `value-2`, `value-3`, … with a warning naming the document, so
 * that the site starts and those documents can be saved and published again.
 */
export const ensureUniqueIndexes = async (strapi: Core.Strapi) => {
  const uids = Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
  for (const uid of uids) {
    for (const index of uniqueIndexesOf(strapi, uid)) await ensureIndex(strapi, uid, index);
  }
};

const ensureIndex = async (strapi: Core.Strapi, uid: string, index: UniqueIndex) => {
  const postgres = strapi.db.dialect.client === 'postgres';
  const schema = postgres ? strapi.db.getSchemaName?.() || 'public' : undefined;
  const knex = strapi.db.connection;
  const exists = async (trx: typeof knex) =>
    postgres
      ? (await trx.raw('select 1 from pg_indexes where schemaname = ? and indexname = ?', [schema, index.name])).rows.length > 0
      : (await trx.raw("select 1 from sqlite_master where type = 'index' and name = ?", [index.name])).length > 0;
  if (await exists(knex)) return;

  const renamedIds: string[] = [];
  try {
    await strapi.db.transaction(async ({ trx }) => {
      // Two instances starting at once: the second waits, then finds the index.
      if (postgres) await trx.raw('select pg_advisory_xact_lock(?, ?)', lockKey('unique-index', index.name));
      if (await exists(trx as any)) return;
      const table = () => (schema ? trx(index.table).withSchema(schema) : trx(index.table));
      const columns = ['id', 'document_id', index.column, ...(index.locale ? [index.locale] : []), ...(index.publishedAt ? [index.publishedAt] : [])];
      const rows: StoredValue[] = (await table().select(columns)).map((row: any) => ({
        id: Number(row.id),
        documentId: row.document_id,
        locale: index.locale ? row[index.locale] : null,
        draft: index.publishedAt ? row[index.publishedAt] === null : true,
        value: row[index.column],
      }));
      // A slug is unique per locale (and version); a key is one per document in the whole type.
      const renames = planRenames(rows, { perLocale: index.field !== 'key' && index.locale !== null });
      for (const rename of renames) {
        const where: Record<string, unknown> = { document_id: rename.documentId, [index.column]: rename.from };
        if (rename.locale !== null && index.locale) where[index.locale] = rename.locale;
        await table().where(where).update({ [index.column]: rename.to });
        strapi.log.warn(
          `${uid} ${rename.documentId}${rename.locale ? ` (${rename.locale})` : ''}: ${index.field} "${rename.from}" was also another document's; renamed to "${rename.to}" so that ${index.field}s can be kept unique`
        );
        renamedIds.push(rename.documentId);
      }
      if (renamedIds.length > 0) await responseCacheOf(strapi)?.clear();
      await trx.raw(createIndexSql(index, schema));
    });
  } catch (error) {
    // Rows this cannot repair (one document with two drafts in a locale): the site still starts,
    // the middlewares keep checking, and the log says what to fix.
    strapi.log.error(`unique index ${index.name} on ${index.table}.${index.column} could not be created: ${(error as Error)?.message}; duplicates of ${index.field} are then only prevented by the application's checks`);
    return;
  }
  if (renamedIds.length > 0) await readModelOf(strapi)?.markWritten(uid, [...new Set(renamedIds)]);
};
