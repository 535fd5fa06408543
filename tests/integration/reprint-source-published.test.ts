import { adminLogin } from '../helpers/admin';
import { documents, snapshotDatabase } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * #12: a reprint is published only on a published source (in its locale, else the default one),
 * and a source that published reprints cite cannot be unpublished or deleted. Every client:
 * the Document Service, REST, GraphQL and the admin's Content Manager.
 */
const ARTICLE = 'api::article.article';
const CLIP = 'plugin::attribution-fixture.clip';
const SOURCE = 'api::source.source';

let app: TestApp;
let token: { Authorization: string };
let superAdmin: { Authorization: string };
let n = 0;

beforeAll(async () => {
  app = await startTestApp();
  token = { Authorization: `Bearer ${await app.adminToken()}` };
  superAdmin = await adminLogin(app);
});

afterAll(async () => {
  await app?.stop();
});

const reprint = { isReprint: true, originalTitle: 'O', originalUrl: 'https://example.com/o', originalAuthors: 'A. Author', responsibleEditor: '李明', originalPublishedAt: '2025-03-20', reprintType: 'excerpt', license: 'cc-by-4.0' };

/** A source with an English version, a draft unless `publish`. */
const makeSource = async (publish: boolean, locale = 'en') => {
  n += 1;
  const source = await documents(app.strapi, SOURCE).create({ locale, data: { name: `Outlet ${n}`, homepage: 'https://outlet.example.com/', kind: 'newspaper' } });
  if (publish) await documents(app.strapi, SOURCE).publish({ documentId: source.documentId, locale });
  return source.documentId as string;
};

const TYPES = [
  { uid: ARTICLE, source: 'source', title: 'title', data: (title: string) => ({ title, date: '2025-03-22', section: 'news', reprint }), cm: ARTICLE, update: 'updateArticle' },
  { uid: CLIP, source: 'outlet', title: 'headline', data: (title: string) => ({ headline: title, day: '2025-03-22', attribution: reprint }), cm: CLIP, update: 'updateAttributionFixtureClip' },
];

/** A draft reprint in English that cites the source. */
const makeReprint = async (type: (typeof TYPES)[number], sourceId: string, locale = 'en') => {
  n += 1;
  const doc = await documents(app.strapi, type.uid).create({ locale, data: { ...type.data(`Reprint ${n}`), [type.source]: sourceId } });
  return doc.documentId as string;
};

const published = async (uid: string, documentId: string, locale = 'en') =>
  app.strapi.db.query(uid as never).findOne({ where: { documentId, locale, publishedAt: { $notNull: true } } });

