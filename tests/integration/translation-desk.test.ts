import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, documents, INSTITUTION_UID, paragraph } from '../helpers/fixtures';
import { countQueries } from '../helpers/query-counter';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The translation desk (issue #18, docs/translations.md): what is recorded of each locale version
 * on every write, when a translation is stale, and the admin API over it.
 */
type Headers = { Authorization: string };
let app: TestApp;
let superAdmin: Headers;

const articles = () => documents(app.strapi, ARTICLE_UID);
const status = (headers: Headers, query: Record<string, string | number> = {}) => app.http().get('/translation-desk/status').query({ type: ARTICLE_UID, ...query }).set(headers);
const detail = (headers: Headers, documentId: string, locale: string) => app.http().get(`/translation-desk/documents/${ARTICLE_UID}/${documentId}/${locale}`).set(headers);
const review = (headers: Headers, documentId: string, locale: string) => app.http().post(`/translation-desk/documents/${ARTICLE_UID}/${documentId}/${locale}/review`).set(headers);
const createFrom = (headers: Headers, documentId: string, locale: string, body: Record<string, unknown> = {}) =>
  app.http().post(`/translation-desk/documents/${ARTICLE_UID}/${documentId}/${locale}/create`).set(headers).send(body);
const rowOf = async (documentId: string, query: Record<string, string | number> = {}) => {
  const res = await status(superAdmin, { pageSize: 200, ...query });
  expect(res.status).toBe(200);
  return res.body.data.find((row: any) => row.documentId === documentId);
};

/** An article written in zh-Hans, then translated into en (and ru) through the Document Service. */
const story = async (title: string, { ru = false, date = '2025-05-01', section = 'news' } = {}) => {
  const zh = await articles().create({ locale: 'zh-Hans', data: { title: `${title} 中文`, summary: '摘要', body: paragraph('正文第一段'), date, section } });
  await articles().update({ documentId: zh.documentId, locale: 'en', data: { title: `${title} EN`, summary: 'Summary', body: paragraph('First paragraph') } });
  if (ru) await articles().update({ documentId: zh.documentId, locale: 'ru', data: { title: `${title} RU`, summary: 'Резюме', body: paragraph('Первый абзац') } });
  return zh.documentId as string;
};

beforeAll(async () => {
  app = await startTestApp();
  superAdmin = await adminLogin(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('recording and staleness', () => {
  it('records a translation made through the Document Service, and its source', async () => {
    const id = await story('Recorded');
    const row = await rowOf(id);
    expect(row.source).toBe('zh-Hans');
    expect(row.title).toBe('Recorded 中文');
    expect(row.cells['zh-Hans']).toMatchObject({ state: 'draft', stale: false, translatedFrom: null });
    expect(row.cells.en).toMatchObject({ state: 'draft', stale: false, translatedFrom: 'zh-Hans' });
    expect(row.cells.ru).toEqual({ state: 'missing', stale: false });
  });

  it('source changed in a watched field → stale, with the changed fields and a diff; review → not stale', async () => {
    const id = await story('Changed');
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { title: 'Changed 中文 改', body: paragraph('正文第一段，已更正') } });
    const row = await rowOf(id);
    expect(row.cells.en).toMatchObject({ stale: true, translatedFrom: 'zh-Hans', changedFields: ['title', 'body'] });
    expect(typeof row.cells.en.sourceChangedAt).toBe('string');
    const res = await detail(superAdmin, id, 'en');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      state: 'draft',
      stale: true,
      translatedFrom: 'zh-Hans',
      changedFields: ['title', 'body'],
      diff: [
        { field: 'title', before: 'Changed 中文', after: 'Changed 中文 改' },
        { field: 'body', before: '正文第一段', after: '正文第一段，已更正' },
      ],
      reviewedAt: null,
    });
    const reviewed = await review(superAdmin, id, 'en');
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.data).toMatchObject({ stale: false, changedFields: [], diff: [], reviewedBy: 'Test strapi-super-admin' });
    expect((await rowOf(id)).cells.en.stale).toBe(false);
    // the text was not touched
    const en = await articles().findOne({ documentId: id, locale: 'en' });
    expect(en.title).toBe('Changed EN');
  });
});

