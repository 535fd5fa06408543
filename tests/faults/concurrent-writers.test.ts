import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, documents, SOURCE_UID } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Concurrent writers (#16): twenty editors creating documents with the same title at the same
 * moment, over the Document Service and over the admin's content-manager API, and editors
 * publishing, unpublishing and saving one document at once. Each test prints its counts
 * (one line each) and asserts them zero: documents sharing a slug or a key, 5xx answers,
 * documents that can no longer be saved or published, inconsistent final states.
 */

let app: TestApp;
let admin: Record<string, string>;

const CM = (uid: string) => `/content-manager/collection-types/${uid}`;

beforeAll(async () => {
  app = await startTestApp();
  // Listening once, so that concurrent requests share one server (supertest would open one each).
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  admin = await adminLogin(app);
}, 120000);

afterAll(async () => {
  await app?.stop();
});

const report = (name: string, value: number) => {
  console.log(`concurrent-writers [${app.database.client}] ${name}: ${value}`);
  return value;
};

const tableOf = (uid: string) => (app.strapi.db.metadata.get(uid as never) as any).tableName as string;

/**
 * Documents beyond the first that share a value: slugs per locale and version (draft or
 * published, as Strapi stores them), keys across the whole type (what import and export match on).
 */
const duplicates = async (uid: string, documentIds?: string[]) => {
  let query = app.strapi.db.connection(tableOf(uid)).select('document_id', 'locale', 'slug', 'key', 'published_at');
  if (documentIds) query = query.whereIn('document_id', documentIds);
  const rows: any[] = await query;
  const slugGroups = new Map<string, Set<string>>();
  const keyGroups = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.slug) {
      const group = `${row.locale}|${row.published_at === null ? 'draft' : 'published'}|${row.slug}`;
      slugGroups.set(group, (slugGroups.get(group) ?? new Set()).add(row.document_id));
    }
    if (row.key) keyGroups.set(row.key, (keyGroups.get(row.key) ?? new Set()).add(row.document_id));
  }
  const extra = (groups: Map<string, Set<string>>) => [...groups.values()].reduce((sum, ids) => sum + ids.size - 1, 0);
  return { slugs: extra(slugGroups), keys: extra(keyGroups) };
};

/** Runs a Document Service call; a Strapi error a client would get as a 4xx is not a failure. */
const outcome = async (write: () => Promise<any>) => {
  try {
    return { ok: true as const, value: await write() };
  } catch (error: any) {
    const status = error?.status ?? error?.statusCode;
    const clientError = (typeof status === 'number' && status < 500) || ['ValidationError', 'NotFoundError', 'ApplicationError', 'PolicyError'].includes(error?.name);
    return { ok: false as const, clientError, message: `${error?.name}: ${error?.message}` };
  }
};

it('20 concurrent Document Service creates with one title give 20 distinct slugs and keys, each then saved and published', async () => {
  const title = 'Liaoning University holds a seminar on innovation';
  const creates = [
    ...Array.from({ length: 20 }, () => outcome(() => documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title, date: '2025-03-22' } }))),
    // Keys are one per document across locales: the same name in two locales at once.
    ...Array.from({ length: 10 }, (_, i) =>
      outcome(() => documents(app.strapi, SOURCE_UID).create({ locale: i % 2 ? 'ru' : 'en', data: { name: 'China News Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' } }))
    ),
  ];
  const results = await Promise.all(creates);
  const failed = results.filter((result) => !result.ok);
  if (failed.length) console.log(failed.map((result: any) => result.message));
  const created = results.flatMap((result) => (result.ok ? [result.value] : []));
  const articles = created.filter((doc) => doc.title === title);
  const sources = created.filter((doc) => doc.name);

  const articleDuplicates = await duplicates(ARTICLE_UID, articles.map((doc) => doc.documentId));
  const sourceDuplicates = await duplicates(SOURCE_UID, sources.map((doc) => doc.documentId));
  const counts = {
    'Document Service creates that failed': report('Document Service creates that failed', failed.length),
    'articles sharing a slug': report('articles sharing a slug (Document Service)', articleDuplicates.slugs),
    'articles sharing a key': report('articles sharing a key (Document Service)', articleDuplicates.keys),
    'sources sharing a slug': report('sources sharing a slug (Document Service)', sourceDuplicates.slugs),
    'sources sharing a key': report('sources sharing a key, en and ru at once (Document Service)', sourceDuplicates.keys),
  };

  let refused = 0;
  for (const doc of articles) {
    const saved = await outcome(() => documents(app.strapi, ARTICLE_UID).update({ documentId: doc.documentId, locale: 'en', data: { summary: 'Saved again' } }));
    const published = await outcome(() => documents(app.strapi, ARTICLE_UID).publish({ documentId: doc.documentId, locale: 'en' }));
    for (const result of [saved, published]) if (!result.ok) (refused += 1), console.log(result.message);
  }
  const afterPublish = await duplicates(ARTICLE_UID, articles.map((doc) => doc.documentId));
  expect({
    ...counts,
    'articles refusing a save or a publish': report('articles refusing a save or a publish (Document Service)', refused),
    'published articles sharing a slug': report('articles sharing a slug after publishing (Document Service)', afterPublish.slugs),
  }).toEqual({
    'Document Service creates that failed': 0,
    'articles sharing a slug': 0,
    'articles sharing a key': 0,
    'sources sharing a slug': 0,
    'sources sharing a key': 0,
    'articles refusing a save or a publish': 0,
    'published articles sharing a slug': 0,
  });
  expect(articles).toHaveLength(20);
}, 180000);

