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

it('reads a list page by walking the list index in the list order: no sort, no temporary B-tree', async () => {
  const found = await plan(store.pageQuery({ uid: 'api::article.article', locale: 'en', page: 3, pageSize: 25 }));
  expect(found).toMatch(/USING COVERING INDEX read_model_rows_list/);
  expect(found).not.toMatch(/TEMP B-TREE/);
  // The unfiltered page's statement, written out once, walks the same index and finds the same rows.
  const { page, count } = store.listStatements();
  const written: Array<{ detail: string }> = await knex.raw(`explain query plan ${page}`, ['api::article.article', 'en', 25, 50]);
  expect(written.map((row) => row.detail).join('\n')).toMatch(/USING COVERING INDEX read_model_rows_list/);
  expect(written.map((row) => row.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  const viaKnex = (await store.pageQuery({ uid: 'api::article.article', locale: 'en', page: 3, pageSize: 25 })).map((row: any) => row.id);
  expect((await knex.raw(page, ['api::article.article', 'en', 25, 50])).map((row: any) => row.id)).toEqual(viaKnex);
  expect((await knex.raw(count, ['api::article.article', 'en']))[0].total).toBe(600);
  const listed = await store.list('f', { uid: 'api::article.article', locale: 'en', page: 3, pageSize: 25 }, {});
  // Rows wait for a render in this table (stale = 1): a list is not answered then.
  expect(listed).toBeNull();
  const waiting = (await knex('read_model_rows').where({ stale: 1 }).select('id')).map((row: any) => row.id);
  await knex('read_model_rows').update({ stale: 0 });
  try {
    const answered = await store.list('f', { uid: 'api::article.article', locale: 'en', page: 3, pageSize: 25 }, {});
    expect(answered).toEqual({ items: new Array(25).fill('{}'), total: 600 });
    expect(await store.list('another fingerprint', { uid: 'api::article.article', locale: 'en', page: 3, pageSize: 25 }, {})).toBeNull();
  } finally {
    await knex('read_model_rows').whereIn('id', waiting).update({ stale: 1 });
  }
  // The index's order backwards is the list's: newest first, then documentId ascending.
  await knex('read_model_rows').insert([
    { uid: 'api::article.article', document_id: 'zz-same-day-b', locale: 'en', date: '2099-01-01', published_at: '2099-01-01T00:00:00.000Z', detail: '{}', teaser: '{}', stale: 0 },
    { uid: 'api::article.article', document_id: 'zz-same-day-a', locale: 'en', date: '2099-01-01', published_at: '2099-01-01T00:00:00.000Z', detail: '{}', teaser: '{}', stale: 0 },
    { uid: 'api::article.article', document_id: 'zz-newest', locale: 'en', date: '2099-01-02', published_at: '2099-01-01T00:00:00.000Z', detail: '{}', teaser: '{}', stale: 0 },
  ]);
  const ids = (await store.pageQuery({ uid: 'api::article.article', locale: 'en', page: 1, pageSize: 3 })).map((row: any) => row.id);
  const rows = await knex('read_model_rows').whereIn('id', ids).select('id', 'document_id');
  const byId = new Map(rows.map((row: any) => [row.id, row.document_id]));
  expect(ids.map((id: number) => byId.get(id))).toEqual(['zz-newest', 'zz-same-day-a', 'zz-same-day-b']);
  await knex('read_model_rows').where('document_id', 'like', 'zz-%').delete();
});

it('replaces the list index of an earlier version (documentId ascending, a sort per page) when it starts again', async () => {
  await knex.raw('drop index read_model_rows_list');
  await knex.raw('create index read_model_rows_order on read_model_rows (uid, locale, date, published_at, document_id)');
  await store.ensureTables();
  const names: Array<{ name: string }> = await knex.raw("select name from sqlite_master where type = 'index' and tbl_name = 'read_model_rows'");
  expect(names.map((index) => index.name)).toContain('read_model_rows_list');
  expect(names.map((index) => index.name)).not.toContain('read_model_rows_order');
  expect(await plan(store.pageQuery({ uid: 'api::article.article', locale: 'en', page: 1, pageSize: 25 }))).not.toMatch(/TEMP B-TREE/);
});

it('fills the detail statement compiled once per shape with exactly what knex compiles for those values (SQLite and PostgreSQL)', async () => {
  const pg = knexFactory({ client: 'pg' });
  try {
    for (const [client, target] of [
      ['sqlite', store],
      ['postgres', createReadModelStore(pg, 'public')],
    ] as const) {
      for (const by of ['slug', 'documentId'] as const) {
        for (const values of [
          ['api::article.article', 'en', 'slug-7', 'f'],
          ['api::source.source', 'zh-Hans', '辽宁-大学', 'x'.repeat(40)],
          // A value equal to a slot's placeholder is still a value: only the compiled query's own bindings are filled.
          ['api::institution.institution', 'ru', "o'brien", '\u0000read-model-slot:uid\u0000'],
          ['api::article.article', '\u0000read-model-slot:locale\u0000', '\u0000read-model-slot:value\u0000', 'f'],
        ] as const) {
          const query = target.detailQuery(values[0], values[1], by, values[2], values[3]);
          const statement = target.detailStatement(values[0], values[1], by, values[2], values[3]);
          const expected = query.toSQL();
          expect([client, statement.native]).toEqual([client, { sql: expected.toNative().sql, bindings: expected.toNative().bindings }]);
          expect([client, statement.plain]).toEqual([client, { sql: expected.sql, bindings: expected.bindings }]);
        }
      }
    }
  } finally {
    await pg.destroy();
  }
  expect(await store.detail('api::article.article', 'en', 'slug', 'slug-7', 'f')).toBe('{}');
  expect(await store.detail('api::article.article', 'en', 'slug', 'slug-7', 'not-the-fingerprint')).toBeNull();
});
