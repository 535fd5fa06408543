import { ensureUniqueIndexes } from '../../src/bootstrap/unique-indexes';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, documents, SOURCE_UID } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Slugs and keys are unique in the database (#16): what a database that already holds duplicates
 * does at start, what a write refused by the index answers, and a quick concurrent-create check
 * (the full one, with counts, is tests/faults/concurrent-writers.test.ts).
 */

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const tableOf = (uid: string) => (app.strapi.db.metadata.get(uid as never) as any).tableName as string;
const indexNames = async () =>
  app.database.client === 'postgres'
    ? ((await app.strapi.db.connection.raw("select indexname as name from pg_indexes where indexname like 'nwr_unique_%'")).rows as any[]).map((row) => row.name)
    : ((await app.strapi.db.connection.raw("select name from sqlite_master where type = 'index' and name like 'nwr_unique_%'")) as any[]).map((row) => row.name);

it('creates a unique index on every managed slug and key at start', async () => {
  expect((await indexNames()).sort()).toEqual([
    'nwr_unique_articles_key',
    'nwr_unique_articles_slug',
    'nwr_unique_institutions_key',
    'nwr_unique_institutions_slug',
    'nwr_unique_sources_key',
    'nwr_unique_sources_slug',
  ]);
});

it('10 concurrent creates with one title get distinct slugs and keys', async () => {
  const created = await Promise.all(Array.from({ length: 10 }, () => documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: 'Quick race', date: '2025-03-22' } })));
  expect(new Set(created.map((doc: any) => doc.slug)).size).toBe(10);
  expect(new Set(created.map((doc: any) => doc.key)).size).toBe(10);
});

it('a database holding duplicates from before the index starts: later duplicates are renamed with a warning, then save and publish', async () => {
  const articles = documents(app.strapi, ARTICLE_UID);
  const knex = app.strapi.db.connection;
  for (const name of ['nwr_unique_articles_slug', 'nwr_unique_articles_key']) await knex.raw(`drop index "${name}"`);
  // One after another: the first stored keeps the value.
  const stored: any[] = [];
  for (const title of ['Old duplicate A', 'Old duplicate B', 'Old duplicate C']) stored.push(await articles.create({ locale: 'en', data: { title, date: '2025-03-22' } }));
  const [first, second, third] = stored;
  await articles.publish({ documentId: first.documentId, locale: 'en' });
  await articles.publish({ documentId: second.documentId, locale: 'en' });
  // What concurrent creates left before this release: three documents, one slug and one key.
  await knex(tableOf(ARTICLE_UID)).whereIn('document_id', [second.documentId, third.documentId]).update({ slug: first.slug, key: first.key });

  const warnings: string[] = [];
  const warn = app.strapi.log.warn;
  app.strapi.log.warn = ((message: string) => warnings.push(message)) as any;
  try {
    await ensureUniqueIndexes(app.strapi);
  } finally {
    app.strapi.log.warn = warn;
  }

  expect(await indexNames()).toEqual(expect.arrayContaining(['nwr_unique_articles_slug', 'nwr_unique_articles_key']));
  const rows: any[] = await knex(tableOf(ARTICLE_UID)).whereIn('document_id', [first.documentId, second.documentId, third.documentId]).select('document_id', 'slug', 'key', 'published_at');
  const of = (documentId: string) => rows.filter((row) => row.document_id === documentId);
  // The first stored keeps its values in both versions; each later one gets the next free value in both.
  expect(of(first.documentId).map((row) => [row.slug, row.key])).toEqual([
    [first.slug, first.key],
    [first.slug, first.key],
  ]);
  expect(new Set(of(second.documentId).map((row) => row.slug))).toEqual(new Set([`${first.slug}-2`]));
  expect(new Set(of(third.documentId).map((row) => row.slug))).toEqual(new Set([`${first.slug}-3`]));
  expect(new Set(of(second.documentId).map((row) => row.key))).toEqual(new Set([`${first.key}-2`]));
  expect(new Set(of(third.documentId).map((row) => row.key))).toEqual(new Set([`${first.key}-3`]));
  expect(warnings.filter((message) => message.includes(second.documentId) && message.includes(`slug "${first.slug}"`) && message.includes(`renamed to "${first.slug}-2"`))).toHaveLength(1);
  expect(warnings).toHaveLength(4);

  // Saved and published again, which the duplicates refused ("This attribute must be unique").
  for (const doc of [second, third]) {
    await articles.update({ documentId: doc.documentId, locale: 'en', data: { summary: 'Saved again' } });
    await expect(articles.publish({ documentId: doc.documentId, locale: 'en' })).resolves.toBeDefined();
  }
  // A second start finds the indexes and changes nothing.
  await ensureUniqueIndexes(app.strapi);
  expect(await knex(tableOf(ARTICLE_UID)).whereIn('document_id', [second.documentId]).pluck('slug')).toEqual([`${first.slug}-2`, `${first.slug}-2`]);
});

