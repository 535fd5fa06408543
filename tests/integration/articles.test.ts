import { ARTICLE_UID, documents, paragraph } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

let app: TestApp;
let auth: { Authorization: string };

beforeAll(async () => {
  app = await startTestApp();
  auth = { Authorization: `Bearer ${await app.adminToken()}` };
});

afterAll(async () => {
  await app?.stop();
});

const articles = () => documents(app.strapi, ARTICLE_UID);

describe('articles in three locales through the Document Service', () => {
  it('creates a zh-Hans article and adds its en and ru versions', async () => {
    const zh = await articles().create({
      locale: 'zh-Hans',
      data: { title: '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开', date: '2025-03-22', section: 'news', body: paragraph('近日……') },
    });
    expect(zh.locale).toBe('zh-Hans');
    // Generated slugs stop at a word boundary before 80 characters.
    expect(zh.slug).toBe('liao-ning-sheng-ben-ke-da-xue-sheng-chuang-xin-chuang-ye-jiao-yu-gong-zuo-yan');

    const en = await articles().update({
      documentId: zh.documentId,
      locale: 'en',
      data: { title: 'Liaoning Undergraduate Students’ Innovation and Entrepreneurship Education Work Seminar Convened at LNU' },
    });
    const ru = await articles().update({
      documentId: zh.documentId,
      locale: 'ru',
      data: { title: 'В ЛНУ прошёл семинар по инновационному и предпринимательскому образованию студентов' },
    });
    expect(en.slug).toBe('liaoning-undergraduate-students-innovation-and-entrepreneurship-education-work');
    expect(ru.slug).toBe('v-lnu-proshyol-seminar-po-innovacionnomu-i-predprinimatelskomu-obrazovaniyu');
    // The editorial date is not localized: every version shares it.
    expect(en.date).toBe('2025-03-22');
    expect(ru.date).toBe('2025-03-22');

    const all = await articles().findMany({ locale: '*', filters: { documentId: zh.documentId } });
    expect(all.map((a: any) => a.locale).sort()).toEqual(['en', 'ru', 'zh-Hans']);
  });
});