describe('recording through every client', () => {
  it('records a translation saved through the REST API, from the locale its X-Translated-From header names', async () => {
    const id = await story('REST', { ru: false });
    const token = await app.adminToken();
    const res = await app
      .http()
      .put(`/api/articles/${id}?locale=ru`)
      .set({ Authorization: `Bearer ${token}`, 'X-Translated-From': 'en' })
      .send({ data: { title: 'REST RU', summary: 'Резюме', body: paragraph('Первый абзац') } });
    expect(res.status).toBe(200);
    // the content API saves and publishes
    expect((await rowOf(id)).cells.ru).toMatchObject({ state: 'published', stale: false, translatedFrom: 'en' });
    // the English source changes: the Russian translation is stale, the original is not
    await app.http().put(`/api/articles/${id}?locale=en`).set({ Authorization: `Bearer ${token}` }).send({ data: { summary: 'A new summary' } }).expect(200);
    const row = await rowOf(id);
    expect(row.cells.ru).toMatchObject({ stale: true, changedFields: ['summary'] });
    expect(row.cells['zh-Hans'].stale).toBe(false);
  });

  it('records a translation created in the Content Manager (admin API), from the original by default', async () => {
    const id = await story('Admin');
    const res = await app.http().put(`/content-manager/collection-types/${ARTICLE_UID}/${id}?locale=ru`).set(superAdmin).send({ title: 'Admin RU', summary: 'Резюме' });
    expect(res.status).toBe(200);
    expect((await rowOf(id)).cells.ru).toMatchObject({ state: 'draft', stale: false, translatedFrom: 'zh-Hans' });
    // a new translation of an already changed source is not stale; a later change of the source makes it so
    await app.http().put(`/content-manager/collection-types/${ARTICLE_UID}/${id}?locale=zh-Hans`).set(superAdmin).send({ summary: '新摘要' }).expect(200);
    expect((await rowOf(id)).cells.ru).toMatchObject({ stale: true, changedFields: ['summary'] });
  });

  it('records versions written by the set-based import (no Document Service), in the import’s transaction', async () => {
    const summary = await seed(app.strapi, { bulk: true });
    expect(summary.problems).toEqual([]);
    const reference = await app.strapi.db.query(ARTICLE_UID).findOne({ where: { key: 'lnu-innovation-entrepreneurship-seminar-2025', locale: 'en' } });
    const row = await rowOf(reference.documentId);
    expect(row.source).toBe('zh-Hans');
    for (const locale of ['en', 'ru']) expect(row.cells[locale]).toMatchObject({ state: 'published', stale: false, translatedFrom: 'zh-Hans' });
    const institutions = await app.http().get('/translation-desk/status').query({ type: INSTITUTION_UID, pageSize: 200 }).set(superAdmin);
    expect(institutions.status).toBe(200);
    expect(institutions.body.meta.pagination.total).toBeGreaterThanOrEqual(20);
    expect(institutions.body.counts.en.missing).toBe(0);
  });

  it('records at start-up what was written behind the Document Service’s back (reconcile)', async () => {
    const id = await story('Behind');
    const table = (app.strapi.db.metadata.get(ARTICLE_UID) as any).tableName;
    // a script rewrites the source's draft directly, and removes the translation's record
    await app.strapi.db.connection(table).where({ document_id: id, locale: 'zh-Hans', published_at: null }).update({ title: 'Behind 中文 改', updated_at: new Date(Date.now() + 1000) });
    await app.strapi.db.query('plugin::translation-desk.translation-record' as never).deleteMany({ where: { entryDocumentId: id, entryLocale: 'en' } });
    expect((await rowOf(id)).cells.en.translatedFrom).toBeNull();
    expect(await app.strapi.plugin('translation-desk').service('records').reconcile(ARTICLE_UID)).toBeGreaterThanOrEqual(1);
    const row = await rowOf(id);
    expect(row.cells.en).toMatchObject({ translatedFrom: 'zh-Hans', stale: false });
  });

  it('deletes the records with the locale version and with the document', async () => {
    const id = await story('Deleted', { ru: true });
    const recordsOf = () => app.strapi.db.query('plugin::translation-desk.translation-record' as never).findMany({ where: { entryDocumentId: id } });
    expect((await recordsOf()).map((record: any) => record.entryLocale).sort()).toEqual(['en', 'ru', 'zh-Hans']);
    await articles().delete({ documentId: id, locale: 'ru' });
    expect((await recordsOf()).map((record: any) => record.entryLocale).sort()).toEqual(['en', 'zh-Hans']);
    await articles().delete({ documentId: id, locale: '*' });
    expect(await recordsOf()).toEqual([]);
  });

  it('keeps one record per version when writers record one document at once (unique index)', async () => {
    const id = await story('Concurrent');
    await app.strapi.db.query('plugin::translation-desk.translation-record' as never).deleteMany({ where: { entryDocumentId: id } });
    const records = app.strapi.plugin('translation-desk').service('records');
    await Promise.all(Array.from({ length: 8 }, () => records.recordDocuments(ARTICLE_UID, [id])));
    const rows = await app.strapi.db.query('plugin::translation-desk.translation-record' as never).findMany({ where: { entryDocumentId: id } });
    expect(rows.map((record: any) => record.entryLocale).sort()).toEqual(['en', 'zh-Hans']);
  });
});

