import { ARTICLE_UID, documents } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Concurrent writes to one document (two editors, an editor and the expiry cron, two
 * instances) are serialised: each write sees the state the previous one left. Before, a
 * publish racing an unpublish on PostgreSQL failed inside Strapi with
 * "Cannot read properties of undefined (reading 'reprint')" (a 500).
 */

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  // Listening once (supertest would otherwise open and close a server per request), so that
  // concurrent requests share it.
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await app?.stop();
});

const reprint = {
  isReprint: true,
  originalTitle: '原标题',
  originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml',
  originalPublishedAt: '2025-03-22',
  originalLanguage: 'zh-Hans',
  originalAuthors: '张三',
  reprintType: 'full',
  license: 'statutory-news-exception',
  responsibleEditor: '李四',
};

it('publish, unpublish, update and discard racing on one document never fail unexpectedly', async () => {
  const articles = documents(app.strapi, ARTICLE_UID);
  const source = await documents(app.strapi, 'api::source.source').create({ locale: 'en', data: { name: 'China News Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' } });
  await documents(app.strapi, 'api::source.source').publish({ documentId: source.documentId, locale: 'en' });
  const article = await articles.create({
    locale: 'en',
    data: { title: 'Race', date: '2025-03-22', source: source.documentId, reprint, seo: { metaTitle: 'Race' } },
  });
  const { documentId } = article;

  const outcomes = { ok: 0, refused: 0, unexpected: [] as string[] };
  const run = async (write: () => Promise<unknown>) => {
    try {
      await write();
      outcomes.ok += 1;
    } catch (error: any) {
      // Strapi's own errors (a 4xx to a client: not found, validation) are fine answers to a race.
      if (error?.name && ['ValidationError', 'NotFoundError', 'ApplicationError', 'PolicyError'].includes(error.name)) outcomes.refused += 1;
      else outcomes.unexpected.push(`${error?.name}: ${error?.message}`);
    }
  };

  for (let round = 0; round < 15; round += 1) {
    await Promise.all([
      run(() => articles.publish({ documentId, locale: 'en' })),
      run(() => articles.unpublish({ documentId, locale: 'en' })),
      run(() => articles.publish({ documentId, locale: 'en' })),
      run(() => articles.update({ documentId, locale: 'en', data: { title: `Race ${round}`, reprint } })),
      run(() => articles.discardDraft({ documentId, locale: 'en' })),
      run(() => articles.unpublish({ documentId, locale: 'en' })),
    ]);
  }
  expect(outcomes.unexpected).toEqual([]);
  expect(outcomes.ok).toBeGreaterThan(0);

  // The document is whole: at most one draft and one published row, each with its component.
  const rows = await app.strapi.db.query(ARTICLE_UID as never).findMany({ where: { documentId }, populate: { reprint: true } });
  expect(rows.filter((row: any) => row.publishedAt === null)).toHaveLength(1);
  expect(rows.filter((row: any) => row.publishedAt !== null).length).toBeLessThanOrEqual(1);
  for (const row of rows) expect(row.reprint?.originalTitle).toBe('原标题');
});

it('the same race over HTTP answers no 5xx', async () => {
  const token = await app.adminToken();
  const auth = { Authorization: `Bearer ${token}` };
  const created = await app.http().post('/api/articles?locale=en&status=draft').set(auth).send({ data: { title: 'HTTP race', date: '2025-03-22' } });
  expect(created.status).toBe(201);
  const { documentId } = created.body.data;
  const statuses: number[] = [];
  const writes: number[] = [];
  for (let round = 0; round < 10; round += 1) {
    const responses = await Promise.all([
      app.http().put(`/api/articles/${documentId}?locale=en&status=published`).set(auth).send({ data: { title: `HTTP race ${round}` } }),
      app.http().put(`/api/articles/${documentId}?locale=en`).set(auth).send({ data: { title: `HTTP race draft ${round}` } }),
      app.http().put(`/api/articles/${documentId}?locale=en&status=published`).set(auth).send({ data: { summary: `round ${round}` } }),
      app.http().get(`/api/articles/${documentId}?locale=en`),
    ]);
    statuses.push(...responses.map((res) => res.status));
    writes.push(...responses.slice(0, 3).map((res) => res.status));
  }
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  // Serialised, every write succeeds in turn: no 409 either. (The read may be a 404 before the
  // first publish commits.)
  expect(writes.filter((status) => status !== 200)).toEqual([]);
});

it('discarding the draft of a document with nothing published keeps the draft', async () => {
  const articles = documents(app.strapi, ARTICLE_UID);
  const article = await articles.create({ locale: 'en', data: { title: 'Never published', date: '2025-03-22' } });
  await expect(articles.discardDraft({ documentId: article.documentId, locale: 'en' })).rejects.toThrow('no published version in en');
  expect(await articles.findOne({ documentId: article.documentId, locale: 'en' })).toMatchObject({ title: 'Never published' });
});