describe.each(TYPES)('publishing a $uid reprint on a draft source', (type) => {
  it('is refused through the Document Service, naming the source field, and changes nothing', async () => {
    const sourceId = await makeSource(false);
    const id = await makeReprint(type, sourceId);
    const before = await snapshotDatabase(app.strapi);
    await expect(documents(app.strapi, type.uid).publish({ documentId: id, locale: 'en' })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: [type.source], code: 'source.unpublished' })] },
    });
    await expect(documents(app.strapi, type.uid).update({ documentId: id, locale: 'en', status: 'published', data: { [type.title]: 'Now' } })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: [type.source], code: 'source.unpublished' })] },
    });
    expect(await snapshotDatabase(app.strapi)).toEqual(before);

    await documents(app.strapi, SOURCE).publish({ documentId: sourceId, locale: 'en' });
    await documents(app.strapi, type.uid).publish({ documentId: id, locale: 'en' });
    expect(await published(type.uid, id)).toBeTruthy();
  });

  it('is refused through the Content Manager, in the editor’s language', async () => {
    const sourceId = await makeSource(false);
    const id = await makeReprint(type, sourceId);
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${type.cm}/${id}/actions/publish?locale=en`)
      .set({ ...superAdmin, 'Accept-Language': 'zh-Hans' })
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: [type.source], code: 'source.unpublished', message: expect.stringMatching(/^转载稿的来源必须先发布/) })]);
    expect(await published(type.uid, id)).toBeNull();
  });

  it('needs the version in the reprint’s locale, or the default one when the source has none there', async () => {
    // Published in Chinese (the default) only, a draft in Russian: a Russian reprint waits.
    const sourceId = await makeSource(true, 'zh-Hans');
    await documents(app.strapi, SOURCE).update({ documentId: sourceId, locale: 'ru', data: { name: 'Издание' } });
    const ru = await makeReprint(type, sourceId, 'ru');
    await expect(documents(app.strapi, type.uid).publish({ documentId: ru, locale: 'ru' })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: [type.source], code: 'source.unpublished', locale: 'ru' })] },
    });
    await documents(app.strapi, SOURCE).publish({ documentId: sourceId, locale: 'ru' });
    await documents(app.strapi, type.uid).publish({ documentId: ru, locale: 'ru' });
    expect(await published(type.uid, ru, 'ru')).toBeTruthy();
  });
});

// The fixture type has no REST routes; its REST side is the source's (below).
describe('publishing an article reprint on a draft source through REST', () => {
  it('is refused through REST', async () => {
    const sourceId = await makeSource(false);
    const id = await makeReprint(TYPES[0], sourceId);
    const res = await app.http().put(`/api/articles/${id}?locale=en&status=published`).set(token).send({ data: { summary: 'Now' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['source'], code: 'source.unpublished', message: expect.stringMatching(/must be published in en/) })]);
    const created = await app
      .http()
      .post('/api/articles?locale=en&status=published')
      .set(token)
      .send({ data: { title: 'New reprint', date: '2025-03-22', section: 'news', reprint, source: sourceId } });
    expect(created.status).toBe(400);
    expect(created.body.error.details.errors[0].code).toBe('source.unpublished');
    expect(await app.strapi.db.query(ARTICLE).count({ where: { title: 'New reprint' } })).toBe(0);
    expect(await published(ARTICLE, id)).toBeNull();
  });
});

describe.each(TYPES)('publishing a $uid reprint on a draft source through GraphQL', (type) => {
  it('is refused, and nothing is published', async () => {
    const sourceId = await makeSource(false);
    const id = await makeReprint(type, sourceId);
    const res = await app
      .http()
      .post('/graphql')
      .set(token)
      .send({ query: `mutation { ${type.update}(documentId: "${id}", locale: "en", status: PUBLISHED, data: { ${type.title}: "Now" }) { documentId } }` });
    expect(res.body.errors?.[0]).toMatchObject({ extensions: { error: { name: 'ValidationError', details: { errors: [expect.objectContaining({ path: [type.source], code: 'source.unpublished' })] } } } });
    expect(await published(type.uid, id)).toBeNull();
  });
});

describe.each(TYPES)('a source that a published $uid reprint cites', (type) => {
  const setUp = async (locale = 'en') => {
    const sourceId = await makeSource(true, locale);
    const id = await makeReprint(type, sourceId, locale);
    await documents(app.strapi, type.uid).publish({ documentId: id, locale });
    const title = (await published(type.uid, id, locale))[type.title];
    return { sourceId, id, cited: { contentType: type.uid, documentId: id, locale, title } };
  };

  it('cannot be unpublished or deleted through the Document Service', async () => {
    const { sourceId, cited } = await setUp();
    const before = await snapshotDatabase(app.strapi);
    for (const attempt of [
      () => documents(app.strapi, SOURCE).unpublish({ documentId: sourceId, locale: 'en' }),
      () => documents(app.strapi, SOURCE).delete({ documentId: sourceId, locale: 'en' }),
      () => documents(app.strapi, SOURCE).delete({ documentId: sourceId, locale: '*' }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        name: 'ValidationError',
        details: { reprints: [cited], errors: [expect.objectContaining({ code: 'source.citedByReprint' })] },
      });
    }
    expect(await snapshotDatabase(app.strapi)).toEqual(before);
  });

  it('cannot be unpublished or deleted through REST or GraphQL', async () => {
    const { sourceId, cited } = await setUp();
    const del = await app.http().delete(`/api/sources/${sourceId}?locale=en`).set(token);
    expect(del.status).toBe(400);
    expect(del.body.error.details.reprints).toEqual([cited]);
    expect(del.body.error.message).toContain(cited.documentId);
    expect(await published(SOURCE, sourceId)).toBeTruthy();
    // The content API has no unpublish (saving a draft leaves the published version): delete is
    // the way. Strapi 5.54's GraphQL delete ignores `locale` and deletes the default locale's version.
    const zh = await setUp('zh-Hans');
    const gql = await app.http().post('/graphql').set(token).send({ query: `mutation { deleteSource(documentId: "${zh.sourceId}") { documentId } }` });
    expect(gql.body.errors?.[0]?.extensions?.error).toMatchObject({ name: 'ValidationError', details: { reprints: [zh.cited] } });
    expect(await published(SOURCE, zh.sourceId, 'zh-Hans')).toBeTruthy();
  });

  it('cannot be unpublished or deleted through the Content Manager, and can once the reprint is unpublished', async () => {
    const { sourceId, id, cited } = await setUp();
    const base = `/content-manager/collection-types/${SOURCE}/${sourceId}`;
    const unpublish = await app.http().post(`${base}/actions/unpublish?locale=en`).set({ ...superAdmin, 'Accept-Language': 'ru' }).send({});
    expect(unpublish.status).toBe(400);
    expect(unpublish.body.error.details.reprints).toEqual([cited]);
    expect(unpublish.body.error.details.errors[0].message).toMatch(/^Опубликованная перепечатка/);
    const del = await app.http().delete(`${base}?locale=en`).set(superAdmin);
    expect(del.status).toBe(400);
    expect(await published(SOURCE, sourceId)).toBeTruthy();

    // Another locale of the source is not cited: it may go.
    await documents(app.strapi, SOURCE).update({ documentId: sourceId, locale: 'ru', data: { name: 'Издание' } });
    await documents(app.strapi, SOURCE).publish({ documentId: sourceId, locale: 'ru' });
    expect((await app.http().post(`${base}/actions/unpublish?locale=ru`).set(superAdmin).send({})).status).toBe(200);

    await documents(app.strapi, type.uid).unpublish({ documentId: id, locale: 'en' });
    expect((await app.http().post(`${base}/actions/unpublish?locale=en`).set(superAdmin).send({})).status).toBe(200);
    expect(await published(SOURCE, sourceId)).toBeNull();
  });

  it('cannot be unpublished or deleted by the Content Manager’s bulk actions, which then change nothing at all', async () => {
    const { sourceId, cited } = await setUp();
    const free = await makeSource(true);
    const before = await snapshotDatabase(app.strapi);
    for (const action of ['bulkUnpublish', 'bulkDelete']) {
      const res = await app
        .http()
        .post(`/content-manager/collection-types/${SOURCE}/actions/${action}`)
        .set(superAdmin)
        .send({ documentIds: [free, sourceId], locale: 'en' });
      expect([action, res.status]).toEqual([action, 400]);
      expect(res.body.error.details.reprints).toEqual([cited]);
    }
    // refused whole: the source nobody cites was not unpublished or deleted either
    expect(await snapshotDatabase(app.strapi)).toEqual(before);
    // checked only for whoever may do it: without a login, the route's own 401
    const anonymous = await app.http().post(`/content-manager/collection-types/${SOURCE}/actions/bulkUnpublish`).send({ documentIds: [sourceId], locale: 'en' });
    expect(anonymous.status).toBe(401);
    // the uncited source alone goes
    const alone = await app.http().post(`/content-manager/collection-types/${SOURCE}/actions/bulkUnpublish`).set(superAdmin).send({ documentIds: [free], locale: 'en' });
    expect(alone.status).toBe(200);
    expect(await published(SOURCE, free)).toBeNull();
  });

  it('can go when the citing document is an own story', async () => {
    const sourceId = await makeSource(true);
    n += 1;
    const own = await documents(app.strapi, type.uid).create({ locale: 'en', data: { ...type.data(`Own ${n}`), [type.uid === ARTICLE ? 'reprint' : 'attribution']: { isReprint: false }, [type.source]: sourceId } });
    await documents(app.strapi, type.uid).publish({ documentId: own.documentId, locale: 'en' });
    await documents(app.strapi, SOURCE).unpublish({ documentId: sourceId, locale: 'en' });
    expect(await published(SOURCE, sourceId)).toBeNull();
  });
});