it('20 concurrent creates with one title through the admin API answer no 5xx and give distinct slugs and keys, each then saved and published', async () => {
  const title = 'Seminar on innovation and entrepreneurship education';
  const responses = await Promise.all(
    Array.from({ length: 20 }, () => app.http().post(`${CM(ARTICLE_UID)}?locale=en`).set(admin).send({ title, date: '2025-03-22', section: 'news' }))
  );
  const statuses = responses.map((res) => res.status);
  const fiveHundreds = statuses.filter((status) => status >= 500).length;
  const created = responses.filter((res) => res.status < 300).map((res) => res.body.data.documentId as string);
  const dupes = await duplicates(ARTICLE_UID, created);

  let refused = 0;
  let refusedFiveHundreds = 0;
  for (const documentId of created) {
    const saved = await app.http().put(`${CM(ARTICLE_UID)}/${documentId}?locale=en`).set(admin).send({ title, date: '2025-03-22', section: 'news', summary: 'Saved again' });
    const published = await app.http().post(`${CM(ARTICLE_UID)}/${documentId}/actions/publish?locale=en`).set(admin).send({});
    for (const res of [saved, published]) {
      if (res.status >= 300) (refused += 1), console.log(res.status, JSON.stringify(res.body?.error ?? res.body));
      if (res.status >= 500) refusedFiveHundreds += 1;
    }
  }
  const afterPublish = await duplicates(ARTICLE_UID, created);
  expect({
    '5xx': report('admin API creates answered 5xx', fiveHundreds),
    'creates refused': report('admin API creates refused (4xx)', statuses.filter((status) => status >= 300 && status < 500).length),
    'articles sharing a slug': report('articles sharing a slug (admin API)', dupes.slugs),
    'articles sharing a key': report('articles sharing a key (admin API)', dupes.keys),
    'saves or publishes refused': report('articles refusing a save or a publish (admin API)', refused),
    '5xx on save or publish': report('admin API saves and publishes answered 5xx', refusedFiveHundreds),
    'published articles sharing a slug': report('articles sharing a slug after publishing (admin API)', afterPublish.slugs),
  }).toEqual({
    '5xx': 0,
    'creates refused': 0,
    'articles sharing a slug': 0,
    'articles sharing a key': 0,
    'saves or publishes refused': 0,
    '5xx on save or publish': 0,
    'published articles sharing a slug': 0,
  });
  expect(created).toHaveLength(20);
}, 180000);

it('a slug taken by a writer the generator could not see is retried with the next candidate, not stored twice', async () => {
  // A row inserted in a transaction not yet committed (another instance, a direct import): the
  // generator cannot see it, so only the database can refuse the clash.
  const knex = app.strapi.db.connection;
  const trx = await knex.transaction();
  const now = new Date();
  await trx(tableOf(ARTICLE_UID)).insert({ document_id: 'concurrentwriterbypass00', title: 'Bypass', slug: 'bypass', key: 'bypass', locale: 'en', date: '2025-03-22', section: 'news', created_at: now, updated_at: now, published_at: null });
  const creating = outcome(() => documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: 'Bypass', date: '2025-03-22' } }));
  await new Promise((resolve) => setTimeout(resolve, 500));
  await trx.commit();
  const result = await creating;
  if (!result.ok) console.log(result.message);
  const dupes = await duplicates(ARTICLE_UID);
  expect({
    failed: report('creates failing beside an unseen writer', result.ok ? 0 : 1),
    'slug duplicates': report('articles sharing a slug beside an unseen writer', dupes.slugs),
    'key duplicates': report('articles sharing a key beside an unseen writer', dupes.keys),
  }).toEqual({ failed: 0, 'slug duplicates': 0, 'key duplicates': 0 });
  expect(result.ok && result.value.slug).toBe('bypass-2');
  expect(result.ok && result.value.key).toBe('bypass-2');
}, 60000);

