import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { documents, snapshotDatabase } from '../helpers/fixtures';
import { countQueries } from '../helpers/query-counter';
import { startTestApp, type TestApp } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';

let app: TestApp;
let token: { Authorization: string };
let superAdmin: { Authorization: string };
let referenceId: string;
let sourceId: string;

beforeAll(async () => {
  app = await startTestApp();
  await seed(app.strapi);
  token = { Authorization: `Bearer ${await app.adminToken()}` };
  superAdmin = await adminLogin(app);
  referenceId = (await app.strapi.db.query(ARTICLE).findOne({ where: { key: REFERENCE } })).documentId;
  sourceId = (await app.strapi.db.query('api::source.source').findOne({ where: { key: 'china-news-network-liaoning' } })).documentId;
});

afterAll(async () => {
  await app?.stop();
});

const get = (url: string) => app.http().get(url);

describe('publishing a reprint', () => {
  it('is refused without its source, listing the field, and nothing changes', async () => {
    // The editor removes the source from the English draft: saving a draft is always allowed.
    const saved = await app.http().put(`/api/articles/${referenceId}?locale=en&status=draft`).set(token).send({ data: { source: null } });
    expect(saved.status).toBe(200);

    const before = await snapshotDatabase(app.strapi);
    const res = await app.http().put(`/api/articles/${referenceId}?locale=en`).set(token).send({ data: { summary: 'Publishing now' } });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(res.body.error.details.errors).toEqual([
      expect.objectContaining({ path: ['source'], code: 'source.required', message: expect.stringMatching(/needs its source/) }),
    ]);
    expect(await snapshotDatabase(app.strapi)).toEqual(before);

    await expect(documents(app.strapi, ARTICLE).publish({ documentId: referenceId, locale: 'en' })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['source'] })] },
    });
    // Readers still see the published version, with its source.
    const live = await get(`/api/articles/${referenceId}?locale=en`);
    expect(live.body.data.source.name).toBe('China News Service Liaoning');
  });

  it('refuses ids that are not strings in the admin routes', async () => {
    const res = await app.http().post('/reprint-attribution/live').set(superAdmin).send({ contentType: ARTICLE, documentId: { $ne: null }, values: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['documentId']);
  });

  it('tells an admin in the admin’s language, through the Content Manager', async () => {
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${ARTICLE}/${referenceId}/actions/publish?locale=en`)
      .set({ ...superAdmin, 'Accept-Language': 'zh-Hans' })
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0]).toMatchObject({ path: ['source'], code: 'source.required', message: '转载稿必须注明来源：请选择最早发布该稿件的媒体' });
    const live = await app.http().post('/reprint-attribution/live').set({ ...superAdmin, 'Accept-Language': 'ru' }).send({ contentType: ARTICLE, documentId: referenceId, locale: 'en', values: {} });
    expect(live.body.data.problems[0].message).toMatch(/^У перепечатки должен быть источник/);
    expect(live.body.data.creditLine).toMatch(/^Originally published by … on March 22, 2025 as “/);
  });

  it('succeeds once the source is back', async () => {
    const res = await app.http().put(`/api/articles/${referenceId}?locale=en`).set(token).send({ data: { source: sourceId } });
    expect(res.status).toBe(200);
    expect(res.body.data.publishedAt).toBeTruthy();
  });

  it('lists every problem of an incomplete reprint, by field', async () => {
    const res = await app
      .http()
      .post('/api/articles?locale=en')
      .set(token)
      .send({ data: { title: 'Reprint without attribution', date: '2025-04-01', reprint: { isReprint: true, reprintType: 'translation', originalLanguage: 'en' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual([
      'source',
      'reprint.originalTitle',
      'reprint.originalUrl',
      'reprint.originalPublishedAt',
      'reprint.license',
      'reprint.originalLanguage',
    ]);
    // The refused create left nothing behind, not even a draft.
    expect(await app.strapi.db.query(ARTICLE).count({ where: { title: 'Reprint without attribution' } })).toBe(0);
    // As a draft it saves.
    const draft = await app.http().post('/api/articles?locale=en&status=draft').set(token).send({ data: { title: 'Reprint without attribution', date: '2025-04-01', reprint: { isReprint: true } } });
    expect(draft.status).toBe(201);
  });

  it('refuses a javascript: original URL on every save, draft included', async () => {
    const res = await app
      .http()
      .put(`/api/articles/${referenceId}?locale=ru&status=draft`)
      .set(token)
      .send({ data: { reprint: { isReprint: true, originalUrl: 'javascript:alert(1)' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['reprint', 'originalUrl']);
  });
});

describe('a refusal with several problems', () => {
  // A reprint with four problems, as an editor leaves it half done.
  const incomplete = async () =>
    (
      await documents(app.strapi, ARTICLE).create({
        locale: 'en',
        data: { title: `Half-done reprint ${Math.random()}`, date: '2025-04-01', reprint: { isReprint: true, originalTitle: 'Original', reprintType: 'excerpt' } },
      })
    ).documentId;
  const publish = (id: string, headers: Record<string, string>) =>
    app.http().post(`/content-manager/collection-types/${ARTICLE}/${id}/actions/publish?locale=en`).set(headers).send({});
  const RAW = /reprint\.|originalUrl|originalPublishedAt|originalTitle|statutory-news-exception|all-rights-reserved|cc-by-4\.0|permission perpetual/;

  it('leads in in the admin’s language and names fields as the form does, never paths or raw keys', async () => {
    const id = await incomplete();
    const paths = ['source', 'reprint.originalUrl', 'reprint.originalPublishedAt', 'reprint.license'];

    // the admin's language from the browser (Accept-Language)…
    const zh = await publish(id, { ...superAdmin, 'Accept-Language': 'zh-Hans' });
    expect(zh.status).toBe(400);
    expect(zh.body.error.message).toBe('本稿未发布。请修改以下字段后再发布：来源、原文网址、原文发布日期、许可或授权方式');
    // …the details keep their paths and say why, for the form's red errors
    expect(zh.body.error.details.errors.map((error: any) => error.path.join('.'))).toEqual(paths);
    expect(zh.body.error.details.errors[3].message).toBe('转载稿必须选择许可或授权方式：新闻转载例外、知识共享许可协议或权利人授权');

    // …or from the admin's profile (preferedLanguage wins over the browser's)
    const russian = await adminLogin(app, 'strapi-super-admin', { firstname: 'Анна', lastname: 'Петрова', preferedLanguage: 'ru' });
    const ru = await publish(id, { ...russian, 'Accept-Language': 'en' });
    expect(ru.status).toBe(400);
    expect(ru.body.error.message).toBe('Перепечатка не опубликована. Исправьте эти поля и опубликуйте снова: Источник, Адрес оригинала, Дата публикации оригинала, Лицензия или основание');
    expect(ru.body.error.details.errors.map((error: any) => error.path.join('.'))).toEqual(paths);

    const en = await publish(id, { ...superAdmin, 'Accept-Language': 'en' });
    expect(en.body.error.message).toBe('This reprint was not published. Fix these fields and publish again: Source, Original URL, Original publication date, Licence or permission');
    for (const res of [zh, ru, en]) expect(res.body.error.message).not.toMatch(RAW);
    expect(await app.strapi.db.query(ARTICLE).count({ where: { documentId: id, publishedAt: { $notNull: true } } })).toBe(0);
  });

  it('in the Content Manager’s bulk publish, names each reprint by its title', async () => {
    const [first, second] = [await incomplete(), await incomplete()];
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${ARTICLE}/actions/bulkPublish`)
      .set({ ...superAdmin, 'Accept-Language': 'ru' })
      .send({ documentIds: [first, second], locale: 'en' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^Ни одна из этих перепечаток не опубликована\. Исправьте эти поля и опубликуйте снова: “Half-done reprint [\d.]+”: Источник, Адрес оригинала, Дата публикации оригинала, Лицензия или основание; “Half-done reprint [\d.]+”: Источник, /
    );
    expect(res.body.error.message).not.toMatch(RAW);
    expect(res.body.error.message).not.toContain(first);
    expect(res.body.error.details.errors.filter((error: any) => error.documentId === first).map((error: any) => error.path.join('.'))).toEqual([
      'source',
      'reprint.originalUrl',
      'reprint.originalPublishedAt',
      'reprint.license',
    ]);
  });

  it('reaches REST and GraphQL clients in English, with the same details', async () => {
    const id = await incomplete();
    const rest = await app.http().put(`/api/articles/${id}?locale=en`).set(token).send({ data: { summary: 'Now' } });
    expect(rest.status).toBe(400);
    expect(rest.body.error.message).toBe('This reprint was not published. Fix these fields and publish again: Source, Original URL, Original publication date, Licence or permission');
    expect(rest.body.error.message).not.toMatch(RAW);
    const gql = await app
      .http()
      .post('/graphql')
      .set(token)
      .send({ query: `mutation { updateArticle(documentId: "${id}", locale: "en", status: PUBLISHED, data: { summary: "Now" }) { documentId } }` });
    const error = gql.body.errors?.[0];
    expect(error.message).toBe(rest.body.error.message);
    expect(error.extensions.error.details.errors.map((detail: any) => detail.path.join('.'))).toEqual(['source', 'reprint.originalUrl', 'reprint.originalPublishedAt', 'reprint.license']);
  });
});

