import { ARTICLE_UID, documents, INSTITUTION_UID, snapshotDatabase } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

let app: TestApp;
let auth: { Authorization: string };
let articleId: string;
let institutionId: string;

beforeAll(async () => {
  app = await startTestApp();
  auth = { Authorization: `Bearer ${await app.adminToken()}` };
  const article = await documents(app.strapi, ARTICLE_UID).create({
    locale: 'en',
    data: { title: 'A stable article', date: '2025-03-22', reprint: { isReprint: false, originalUrl: 'https://ln.chinanews.com.cn/news/1.shtml' } },
  });
  articleId = article.documentId;
  const institution = await documents(app.strapi, INSTITUTION_UID).create({
    locale: 'en',
    data: { name: 'Liaoning University', website: 'https://www.lnu.edu.cn/' },
  });
  institutionId = institution.documentId;
  await documents(app.strapi, ARTICLE_UID).publish({ documentId: articleId, locale: 'en' });
});

afterAll(async () => {
  await app?.stop();
});

/** Sends a request that must be refused, and checks the refusal and that nothing changed. */
const expectRejected = async (
  send: () => Promise<any>,
  { status = 400, paths }: { status?: number; paths: string[][] }
) => {
  const before = await snapshotDatabase(app.strapi);
  const res = await send();
  expect(res.status).toBe(status);
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(res.body.error.message.length).toBeGreaterThan(5);
  const reported = (res.body.error.details?.errors ?? []).map((e: any) => e.path);
  for (const path of paths) expect(reported).toContainEqual(path);
  expect(await snapshotDatabase(app.strapi)).toEqual(before);
  return res;
};

describe('bad input gets a 4xx with the field path and changes nothing', () => {
  it('unknown locale on write', async () => {
    await expectRejected(
      () => app.http().post('/api/articles?locale=xx&status=draft').set(auth).send({ data: { title: 'T', date: '2025-01-01' } }),
      { paths: [['locale']] }
    );
    await expectRejected(
      () => app.http().put(`/api/articles/${articleId}?locale=fr&status=draft`).set(auth).send({ data: { title: 'T' } }),
      { paths: [['locale']] }
    );
  });

  it('unknown locale on read', async () => {
    const res = await expectRejected(() => app.http().get('/api/articles?locale=xx'), { paths: [['locale']] });
    expect(res.body.error.message).toBe('locale "xx" does not exist; use one of: en, ru, zh-Hans');
    await expectRejected(() => app.http().get(`/api/articles/${articleId}?locale=de`), { paths: [['locale']] });
  });

  it('a website that is not an http(s) URL', async () => {
    for (const website of ['javascript:alert(1)', 'www.lnu.edu.cn', 'ftp://lnu.edu.cn', 'https://lnu edu cn', 'data:text/html,hi']) {
      await expectRejected(
        () => app.http().post('/api/institutions?locale=en&status=draft').set(auth).send({ data: { name: 'X University', website } }),
        { paths: [['website']] }
      );
      await expectRejected(
        () => app.http().put(`/api/institutions/${institutionId}?locale=en&status=draft`).set(auth).send({ data: { website } }),
        { paths: [['website']] }
      );
    }
  });

  it('a reprint originalUrl that is not an http(s) URL, even in a draft', async () => {
    const res = await expectRejected(
      () =>
        app
          .http()
          .put(`/api/articles/${articleId}?locale=en&status=draft`)
          .set(auth)
          .send({ data: { reprint: { isReprint: true, originalUrl: 'javascript:alert(document.cookie)' } } }),
      { paths: [['reprint', 'originalUrl']] }
    );
    expect(res.body.error.message).toMatch(/http/);
    await expect(
      documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: 'T', date: '2025-01-01', reprint: { isReprint: true, originalUrl: '/relative/path' } } })
    ).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('a title longer than 200 characters', async () => {
    await expectRejected(
      () => app.http().post('/api/articles?locale=en&status=draft').set(auth).send({ data: { title: 'x'.repeat(201), date: '2025-01-01' } }),
      { paths: [['title']] }
    );
  });

  it('an invalid slug, an unknown section and a missing title on publish', async () => {
    await expectRejected(
      () => app.http().post('/api/articles?locale=en&status=draft').set(auth).send({ data: { title: 'Ok', date: '2025-01-01', slug: 'Not A Slug!' } }),
      { paths: [['slug']] }
    );
    await expectRejected(
      () => app.http().post('/api/articles?locale=en&status=draft').set(auth).send({ data: { title: 'Ok', date: '2025-01-01', section: 'gossip' } }),
      { paths: [['section']] }
    );
    await expectRejected(
      () => app.http().post('/api/articles?locale=en').set(auth).send({ data: { date: '2025-01-01' } }),
      { paths: [['title']] }
    );
  });

  it('malformed filters, sorts and pagination', async () => {
    const cases: Array<[string, string[]]> = [
      ['/api/articles?filters[nonexistent][$eq]=1', ['filters', 'nonexistent']],
      ['/api/articles?filters[title][$nope]=1', ['filters', 'title', '$nope']],
      ['/api/articles?filters[$or]=x', ['filters', '$or']],
      ['/api/articles?filters[$not]=x', ['filters', '$not']],
      ['/api/articles?filters[$eq]=x', ['filters', '$eq']],
      ['/api/articles?filters[title][$and]=x', ['filters', 'title', '$and']],
      ['/api/articles?filters[body][$eq]=x', ['filters', 'body']],
      ['/api/articles?filters[institutions][$eq]=1&filters[institutions][name]=y', ['filters', 'institutions']],
      ['/api/articles?filters[source][nope][$eq]=1', ['filters', 'source', 'nope']],
      ['/api/articles?sort=nonexistent:asc', ['sort', 'nonexistent']],
      ['/api/articles?populate[source][populate][zzz]=1', ['populate', 'source', 'populate', 'zzz']],
      ['/api/articles?pagination[page]=-3', ['pagination', 'page']],
      ['/api/articles?pagination[pageSize]=abc', ['pagination', 'pageSize']],
      ['/api/articles?pagination[limit]=0', ['pagination', 'limit']],
      ['/api/articles?unknownParam=1', ['unknownParam']],
      ['/api/sources?filters[$or]=x', ['filters', '$or']],
      ['/api/institutions?pagination[page]=0', ['pagination', 'page']],
    ];
    for (const [url, path] of cases) {
      const res = await expectRejected(() => app.http().get(url), { paths: [path] });
      expect(res.body.error.name).toBe('ValidationError');
    }
    // Well-formed versions of the same queries still work.
    for (const url of [
      '/api/articles?filters[$or][0][title][$contains]=stable&filters[$or][1][section]=news',
      '/api/articles?filters[title][$not][$eq]=x',
      '/api/articles?filters[source][name][$eq]=x',
      '/api/articles?pagination[page]=1&pagination[pageSize]=10&sort=date:desc',
    ]) {
      const res = await app.http().get(url);
      expect(res.status).toBe(200);
    }
  });
});