it('publish, unpublish and save racing on one document through the admin API: no 5xx, a consistent state after each round', async () => {
  const created = await app.http().post(`${CM(ARTICLE_UID)}?locale=en`).set(admin).send({ title: 'Race in the admin', date: '2025-03-22', section: 'news', seo: { metaTitle: 'Race' } });
  expect(created.status).toBeLessThan(300);
  const { documentId } = created.body.data;
  const url = `${CM(ARTICLE_UID)}/${documentId}`;
  const publish = () => app.http().post(`${url}/actions/publish?locale=en`).set(admin).send({});
  const unpublish = () => app.http().post(`${url}/actions/unpublish?locale=en`).set(admin).send({});
  const save = (title: string) => app.http().put(`${url}?locale=en`).set(admin).send({ title, date: '2025-03-22', section: 'news', seo: { metaTitle: 'Race' } });

  const rows = () => app.strapi.db.query(ARTICLE_UID as never).findMany({ where: { documentId, locale: 'en' }, populate: { seo: true } }) as Promise<any[]>;
  const statuses: number[] = [];
  let inconsistent = 0;
  const problem = (message: string) => {
    inconsistent += 1;
    console.log(`round state: ${message}`);
  };
  let published = false;
  for (let round = 0; round < 12; round += 1) {
    const title = `Race in the admin ${round}`;
    const kinds = ['publish', 'unpublish', 'save', 'publish', 'unpublish'] as const;
    const responses = await Promise.all(kinds.map((kind) => (kind === 'publish' ? publish() : kind === 'unpublish' ? unpublish() : save(title))));
    statuses.push(...responses.map((res) => res.status));
    const succeeded = (kind: string) => kinds.some((k, i) => k === kind && responses[i].status < 300);

    // The writes ran one after another: the draft is whole and carries this round's save; at most
    // one published version, present only if a publish ran (this round, or before it with no
    // unpublish after), and then whole too.
    const after = await rows();
    const drafts = after.filter((row) => row.publishedAt === null);
    const publishedRows = after.filter((row) => row.publishedAt !== null);
    if (drafts.length !== 1) problem(`${drafts.length} drafts`);
    else if (succeeded('save') && drafts[0].title !== title) problem(`draft title "${drafts[0].title}", expected "${title}"`);
    if (drafts[0]?.seo?.metaTitle !== 'Race') problem('draft lost its SEO component');
    if (publishedRows.length > 1) problem(`${publishedRows.length} published versions`);
    if (publishedRows.length === 1) {
      if (!succeeded('publish') && !published) problem('published without a publish');
      if (publishedRows[0].seo?.metaTitle !== 'Race') problem('published version lost its SEO component');
    } else if (!succeeded('unpublish') && published && !succeeded('publish')) {
      problem('unpublished without an unpublish');
    }
    published = publishedRows.length === 1;

    // One write alone decides the state, whatever the race left.
    const last = round % 2 ? await unpublish() : await publish();
    statuses.push(last.status);
    const settled = await rows();
    const isPublished = settled.some((row) => row.publishedAt !== null);
    if (round % 2 === 0 && (last.status !== 200 || !isPublished)) problem(`publish after the race: ${last.status}, published ${isPublished}`);
    // (Unpublishing what the race left unpublished may be refused: only the state counts.)
    if (round % 2 === 1 && (last.status >= 500 || isPublished)) problem(`unpublish after the race: ${last.status}, published ${isPublished}`);
    published = isPublished;
  }
  expect({
    '5xx': report('admin API publish/unpublish/save race answered 5xx', statuses.filter((status) => status >= 500).length),
    inconsistent: report('inconsistent states after a publish/unpublish/save race', inconsistent),
  }).toEqual({ '5xx': 0, inconsistent: 0 });
}, 180000);
