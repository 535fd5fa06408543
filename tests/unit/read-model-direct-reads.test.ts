import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import knexFactory, { type Knex } from 'knex';

import { createReadModelStore } from '../../src/read-model/store';

/**
 * On SQLite the read model's public reads go through a read-only better-sqlite3 connection of
 * their own (src/read-model/direct-reader.ts), not knex. They must answer exactly what the knex
 * path answers, for details and for list pages with every filter, on a real file in WAL mode as
 * Strapi's connection leaves it; and they must see what a writer committed, never what it has
 * not committed yet.
 */

let dir: string;
let knex: Knex;
let direct: ReturnType<typeof createReadModelStore>;
let viaKnex: ReturnType<typeof createReadModelStore>;

const ARTICLE = 'api::article.article';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-direct-'));
  knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'data.db') },
    useNullAsDefault: true,
    pool: { afterCreate: (connection: any, done: (error: Error | null, connection: unknown) => void) => done(null, connection.pragma('journal_mode = WAL') && connection) },
  });
  direct = createReadModelStore(knex, undefined);
  viaKnex = createReadModelStore(knex, undefined, { directReads: false });
  await direct.ensureTables();
  const rows = [];
  for (let i = 0; i < 120; i += 1) {
    for (const locale of ['zh-Hans', 'en']) {
      rows.push({
        uid: ARTICLE,
        document_id: `doc${String(i).padStart(3, '0')}`,
        locale,
        slug: `slug-${i}`,
        key: `key-${i}`,
        date: `2025-0${(i % 9) + 1}-1${i % 10}`,
        published_at: `2025-10-0${(i % 7) + 1}T00:00:00.000Z`,
        section: i % 3 === 0 ? 'news' : 'research',
        source_id: i % 4 === 0 ? 'src1' : 'src2',
        detail: JSON.stringify({ data: { slug: `slug-${i}`, locale } }),
        teaser: JSON.stringify({ slug: `slug-${i}` }),
        stale: 0,
      });
    }
  }
  rows.push({ uid: 'api::source.source', document_id: 'src1', locale: 'en', slug: 'first-source', key: 'first', detail: '{}', teaser: null, stale: 0 });
  rows.push({ uid: 'api::institution.institution', document_id: 'inst1', locale: 'en', slug: 'first-institution', key: 'inst', detail: '{}', teaser: null, stale: 0 });
  for (let i = 0; i < rows.length; i += 50) await knex('read_model_rows').insert(rows.slice(i, i + 50));
  const linked = await knex('read_model_rows').where({ uid: ARTICLE }).whereIn('document_id', ['doc001', 'doc005', 'doc050']).select('id');
  await knex('read_model_links').insert(linked.map((row: { id: number }) => ({ row_id: row.id, relation: 'institutions', target_id: 'inst1' })));
  await knex('read_model_meta').insert({ name: 'fingerprint', value: 'f' });
});

