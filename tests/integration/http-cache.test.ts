import { seed } from '../../src/records/seed';
import { startTestApp, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ CONTENT_CACHE_MAX_AGE: '60', CONTENT_CACHE_STALE_WHILE_REVALIDATE: '30' });
  await seed(app.strapi);
});

afterAll(async () => {
  await app?.stop();
});

describe('conditional GETs on the public content API', () => {
  const url = '/api/articles?locale=en&filters[key][$eq]=lnu-innovation-entrepreneurship-seminar-2025';

  it('gives an ETag and public caching, and answers 304 when nothing changed', async () => {
    const first = await app.http().get(url);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=30');
    expect(first.body.data[0].attribution.creditLine).toMatch(/China News Service Liaoning/);

    const again = await app.http().get(url).set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');

    const other = await app.http().get(url).set('If-None-Match', 'W/"something-else"');
    expect(other.status).toBe(200);
    expect(other.body).toEqual(first.body);
  });

  it('changes the ETag when the content changes', async () => {
    const before = await app.http().get(url);
    const row = await app.strapi.db.query('api::article.article').findOne({ where: { key: 'lnu-innovation-entrepreneurship-seminar-2025', locale: 'en' } });
    const documents: any = app.strapi.documents('api::article.article');
    await documents.update({ documentId: row.documentId, locale: 'en', data: { summary: 'A new summary' } });
    await documents.publish({ documentId: row.documentId, locale: 'en' });
    const after = await app.http().get(url).set('If-None-Match', before.headers.etag);
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.data[0].summary).toBe('A new summary');
  });

  it('keeps authenticated responses private and leaves errors alone', async () => {
    const token = await app.adminToken();
    const authed = await app.http().get(url).set('Authorization', `Bearer ${token}`);
    expect(authed.headers['cache-control']).toBe('private, no-cache');
    const bad = await app.http().get('/api/articles?locale=xx');
    expect(bad.status).toBe(400);
    expect(bad.headers.etag).toBeUndefined();
  });
});