describe('the edit view’s checklist (POST /reprint-attribution/live)', () => {
  it('lists every requirement, ticked or not, labelled in the admin’s language, with the permission’s expiry', async () => {
    const live = (language: string, reprint: Record<string, unknown>) =>
      app
        .http()
        .post('/reprint-attribution/live')
        .set({ ...superAdmin, 'Accept-Language': language })
        .send({ contentType: ARTICLE, documentId: referenceId, locale: 'zh-Hans', values: { reprint } });
    const permitted = {
      isReprint: true,
      originalTitle: '原标题',
      originalUrl: 'https://www.ln.chinanews.com.cn/news/2.shtml',
      originalPublishedAt: '2025-03-22',
      reprintType: 'full',
      originalLanguage: 'zh-Hans',
      license: 'all-rights-reserved-with-permission',
      permissionGrantedBy: '中新网辽宁',
      permissionExpiresAt: '2099-01-10',
      originalNamesNoAuthor: true,
      responsibleEditor: '李明',
    };
    const zh = await live('zh-Hans', permitted);
    expect(zh.status).toBe(200);
    expect(zh.body.data.checklist.map((item: any) => [item.label, item.satisfied])).toEqual([
      ['来源', true],
      ['原标题', true],
      ['原文网址', true],
      ['原文发布日期', true],
      ['转载类型', true],
      ['许可或授权方式', true],
      ['授权方', true],
      ['授权于 2099年1月10日 到期', true],
      ['原作者', true],
      ['责任编辑', true],
    ]);
    expect(zh.body.data.checklist.find((item: any) => item.key === 'permissionExpiresAt')).toMatchObject({ path: ['reprint', 'permissionExpiresAt'], expiresAt: '2099-01-10' });

    const ru = await live('ru', { ...permitted, originalUrl: '', permissionExpiresAt: null });
    const missing = ru.body.data.checklist.filter((item: any) => !item.satisfied);
    expect(missing).toEqual([
      expect.objectContaining({ key: 'originalUrl', label: 'Адрес оригинала', path: ['reprint', 'originalUrl'], code: 'originalUrl.required', message: expect.stringMatching(/^У перепечатки должен быть адрес оригинала/) }),
      expect.objectContaining({ key: 'permissionExpiresAt', label: 'Разрешение', code: 'permissionExpiresAt.required' }),
    ]);
  });

  it('names the type’s own fields', async () => {
    const clip = await documents(app.strapi, 'plugin::attribution-fixture.clip').create({ locale: 'en', data: { headline: 'Checklist clip', day: '2025-03-22', attribution: { isReprint: true } } });
    const live = await app.http().post('/reprint-attribution/live').set(superAdmin).send({ contentType: 'plugin::attribution-fixture.clip', documentId: clip.documentId, locale: 'en', values: {} });
    expect(live.body.data.checklist.slice(0, 2)).toEqual([
      expect.objectContaining({ key: 'source', label: 'Source', path: ['outlet'], satisfied: false }),
      expect.objectContaining({ key: 'originalTitle', label: 'Original title', path: ['attribution', 'originalTitle'], satisfied: false }),
    ]);
  });
});

