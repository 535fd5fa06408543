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
