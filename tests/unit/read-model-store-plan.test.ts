import knexFactory, { type Knex } from 'knex';

import { createReadModelStore } from '../../src/read-model/store';

/**
 * The read model's detail read is one indexed lookup. SQLite picks a plan without statistics
 * (no ANALYZE after an import or on a fresh database): with a full index on `stale`, it chose that
 * one for `stale = 0` and walked every fresh row (3.5 ms a read on 3,240 rows, the by-slug
 * benchmark's whole budget). The plans are checked on a real SQLite database, fresh, as a server
 * meets it.
 */

let knex: Knex;
let store: ReturnType<typeof createReadModelStore>;

const plan = async (query: Knex.QueryBuilder) => {
  const { sql, bindings } = query.toSQL().toNative();
  const rows: Array<{ detail: string }> = await knex.raw(`explain query plan ${sql}`, bindings as any[]);
  return rows.map((row) => row.detail).join('\n');
};

beforeAll(async () => {
  knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  store = createReadModelStore(knex, undefined);
  await store.ensureTables();
  const rows = [];
  for (let i = 0; i < 600; i += 1) {
    for (const locale of ['zh-Hans', 'en', 'ru']) {
      rows.push({ uid: 'api::article.article', document_id: `doc${i}`, locale, slug: `slug-${i}`, date: '2025-03-22', detail: '{}', teaser: '{}', stale: i % 50 === 0 ? 1 : 0 });
    }
  }
  for (let i = 0; i < rows.length; i += 100) await knex('read_model_rows').insert(rows.slice(i, i + 100));
  await knex('read_model_meta').insert({ name: 'fingerprint', value: 'f' });
});

afterAll(async () => {
  await knex?.destroy();
});

it('reads a detail by slug through the slug index', async () => {
  const found = await plan(store.detailQuery('api::article.article', 'en', 'slug', 'slug-7', 'f'));
  expect(found).toMatch(/USING INDEX read_model_rows_slug/);
  expect(await store.detail('api::article.article', 'en', 'slug', 'slug-7', 'f')).toBe('{}');
});

it('reads a detail by documentId through the document index', async () => {
  const found = await plan(store.detailQuery('api::article.article', 'en', 'documentId', 'doc7', 'f'));
  expect(found).toMatch(/USING INDEX read_model_rows_document/);
});

it('keeps only the rows waiting for a render in the stale index, and finds them through it', async () => {
  const indexes: Array<{ name: string; sql: string | null }> = await knex.raw(
    "select name, sql from sqlite_master where type = 'index' and tbl_name = 'read_model_rows'"
  );
  expect(indexes.map((index) => index.name)).not.toContain('read_model_rows_stale');
  expect(indexes.find((index) => index.name === 'read_model_rows_waiting')?.sql).toMatch(/where stale = 1$/i);
  expect(await plan(knex('read_model_rows').where({ stale: 1 }).first('id'))).toMatch(/USING (COVERING )?INDEX read_model_rows_waiting/);
  expect(await store.hasStale()).toBe(true);
});

it('replaces the full stale index of an earlier version when it starts again', async () => {
  await knex.raw('drop index read_model_rows_waiting');
  await knex.raw('create index read_model_rows_stale on read_model_rows (stale)');
  await store.ensureTables();
  const names: Array<{ name: string }> = await knex.raw("select name from sqlite_master where type = 'index' and tbl_name = 'read_model_rows'");
  expect(names.map((index) => index.name)).toEqual(expect.arrayContaining(['read_model_rows_waiting']));
  expect(names.map((index) => index.name)).not.toContain('read_model_rows_stale');
  expect(await plan(store.detailQuery('api::article.article', 'en', 'slug', 'slug-7', 'f'))).toMatch(/USING INDEX read_model_rows_slug/);
});