describe('the attribution of the reference article', () => {
  const names = { 'zh-Hans': '中新网辽宁', en: 'China News Service Liaoning', ru: 'Ляонинский канал агентства «Чжунго синьвэнь»' };

  it.each(Object.entries(names))('names the source in %s in REST responses (list and single)', async (locale, name) => {
    const list = await get(`/api/articles?locale=${locale}&filters[key][$eq]=${REFERENCE}`);
    // A list item carries the teaser's summary; the single read everything.
    const summary = list.body.data[0].attribution;
    expect(summary).toEqual({ isReprint: true, creditLine: expect.stringContaining(name), canonicalUrl: expect.any(String) });
    const { attribution } = (await get(`/api/articles/${referenceId}?locale=${locale}`)).body.data;
    expect(attribution).toMatchObject({ isReprint: true, complete: true, missing: [], creditLine: summary.creditLine, canonicalUrl: summary.canonicalUrl });
    expect(attribution.creditLine).toContain(name);
    expect(attribution.creditLineHtml).toContain(`<a href="https://www.ln.chinanews.com.cn/" rel="noopener noreferrer">${name}</a>`);
    expect(attribution.jsonLd).toMatchObject({ '@type': 'NewsArticle', inLanguage: locale, isBasedOn: { publisher: { name } }, creditText: attribution.creditLine });
    expect(attribution.robots).toEqual([{ name: 'robots', content: 'index, follow' }]);

    const single = await get(`/api/articles/${referenceId}?locale=${locale}`);
    expect(single.body.data.attribution.creditLine).toBe(attribution.creditLine);
    const bySlug = await get(`/api/articles/slug/${single.body.data.slug}?locale=${locale}`);
    expect(bySlug.body.data.attribution.creditLine).toBe(attribution.creditLine);
    const own = await get(`/api/reprint-attribution/article/${referenceId}?locale=${locale}`);
    expect(own.status).toBe(200);
    expect(own.body.data.creditLine).toBe(attribution.creditLine);
  });

  it('follows each language’s convention: the credit lines written out', async () => {
    const attribution = async (locale: string) => (await get(`/api/reprint-attribution/article/${referenceId}?locale=${locale}`)).body.data;
    const zh = await attribution('zh-Hans');
    const en = await attribution('en');
    const ru = await attribution('ru');
    expect(zh.creditLine).toBe('来源：中新网辽宁（2025年3月22日）　原标题：辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开　本文有改动　责任编辑：李明');
    expect(en.creditLine).toBe(
      'Originally published by China News Service Liaoning on March 22, 2025 as “辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开” ' +
        '(“Liaoning Undergraduate Students’ Innovation and Entrepreneurship Education Work Seminar Convened at LNU”). Translated from Chinese. ' +
        'Reprinted under Article 24(1)(4) of the Copyright Law of the People’s Republic of China. Editor: Li Ming.'
    );
    expect(ru.creditLine).toBe(
      'Источник: Ляонинский канал агентства «Чжунго синьвэнь» (22 марта 2025 г.). Заголовок оригинала: «辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开» ' +
        '(«Семинар по инновационному и предпринимательскому образованию студентов провинции Ляонин прошёл в Ляонинском университете»). Перевод с китайского. ' +
        'Перепечатано в соответствии с подп. 3 п. 1 ст. 1274 ГК РФ. Ответственный редактор: Ли Мин.'
    );
    // The seed knows only the outlet's homepage as the original's address: publishable, with a
    // warning, and the title is not linked there (nor is it the original's url in JSON-LD).
    for (const data of [zh, en, ru]) {
      expect(data.complete).toBe(true);
      expect(data.warnings).toEqual([expect.objectContaining({ path: ['reprint', 'originalUrl'], code: 'originalUrl.homepage' })]);
      expect(data.creditLineHtml).not.toMatch(/<a [^>]*>辽宁省本科/);
      expect(data.jsonLd.isBasedOn.url).toBeUndefined();
    }
  });

  it('is in GraphQL too, with no query per item', async () => {
    const query = (limit: number) =>
      app.http().post('/graphql').send({ query: `{ articles(locale: "en", pagination: { limit: ${limit} }) { documentId attribution } }` });
    const res = await query(5);
    expect(res.body.errors).toBeUndefined();
    const reference = res.body.data.articles.find((a: any) => a.documentId === referenceId);
    expect(reference.attribution.creditLine).toMatch(/^Originally published by China News Service Liaoning/);
    const own = res.body.data.articles.find((a: any) => a.attribution.isReprint === false);
    expect(own.attribution).toMatchObject({ creditLine: null, complete: true });
    // A one-item page and a five-item page cost the same number of queries.
    expect(await countQueries(app.strapi, () => query(1))).toBe(await countQueries(app.strapi, () => query(5)));
  });

  it('costs no query per item in REST, even when the client narrows the population', async () => {
    const page = (size: number) => () => get(`/api/articles?locale=en&pagination[pageSize]=${size}&fields[0]=title&populate[source][fields][0]=name`);
    await page(1)();
    expect(await countQueries(app.strapi, page(1))).toBe(await countQueries(app.strapi, page(5)));
    const res = await page(5)();
    expect(res.body.data.every((item: any) => 'attribution' in item)).toBe(true);
  });

  it('is refused to the public for drafts, and 404 for what does not exist', async () => {
    expect((await get(`/api/reprint-attribution/article/${referenceId}?locale=en&status=draft`)).status).toBe(403);
    expect((await get(`/api/reprint-attribution/article/${referenceId}?locale=en&status=draft`).set(token)).status).toBe(200);
    expect((await get(`/api/reprint-attribution/article/nope?locale=en`)).status).toBe(404);
    const bad = await get(`/api/reprint-attribution/article/${referenceId}?locale=xx`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['locale']);
  });
});

