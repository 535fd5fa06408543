import knexFactory, { type Knex } from 'knex';

import { createReadModelStore, type RenderedRow, type StoredRow } from '../../src/read-model/store';

/**
 * `storeBatch` stores a batch of renders in one transaction (a rebuild's or a sweep's). It must
 * keep every rule `storeRender` and `removeRow` keep one row at a time: a row marked since its
 * render began is left stale, a row is removed only if not marked since, a model of other code
 * stores nothing, and a stored row's links are exactly its new ones.
 */

const UID = 'api::article.article';
let knex: Knex;
let store: ReturnType<typeof createReadModelStore>;

const rendered = (documentId: string, links: RenderedRow['links'] = []): RenderedRow => ({
  detail: `{"data":{"documentId":"${documentId}"},"meta":{}}`,
  teaser: `{"documentId":"${documentId}"}`,
  slug: `slug-${documentId}`,
  key: `key-${documentId}`,
  date: '2025-03-22',
  publishedAt: '2025-03-22T08:00:00.000Z',
  section: 'news',
  sourceId: null,
  links,
});

const rowOf = async (documentId: string): Promise<StoredRow> => {
  const [row] = await store.rowsOf(UID, documentId);
  return row;
};
const stateOf = async (documentId: string) => knex('read_model_rows').where({ uid: UID, document_id: documentId }).first('stale', 'detail', 'slug');
const linksOf = async (documentId: string) => {
  const row = await rowOf(documentId);
  const links = await knex('read_model_links').where({ row_id: row.id }).orderBy(['relation', 'target_id']).select('relation', 'target_id');
  return links.map((link: any) => `${link.relation}:${link.target_id}`);
};

beforeEach(async () => {
  knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  store = createReadModelStore(knex, undefined, { directReads: false });
  await store.ensureTables();
  await store.setFingerprint(knex, 'f');
  await store.markStale(knex, UID, ['a', 'b', 'c', 'd'], ['en']);
});

afterEach(async () => {
  await knex?.destroy();
});

it('stores every row of the batch, with its columns and links, in one go', async () => {
  const rows = await Promise.all(['a', 'b'].map(rowOf));
  const count = await store.storeBatch(
    [
      { row: rows[0], rendered: rendered('a', [{ relation: 'institutions', targetId: 'i1' }, { relation: 'source', targetId: 's1' }]) },
      { row: rows[1], rendered: rendered('b') },
    ],
    'f'
  );
  expect(count).toBe(2);
  expect(await stateOf('a')).toEqual({ stale: 0, detail: '{"data":{"documentId":"a"},"meta":{}}', slug: 'slug-a' });
  expect(await stateOf('b')).toMatchObject({ stale: 0, slug: 'slug-b' });
  expect(await linksOf('a')).toEqual(['institutions:i1', 'source:s1']);
  expect(await linksOf('b')).toEqual([]);
  expect(await store.detail(UID, 'en', 'slug', 'slug-a', 'f')).toBe('{"data":{"documentId":"a"},"meta":{}}');
});

it('replaces a row’s links rather than adding to them', async () => {
  await store.storeBatch([{ row: await rowOf('a'), rendered: rendered('a', [{ relation: 'institutions', targetId: 'old' }]) }], 'f');
  await store.markStale(knex, UID, ['a'], ['en']);
  await store.storeBatch([{ row: await rowOf('a'), rendered: rendered('a', [{ relation: 'institutions', targetId: 'new' }]) }], 'f');
  expect(await linksOf('a')).toEqual(['institutions:new']);
});

it('leaves a row that a write marked after its render began: stale, not served, links untouched', async () => {
  const before = await rowOf('a');
  await store.storeBatch([{ row: before, rendered: rendered('a', [{ relation: 'source', targetId: 's1' }]) }], 'f');
  await store.markStale(knex, UID, ['a'], ['en']);
  const read = await rowOf('a');
  // A write lands between the render's read of the row and its store:
  await store.markStale(knex, UID, ['a'], ['en']);
  const count = await store.storeBatch([{ row: read, rendered: rendered('a', [{ relation: 'source', targetId: 's2' }]) }, { row: await rowOf('b'), rendered: rendered('b') }], 'f');
  expect(count).toBe(1);
  expect((await stateOf('a'))?.stale).toBe(1);
  expect(await store.detail(UID, 'en', 'slug', 'slug-a', 'f')).toBeNull();
  expect(await linksOf('a')).toEqual(['source:s1']);
  expect((await stateOf('b'))?.stale).toBe(0);
});

it('removes the rows whose document is not published in that locale, unless marked since', async () => {
  await store.storeBatch([{ row: await rowOf('c'), rendered: rendered('c', [{ relation: 'source', targetId: 's1' }]) }], 'f');
  await store.markStale(knex, UID, ['c'], ['en']);
  const c = await rowOf('c');
  const d = await rowOf('d');
  await store.markStale(knex, UID, ['d'], ['en']);
  const count = await store.storeBatch([{ row: c, rendered: null }, { row: d, rendered: null }], 'f');
  expect(count).toBe(1);
  expect(await stateOf('c')).toBeUndefined();
  expect(await knex('read_model_links').where({ row_id: c.id }).count({ n: '*' }).first()).toEqual({ n: 0 });
  expect((await stateOf('d'))?.stale).toBe(1);
});

it('stores nothing when the model is another code’s (its fingerprint changed)', async () => {
  const count = await store.storeBatch([{ row: await rowOf('a'), rendered: rendered('a') }, { row: await rowOf('b'), rendered: null }], 'other');
  expect(count).toBe(0);
  expect((await stateOf('a'))?.stale).toBe(1);
  expect(await stateOf('b')).toBeDefined();
});

it('rolls the whole batch back when one of its writes fails', async () => {
  const a = await rowOf('a');
  const b = await rowOf('b');
  // A value the driver cannot bind: b's own update fails, after a's.
  const broken = { ...rendered('b'), detail: { not: 'a string' } as unknown as string };
  await expect(store.storeBatch([{ row: a, rendered: rendered('a') }, { row: b, rendered: broken }], 'f')).rejects.toThrow();
  expect((await stateOf('a'))?.stale).toBe(1);
  expect((await stateOf('b'))?.stale).toBe(1);
});