describe('what is stale', () => {
  it('a relation-only change of the source does not make its translations stale', async () => {
    const id = await story('Relations');
    const institution = await documents(app.strapi, INSTITUTION_UID).create({ locale: 'zh-Hans', data: { name: '关系测试大学' } });
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { institutions: [institution.documentId], hostInstitution: institution.documentId, section: 'events', date: '2025-06-02' } });
    const row = await rowOf(id);
    expect(row.cells.en).toMatchObject({ stale: false, changedFields: [] });
  });

  it('a save of the source with the same watched text (whitespace, formatting aside) is not a change', async () => {
    const id = await story('Same text');
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { title: '  Same text 中文  ', body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文第一段', bold: true }] }] } });
    expect((await rowOf(id)).cells.en.stale).toBe(false);
  });

  it('a translation saved with new text after its source changed is up to date; saved without text change it stays stale', async () => {
    const id = await story('Catch up');
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { summary: '摘要 改' } });
    await articles().update({ documentId: id, locale: 'en', data: { date: '2025-05-03' } });
    expect((await rowOf(id)).cells.en.stale).toBe(true);
    await articles().update({ documentId: id, locale: 'en', data: { summary: 'Summary, corrected' } });
    expect((await rowOf(id)).cells.en.stale).toBe(false);
  });

  it('cells: missing, draft, published and modified', async () => {
    const id = await story('States', { ru: true });
    await articles().publish({ documentId: id, locale: 'zh-Hans' });
    await articles().publish({ documentId: id, locale: 'en' });
    await articles().update({ documentId: id, locale: 'en', data: { summary: 'Edited after publishing' } });
    const cells = (await rowOf(id)).cells;
    expect([cells['zh-Hans'].state, cells.en.state, cells.ru.state]).toEqual(['published', 'modified', 'draft']);
    await articles().delete({ documentId: id, locale: 'ru' });
    expect((await rowOf(id)).cells.ru).toEqual({ state: 'missing', stale: false });
    // unpublished: a draft again
    await articles().unpublish({ documentId: id, locale: 'zh-Hans' });
    expect((await rowOf(id)).cells['zh-Hans'].state).toBe('draft');
  });
});