afterAll(async () => {
  direct?.close();
  expect(direct.readsDirectly()).toBe(false);
  await knex?.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('uses the direct reader on a file in WAL mode, and not when told not to', () => {
  expect(direct.readsDirectly()).toBe(true);
  expect(viaKnex.readsDirectly()).toBe(false);
});

/** A stored answer as text, whether it came as bytes (the direct reader) or as text (knex). */
const textOf = (value: string | Buffer | null | undefined) => (Buffer.isBuffer(value) ? value.toString('utf8') : value);

it("tells knex's query listeners of each statement it runs, as knex does", async () => {
  const seen: string[] = [];
  const listener = (query: { sql: string }) => seen.push(query.sql);
  knex.on('query', listener);
  try {
    await direct.detail(ARTICLE, 'en', 'slug', 'slug-7', 'f');
    expect(seen).toEqual([direct.detailQuery(ARTICLE, 'en', 'slug', 'slug-7', 'f', { bytes: true }).toSQL().toNative().sql]);
    seen.length = 0;
    await direct.list('f', { uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 }, {});
    // the fingerprint and the waiting rows (one statement), the page, its teasers, the count
    expect(seen).toHaveLength(4);
  } finally {
    knex.off('query', listener);
  }
});

it('answers details as the knex path does', async () => {
  for (const [by, value] of [
    ['slug', 'slug-7'],
    ['documentId', 'doc007'],
    ['slug', 'nothing'],
  ] as const) {
    for (const locale of ['en', 'zh-Hans', 'ru']) {
      const bytes = await direct.detail(ARTICLE, locale, by, value, 'f');
      // The direct reader answers with the stored bytes (sent as they are), knex with the text.
      expect(bytes === null || Buffer.isBuffer(bytes)).toBe(true);
      expect(textOf(bytes)).toEqual(await viaKnex.detail(ARTICLE, locale, by, value, 'f'));
    }
  }
  expect(textOf(await direct.detail(ARTICLE, 'en', 'slug', 'slug-7', 'f'))).toBe(JSON.stringify({ data: { slug: 'slug-7', locale: 'en' } }));
  expect(await direct.detail(ARTICLE, 'en', 'slug', 'slug-7', 'another fingerprint')).toBeNull();
});

it('answers list pages with every filter as the knex path does', async () => {
  const queries = [
    [{ uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 }, {}],
    [{ uid: ARTICLE, locale: 'en', page: 3, pageSize: 25 }, {}],
    [{ uid: ARTICLE, locale: 'zh-Hans', page: 2, pageSize: 10, section: ['news'] }, {}],
    [{ uid: ARTICLE, locale: 'en', page: 1, pageSize: 100, from: '2025-03-01', to: '2025-06-30' }, {}],
    [{ uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 }, { sources: ['first'] }],
    [{ uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 }, { institutions: ['first-institution'] }],
    [{ uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 }, { sources: ['nobody'] }],
    [{ uid: ARTICLE, locale: 'ru', page: 1, pageSize: 25 }, {}],
  ] as const;
  // Each answer must come from the direct reader itself (a failure there would fall back to knex
  // and answer the same): its statements are told to the listeners marked `direct`.
  let directStatements = 0;
  const listener = (event: { direct?: boolean }) => {
    if (event.direct) directStatements += 1;
  };
  for (const [query, lookups] of queries) {
    const expected = await viaKnex.list('f', query as any, lookups as any);
    expect(expected).not.toBeNull();
    knex.on('query', listener);
    directStatements = 0;
    try {
      const answered = await direct.list('f', query as any, lookups as any);
      expect(answered?.items.every((item) => Buffer.isBuffer(item))).toBe(true);
      expect(answered && { ...answered, items: answered.items.map(textOf) }).toEqual(expected);
    } finally {
      knex.off('query', listener);
    }
    // the check, the page, its items (when it has any), the count; a lookup per key filter
    const lookupCount = Object.keys(lookups).length;
    expect(directStatements).toBe(3 + ((expected?.items.length ?? 0) > 0 ? 1 : 0) + lookupCount);
  }
  const first = await direct.list('f', { uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 }, {});
  expect(first?.total).toBe(120);
  expect(first?.items).toHaveLength(25);
  expect((await direct.list('f', { uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 }, { institutions: ['first-institution'] }))?.total).toBe(3);
});

it('refuses a list while a row waits for a render, and sees only what a writer committed', async () => {
  const query = { uid: ARTICLE, locale: 'en', page: 1, pageSize: 25 };
  await knex.transaction(async (trx) => {
    await trx('read_model_rows').where({ document_id: 'doc003', locale: 'en' }).update({ stale: 1 });
    // Not committed: the direct reader reads the last committed state.
    expect(await direct.list('f', query, {})).not.toBeNull();
    expect(await direct.detail(ARTICLE, 'en', 'documentId', 'doc003', 'f')).not.toBeNull();
  });
  expect(await direct.list('f', query, {})).toBeNull();
  expect(await viaKnex.list('f', query, {})).toBeNull();
  expect(await direct.detail(ARTICLE, 'en', 'documentId', 'doc003', 'f')).toBeNull();
  await knex('read_model_rows').where({ document_id: 'doc003', locale: 'en' }).update({ stale: 0 });
  expect(await direct.list('f', query, {})).not.toBeNull();
});