it('a slug typed by hand that a concurrent writer stored first is a 400 naming the field, not a duplicate', async () => {
  const knex = app.strapi.db.connection;
  const trx = await knex.transaction();
  const now = new Date();
  await trx(tableOf(SOURCE_UID)).insert({ document_id: 'uniquevaluestypedslug000', name: 'Typed', slug: 'typed-by-hand', key: 'typed-source', locale: 'en', kind: 'other', created_at: now, updated_at: now, published_at: null });
  const creating = documents(app.strapi, SOURCE_UID)
    .create({ locale: 'en', data: { name: 'Another', slug: 'typed-by-hand' } })
    .then(
      () => null,
      (error: any) => error
    );
  await new Promise((resolve) => setTimeout(resolve, 300));
  await trx.commit();
  const error = await creating;
  expect(error?.name).toBe('ValidationError');
  expect(error?.details?.errors?.[0]?.path).toEqual(['slug']);
  expect(error?.message).toContain('already used by another document in locale en');
  expect(Number((await knex(tableOf(SOURCE_UID)).where({ slug: 'typed-by-hand' }).count({ n: '*' }))[0].n)).toBe(1);
});

it('a value refused on every try ends in a 409 naming the field, and changes nothing', async () => {
  // A writer that always gets there first: inside the write's own transaction, it stores the
  // slug the middleware has just chosen, so the database refuses the write on every try.
  const remove = (app.strapi.documents as any).use(async (context: any, next: () => Promise<unknown>) => {
    const data = context.params?.data;
    if (context.uid === SOURCE_UID && context.action === 'create' && data?.name === 'Always beaten') {
      const now = new Date();
      await app.strapi.db.query(SOURCE_UID as never).create({ data: { documentId: `beaten${Math.random().toString(36).slice(2, 14)}`, name: 'First', slug: data.slug, key: `${data.key}-other`, locale: 'en', kind: 'other', createdAt: now, updatedAt: now, publishedAt: null } as any });
    }
    return next();
  });
  try {
    const before = await app.strapi.db.query(SOURCE_UID as never).count({});
    const token = await app.adminToken();
    const res = await app.http().post('/api/sources?locale=en&status=draft').set({ Authorization: `Bearer ${token}` }).send({ data: { name: 'Always beaten' } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/another document took the slug this one was getting in locale en, 3 times at the same moment; save again/);
    expect(res.body.error.details.errors[0].path).toEqual(['slug']);
    expect(await app.strapi.db.query(SOURCE_UID as never).count({})).toBe(before);
  } finally {
    remove();
  }
});

it("the admin's Duplicate gives the copy a slug and key of its own, also when the form sends the original's back", async () => {
  const admin = await adminLogin(app);
  const original = await documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: 'To be duplicated', date: '2025-03-22' } });
  const res = await app
    .http()
    .post(`/content-manager/collection-types/${ARTICLE_UID}/clone/${original.documentId}?locale=en`)
    .set(admin)
    .send({ title: original.title, slug: original.slug, key: original.key, date: '2025-03-22', section: 'news' });
  expect(res.status).toBeLessThan(300);
  const copy = res.body.data;
  expect(copy.documentId).not.toBe(original.documentId);
  expect(copy.slug).toBe(`${original.slug}-2`);
  expect(copy.key).toBe(`${original.key}-2`);
  // A slug of the editor's own choosing is kept.
  const chosen = await app
    .http()
    .post(`/content-manager/collection-types/${ARTICLE_UID}/clone/${original.documentId}?locale=en`)
    .set(admin)
    .send({ title: original.title, slug: 'duplicated-on-purpose', date: '2025-03-22', section: 'news' });
  expect(chosen.status).toBeLessThan(300);
  expect(chosen.body.data.slug).toBe('duplicated-on-purpose');
});
