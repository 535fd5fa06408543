import { seed } from '../../src/records/seed';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * REPRINT_ATTRIBUTION_ENABLED=false (what `npm run bench` compares with): the CMS starts (the
 * plugin's component is part of the article schema, so the plugin stays loaded) and REST responses
 * carry no `attribution`; the rules still guard publishing.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ REPRINT_ATTRIBUTION_ENABLED: 'false' });
  expect((await seed(app.strapi)).problems).toEqual([]);
});

afterAll(async () => {
  await app?.stop();
});

it('starts, and serves articles without attribution', async () => {
  const list = await app.http().get('/api/articles?locale=en');
  expect(list.status).toBe(200);
  expect(list.body.data.length).toBeGreaterThan(0);
  for (const item of list.body.data) expect(item).not.toHaveProperty('attribution');
  const one = await app.http().get(`/api/articles/${list.body.data[0].documentId}?locale=en`);
  expect(one.status).toBe(200);
  expect(one.body.data).not.toHaveProperty('attribution');
  expect(one.body.data.url).toEqual(expect.any(String));
});

it('still refuses to publish an incomplete reprint', async () => {
  const articles = app.strapi.documents('api::article.article');
  const draft = await articles.create({ locale: 'en', data: { title: 'Reprint without a source', date: '2025-03-01', section: 'news', reprint: { isReprint: true } } as any });
  await expect(articles.publish({ documentId: draft.documentId, locale: 'en' })).rejects.toThrow();
});