describe('articles in three locales through REST', () => {
  let documentId: string;

  // REST writes publish unless asked for a draft; these stay drafts until the next test publishes them.
  it('creates in zh-Hans, then adds en and ru with PUT ?locale=', async () => {
    const created = await app
      .http()
      .post('/api/articles?locale=zh-Hans&status=draft')
      .set(auth)
      .send({ data: { title: '辽宁大学举办国际学术研讨会', date: '2025-04-01', section: 'events' } });
    expect(created.status).toBe(201);
    expect(created.body.data.locale).toBe('zh-Hans');
    expect(created.body.data.slug).toBe('liao-ning-da-xue-ju-ban-guo-ji-xue-shu-yan-tao-hui');
    documentId = created.body.data.documentId;

    for (const [locale, title] of [
      ['en', 'LNU Hosts an International Academic Symposium'],
      ['ru', 'ЛНУ провёл международный научный симпозиум'],
    ]) {
      const res = await app.http().put(`/api/articles/${documentId}?locale=${locale}&status=draft`).set(auth).send({ data: { title } });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ documentId, locale, title });
    }
    const versions = await articles().findMany({ locale: '*', filters: { documentId } });
    expect(versions.map((a: any) => a.locale).sort()).toEqual(['en', 'ru', 'zh-Hans']);
  });

  it('serves each published locale to the public and never a draft', async () => {
    // Nothing is published yet: the public sees nothing in any locale.
    for (const locale of ['zh-Hans', 'en', 'ru']) {
      const res = await app.http().get(`/api/articles?locale=${locale}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
    }
    const draftOnly = await app.http().get(`/api/articles/${documentId}?locale=en`);
    expect(draftOnly.status).toBe(404);
    for (const url of [`/api/articles?locale=en&status=draft`, `/api/articles/${documentId}?locale=en&status=draft`]) {
      const draftAsked = await app.http().get(url);
      expect(draftAsked.status).toBe(403);
      expect(draftAsked.body.error.message).toMatch(/API token/);
    }
    // An API token issued by the admins may read drafts (previews, static builds).
    const withToken = await app.http().get(`/api/articles/${documentId}?locale=en&status=draft`).set(auth);
    expect(withToken.status).toBe(200);

    await articles().publish({ documentId, locale: '*' });
    // A later draft edit must not leak either.
    await articles().update({ documentId, locale: 'en', data: { title: 'UNPUBLISHED DRAFT TITLE' } });

    const expected: Record<string, string> = {
      'zh-Hans': '辽宁大学举办国际学术研讨会',
      en: 'LNU Hosts an International Academic Symposium',
      ru: 'ЛНУ провёл международный научный симпозиум',
    };
    for (const [locale, title] of Object.entries(expected)) {
      const list = await app.http().get(`/api/articles?locale=${locale}`);
      expect(list.status).toBe(200);
      expect(list.body.data.map((a: any) => a.title)).toEqual([title]);
      expect(list.body.data[0].locale).toBe(locale);
      const one = await app.http().get(`/api/articles/${documentId}?locale=${locale}`);
      expect(one.status).toBe(200);
      expect(one.body.data.title).toBe(title);
    }
  });

  it('forbids the public role to create, update or delete', async () => {
    const before = await articles().findMany({ locale: '*' });
    const create = await app.http().post('/api/articles').send({ data: { title: 'x', date: '2025-01-01' } });
    const update = await app.http().put(`/api/articles/${documentId}`).send({ data: { title: 'hacked' } });
    const remove = await app.http().delete(`/api/articles/${documentId}`);
    const sourceCreate = await app.http().post('/api/sources').send({ data: { name: 'x' } });
    const institutionDelete = await app.http().delete(`/api/institutions/${documentId}`);
    for (const res of [create, update, remove, sourceCreate, institutionDelete]) expect(res.status).toBe(403);
    expect(await articles().findMany({ locale: '*' })).toEqual(before);
  });
});

describe('slugs', () => {
  const create = (locale: string, title: string, slug?: string) =>
    articles().create({ locale, data: { title, date: '2025-05-01', ...(slug === undefined ? {} : { slug }) } });

  it('adds a numeric suffix when a generated slug clashes in the same locale, and only there', async () => {
    const first = await create('en', 'Spring Campus Open Day');
    const second = await create('en', 'Spring Campus Open Day');
    const third = await create('en', 'Spring Campus Open Day!');
    const otherLocale = await create('ru', 'Spring Campus Open Day');
    expect([first.slug, second.slug, third.slug]).toEqual([
      'spring-campus-open-day',
      'spring-campus-open-day-2',
      'spring-campus-open-day-3',
    ]);
    expect(otherLocale.slug).toBe('spring-campus-open-day');
  });

  it('keeps finding a free suffix past the first twenty, with published versions counted once', async () => {
    // Slugs are looked up by their first twenty candidates; the twenty-first clash takes the
    // prefix search. Each of these is published, so every slug is stored twice (draft, published).
    const slugs: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const created = await articles().create({ locale: 'en', status: 'published', data: { title: 'Crowded Headline', date: '2025-05-01' } });
      slugs.push(created.slug);
    }
    expect(new Set(slugs).size).toBe(23);
    expect(slugs.slice(19)).toEqual(['crowded-headline-20', 'crowded-headline-21', 'crowded-headline-22', 'crowded-headline-23']);
  });

  it('keeps a slug when the document is updated, and regenerates it when emptied', async () => {
    const doc = await create('en', 'Library Renovation Finished');
    const renamed = await articles().update({ documentId: doc.documentId, locale: 'en', data: { title: 'Library Reopens' } });
    expect(renamed.slug).toBe('library-renovation-finished');
    const regenerated = await articles().update({ documentId: doc.documentId, locale: 'en', data: { slug: '' } });
    expect(regenerated.slug).toBe('library-reopens');
  });

  it('accepts an editor-chosen slug and refuses one that another document uses in that locale', async () => {
    const chosen = await create('en', 'Anything', 'my-own-slug');
    expect(chosen.slug).toBe('my-own-slug');
    const res = await app
      .http()
      .post('/api/articles?locale=en')
      .set(auth)
      .send({ data: { title: 'Another', date: '2025-05-02', slug: 'my-own-slug' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['slug']);
    expect(res.body.error.message).toMatch(/already used/);
    const inRussian = await create('ru', 'Другое', 'my-own-slug');
    expect(inRussian.slug).toBe('my-own-slug');
  });
});