describe('templates', () => {
  it('are editable through the admin route; a broken one is refused with the reason', async () => {
    const before = await get(`/api/reprint-attribution/article/${referenceId}?locale=ru`);
    const broken = await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ templates: { ru: 'Источник: {sourceName} {originalTitle' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.errors[0]).toMatchObject({ path: ['templates', 'ru'], message: expect.stringMatching(/Syntax error at character \d+/) });
    const unknown = await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ templates: { ru: '{sourceName} {originalTitle} {sourceCountry}' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/Unknown placeholder \{sourceCountry\}/);
    expect((await get(`/api/reprint-attribution/article/${referenceId}?locale=ru`)).body.data.creditLine).toBe(before.body.data.creditLine);

    const ok = await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ templates: { ru: 'Перепечатка: {sourceName}, «{originalTitle}»' } });
    expect(ok.status).toBe(200);
    app.strapi.plugin('reprint-attribution').service('settings').clearCache();
    expect((await get(`/api/reprint-attribution/article/${referenceId}?locale=ru`)).body.data.creditLine).toBe(
      'Перепечатка: Ляонинский канал агентства «Чжунго синьвэнь», «辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开»'
    );
    // null restores the default.
    await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ templates: { ru: null } });
    expect((await get(`/api/reprint-attribution/article/${referenceId}?locale=ru`)).body.data.creditLine).toBe(before.body.data.creditLine);
  });

  it('previews a template on a document or a sample', async () => {
    const res = await app
      .http()
      .post('/reprint-attribution/preview')
      .set(superAdmin)
      .send({ locale: 'en', template: 'From {sourceName}: {originalTitle}', contentType: ARTICLE, documentId: referenceId });
    expect(res.body.data.creditLine.text).toBe('From China News Service Liaoning: 辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开');
    const broken = await app.http().post('/reprint-attribution/preview').set(superAdmin).send({ locale: 'en', template: '{sourceName' });
    expect(broken.body.data.errors[0].message).toMatch(/Syntax error/);
  });
});

