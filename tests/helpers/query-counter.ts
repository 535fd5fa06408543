import { isReadModelWork } from '../../src/read-model/render-flag';

/**
 * Counts the SQL statements Strapi's knex connection runs while `fn` runs. The response cache is
 * emptied first, so what is counted is the database work of an uncached response: its reads and
 * writes (select, insert, update, delete). Left out, because whether they fall inside `fn`
 * depends on the clock and the pool (a slow CI machine), not on the code measured: statements
 * that set up a new pooled connection, reads of Strapi's core store (the plugin caches its
 * settings for a few seconds), and reads of the Public role's permissions (cached for 5 s:
 * src/read-path/public-permissions.ts). The read model's own work (renders after a write,
 * its sweep: src/read-model) runs beside any request and is not counted either; it is waited
 * for first.
 */
export const countQueries = async (strapi: any, fn: () => Promise<unknown>) => {
  if (strapi.has('responseCache')) await strapi.get('responseCache').clear();
  if (strapi.has('readModel')) await strapi.get('readModel').idle();
  const connection = strapi.db.connection;
  let count = 0;
  const listener = (query: { sql?: string }) => {
    if (isReadModelWork()) return;
    const sql = query?.sql ?? '';
    if (!/^\s*(with|select|insert|update|delete)\b/i.test(sql)) return;
    // PostgreSQL names the schema: from "public"."strapi_core_store_settings".
    if (/from\s+(?:[`"]?\w+[`"]?\.)?[`"]?strapi_core_store_settings[`"]?/i.test(sql)) return;
    if (/from\s+(?:[`"]?\w+[`"]?\.)?[`"]?up_permissions[`"]?\s/i.test(sql)) return;
    count += 1;
  };
  connection.on('query', listener);
  try {
    await fn();
  } finally {
    connection.off('query', listener);
  }
  return count;
};