describe('permissions and expiry', () => {
  let permitted: string;

  beforeAll(async () => {
    // A translated reprint published under a permission that expires soon, then one that expired.
    const created = await documents(app.strapi, ARTICLE).create({
      locale: 'en',
      data: {
        title: 'Reprint under permission',
        date: '2025-05-01',
        source: sourceId,
        reprint: {
          isReprint: true,
          originalTitle: '原标题',
          originalUrl: 'https://www.ln.chinanews.com.cn/news/2.shtml',
          originalPublishedAt: '2025-04-30',
          originalLanguage: 'zh-Hans',
          reprintType: 'translation',
          license: 'all-rights-reserved-with-permission',
          permissionGrantedBy: 'Rights desk',
          permissionExpiresAt: '2099-01-10',
        },
      },
    });
    permitted = created.documentId;
    await documents(app.strapi, ARTICLE).publish({ documentId: permitted, locale: 'en' });
  });

  it('refuses to publish with an expired permission, or without who granted it', async () => {
    const res = await app
      .http()
      .put(`/api/articles/${permitted}?locale=en`)
      .set(token)
      .send({ data: { reprint: { isReprint: true, originalTitle: '原标题', originalUrl: 'https://www.ln.chinanews.com.cn/news/2.shtml', originalPublishedAt: '2025-04-30', originalLanguage: 'zh-Hans', reprintType: 'translation', license: 'all-rights-reserved-with-permission', permissionExpiresAt: '2020-01-01' } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((e: any) => e.path.join('.'))).toEqual(['reprint.permissionGrantedBy', 'reprint.permissionExpiresAt']);
  });

  it('the report counts reprints per source and lists permissions expiring within N days', async () => {
    const byDays = async (days: number) => (await app.http().get(`/reprint-attribution/report?days=${days}`).set(superAdmin)).body.data;

    const now = await byDays(30);
    expect(now.perSource.find((s: any) => s.name === '中新网辽宁')).toMatchObject({ reprints: 2 });
    expect(now.perSource.find((s: any) => s.name === '校园科学周刊（示例）')).toMatchObject({ reprints: 1 });
    // every published reprint has a status; none misses anything or has a permission ending soon
    expect(now.reprints.length).toBeGreaterThan(0);
    expect(now.reprints.filter((row: any) => row.status !== 'complete')).toEqual([]);
    expect(now.counts).toMatchObject({ expired: 0, incomplete: 0, expiring: 0 });
    const far = await byDays(3650);
    expect(far.counts.expiring).toBe(0); // 2099 is further than ten years
  });

  it('the daily job flags, from its end date on, then (configured) unpublishes, an expired permission, logging document and locale', async () => {
    const expiry = app.strapi.plugin('reprint-attribution').service('expiry');
    const settings = app.strapi.plugin('reprint-attribution').service('settings');
    expect(app.strapi.cron.jobs.map((job: any) => job.name)).toContain('reprint-attribution-expiry');

    // The permission ends on 2099-01-10: valid the day before, expired on the day itself (as the
    // publish rules and the report count it), and still expired later.
    expect(await expiry.run('2099-01-09')).toEqual([]);
    const flagged = await expiry.run('2099-01-10');
    expect(flagged).toEqual([expect.objectContaining({ contentType: ARTICLE, documentId: permitted, locale: 'en', action: 'flagged', permissionExpiresAt: '2099-01-10' })]);
    expect(await expiry.run('2099-02-01')).toEqual([]); // flagged once
    const report = (await app.http().get('/reprint-attribution/report').set(superAdmin)).body.data;
    expect(report.expiryLog[0]).toMatchObject({ documentId: permitted, locale: 'en', action: 'flagged' });
    expect((await get(`/api/articles/${permitted}?locale=en`)).status).toBe(200);

    await settings.update({ expiryAction: 'unpublish' });
    const unpublished = await expiry.run('2099-02-01');
    expect(unpublished).toEqual([expect.objectContaining({ documentId: permitted, locale: 'en', action: 'unpublished' })]);
    expect((await get(`/api/articles/${permitted}?locale=en`)).status).toBe(404);
    // The draft is kept: the editor loses nothing.
    expect(await app.strapi.db.query(ARTICLE).count({ where: { documentId: permitted, publishedAt: null } })).toBe(1);
    await settings.update({ expiryAction: 'flag' });
  });

  it('the report lists a permission that expires within the window', async () => {
    const soon = new Date(Date.now() + 10 * 86400000).toISOString().slice(0, 10);
    await documents(app.strapi, ARTICLE).update({
      documentId: permitted,
      locale: 'en',
      data: { reprint: { isReprint: true, originalTitle: '原标题', originalUrl: 'https://www.ln.chinanews.com.cn/news/2.shtml', originalPublishedAt: '2025-04-30', originalLanguage: 'zh-Hans', reprintType: 'translation', license: 'all-rights-reserved-with-permission', permissionGrantedBy: 'Rights desk', permissionExpiresAt: soon } },
    });
    await documents(app.strapi, ARTICLE).publish({ documentId: permitted, locale: 'en' });
    const report = (await app.http().get('/reprint-attribution/report?days=30').set(superAdmin)).body.data;
    expect(report.reprints.filter((row: any) => row.status === 'expiring')).toEqual([
      expect.objectContaining({ documentId: permitted, locale: 'en', permissionExpiresAt: soon, permissionGrantedBy: 'Rights desk', daysLeft: expect.any(Number) }),
    ]);
    const narrow = (await app.http().get('/reprint-attribution/report?days=5').set(superAdmin)).body.data;
    expect(narrow.counts.expiring).toBe(0);
    expect(narrow.reprints.find((row: any) => row.documentId === permitted && row.locale === 'en').status).toBe('complete');
  });
});

describe('admin routes need an admin with the plugin’s permission', () => {
  const routes: Array<[string, string]> = [
    ['get', '/reprint-attribution/settings'],
    ['put', '/reprint-attribution/settings'],
    ['get', '/reprint-attribution/report'],
    ['post', '/reprint-attribution/preview'],
    ['post', '/reprint-attribution/expiry/run'],
  ];

  it.each(routes)('%s %s: 401 without an admin, 401 with an API token, 403 for an editor without the permission', async (method, path) => {
    const request = (headers: Record<string, string> = {}) => (app.http() as any)[method](path).set(headers).send({});
    expect((await request()).status).toBe(401);
    expect((await request(token)).status).toBe(401);
    const editor = await adminLogin(app, 'strapi-editor');
    expect((await request(editor)).status).toBe(403);
  });

  it('registers its actions for roles', async () => {
    const actions = app.strapi.service('admin::permission').actionProvider.values().map((action: any) => action.actionId);
    expect(actions).toEqual(expect.arrayContaining(['plugin::reprint-attribution.read', 'plugin::reprint-attribution.settings.update']));
  });

  it('rejects bad report parameters', async () => {
    const res = await app.http().get('/reprint-attribution/report?days=-1').set(superAdmin);
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['days']);
  });
});

describe('a second content type, attributable by configuration alone', () => {
  const CLIP = 'plugin::attribution-fixture.clip';

  it('gets the same rules under its own field names', async () => {
    const clip = await documents(app.strapi, CLIP).create({
      locale: 'en',
      data: { headline: 'Clip', slug: 'clip', day: '2025-03-22', attribution: { isReprint: true, originalTitle: 'O', originalUrl: 'https://example.com/o', originalAuthors: 'A. Author', originalPublishedAt: '2025-03-20', originalLanguage: 'zh-Hans', reprintType: 'translation', license: 'cc-by-4.0' } },
    });
    await expect(documents(app.strapi, CLIP).publish({ documentId: clip.documentId, locale: 'en' })).rejects.toMatchObject({
      details: { errors: [expect.objectContaining({ path: ['outlet'], code: 'source.required' })] },
    });
    await expect(
      documents(app.strapi, CLIP).update({ documentId: clip.documentId, locale: 'en', data: { attribution: { isReprint: true, originalUrl: 'data:text/html,x' } } })
    ).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ path: ['attribution', 'originalUrl'] })] } });

    await documents(app.strapi, CLIP).update({ documentId: clip.documentId, locale: 'en', data: { outlet: sourceId } });
    await documents(app.strapi, CLIP).publish({ documentId: clip.documentId, locale: 'en' });

    const res = await get(`/api/reprint-attribution/clip/${clip.documentId}?locale=en`).set(token);
    expect(res.status).toBe(200);
    expect(res.body.data.creditLine).toMatch(/^Originally published by China News Service Liaoning on March 20, 2025 as “O”, by A\. Author\. Translated from Chinese\./);
    expect(res.body.data.jsonLd.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    // The public role has no permission on the fixture type, so none on its attribution either.
    expect((await get(`/api/reprint-attribution/clip/${clip.documentId}?locale=en`)).status).toBe(403);
  });

  it('names the type’s own fields in every answer: the panel, the list badge, the report and the content API', async () => {
    const clip = await documents(app.strapi, CLIP).create({
      locale: 'en',
      data: { headline: 'Own headline', slug: 'clip-fields', day: '2025-03-22', attribution: { isReprint: true, reprintType: 'full', originalLanguage: 'en' } },
    });
    // the edit view's panel (/live) and the list view's badge (/status): no `source` or `reprint.*`
    const live = await app.http().post('/reprint-attribution/live').set(superAdmin).send({ contentType: CLIP, documentId: clip.documentId, locale: 'en', values: {} });
    expect(live.status).toBe(200);
    expect(live.body.data.missing).toEqual(['outlet', 'attribution.originalTitle', 'attribution.originalUrl', 'attribution.originalPublishedAt', 'attribution.license']);
    expect(live.body.data.problems.map((problem: any) => problem.path.join('.'))).toEqual(live.body.data.missing);
    const status = await app.http().post('/reprint-attribution/status').set(superAdmin).send({ contentType: CLIP, documentIds: [clip.documentId], locale: 'en' });
    expect(status.body.data[clip.documentId].missing).toEqual(live.body.data.missing);

    // published as a full reprint whose headline differs from the original's (a warning by
    // default): the warning names `headline`; once the title check refuses it, so does the report
    const complete = { isReprint: true, reprintType: 'full', originalLanguage: 'en', originalTitle: 'Original headline', originalUrl: 'https://example.com/clip', originalAuthors: 'A. Author', originalPublishedAt: '2025-03-20', license: 'cc-by-4.0' };
    await documents(app.strapi, CLIP).update({ documentId: clip.documentId, locale: 'en', data: { outlet: sourceId, attribution: complete } });
    await documents(app.strapi, CLIP).publish({ documentId: clip.documentId, locale: 'en' });
    const read = await get(`/api/reprint-attribution/clip/${clip.documentId}?locale=en`).set(token);
    expect(read.body.data.warnings).toEqual([expect.objectContaining({ path: ['headline'], code: 'title.altered' })]);
    expect((await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ titleCheck: 'error' })).status).toBe(200);
    try {
      const report = await app.http().get('/reprint-attribution/report').set(superAdmin);
      // by the clip's own field (its path) and by the label of what it holds (a title)
      expect(report.body.data.reprints.find((entry: any) => entry.documentId === clip.documentId)).toMatchObject({
        contentType: CLIP,
        status: 'incomplete',
        missing: ['headline'],
        missingFields: [{ path: 'headline', label: 'Title' }],
      });
    } finally {
      await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ titleCheck: 'warn' });
    }
  });
});
