import { adminLogin } from '../helpers/admin';
import { documents } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Adding a fourth locale is one configuration value (LOCALES) and one language file for the
 * plugin's wording (tests/fixtures/languages/ja.js, given to the plugin's `languages`). This test
 * adds Japanese and follows it to the locales, the stock roles, the settings page, the rules'
 * messages, the credit line, the slug and the order of language links.
 */
const ARTICLE = 'api::article.article';
const SOURCE = 'api::source.source';

let app: TestApp;
let superAdmin: { Authorization: string };
let sourceId: string;

beforeAll(async () => {
  app = await startTestApp({ LOCALES: 'zh-Hans,en,ru,ja' });
  superAdmin = await adminLogin(app);
  const source = await documents(app.strapi, SOURCE).create({ locale: 'ja', data: { name: '中新網遼寧', homepage: 'https://www.ln.chinanews.com.cn/', kind: 'online-media' } });
  sourceId = source.documentId;
  await documents(app.strapi, SOURCE).publish({ documentId: sourceId, locale: 'ja' });
});

afterAll(async () => {
  await app?.stop();
});

const reprint = {
  isReprint: true,
  originalTitle: '辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开',
  originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml',
  originalPublishedAt: '2025-03-20',
  originalLanguage: 'zh-Hans',
  originalAuthors: '張三',
  reprintType: 'translation',
  translator: '佐藤花子',
  license: 'statutory-news-exception',
};

describe('a fourth locale, ja, added by configuration', () => {
  it('exists, named as Strapi names it, and the stock roles may edit it', async () => {
    const locales = await app.strapi.plugin('i18n').service('locales').find();
    expect(locales.map((locale: any) => locale.code)).toEqual(expect.arrayContaining(['zh-Hans', 'en', 'ru', 'ja']));
    expect(locales.find((locale: any) => locale.code === 'ja').name).toBe('Japanese (ja)');
    const permission = await app.strapi.db.query('admin::permission').findOne({
      where: { role: { code: 'strapi-editor' }, action: 'plugin::content-manager.explorer.update', subject: ARTICLE },
    });
    expect(permission.properties.locales).toEqual(['zh-Hans', 'en', 'ru', 'ja']);
  });

  it('reaches the settings page: its template, from the Japanese language file', async () => {
    const res = await app.http().get('/reprint-attribution/settings').set(superAdmin);
    expect(res.status).toBe(200);
    expect(res.body.data.locales).toEqual(['zh-Hans', 'en', 'ru', 'ja']);
    expect(res.body.data.defaults.ja).toMatch(/^出典：\{sourceName\}/);
    expect(res.body.data.templates.ja).toBe(res.body.data.defaults.ja);
    const preview = await app.http().post('/reprint-attribution/preview').set(superAdmin).send({ locale: 'ja' });
    expect(preview.body.data.creditLine.text).toMatch(/^出典：中新網遼寧（2025年3月22日）　原題：示例原标题/);
  });

  it('reaches the rules: a refusal in Japanese for an admin who reads Japanese', async () => {
    const draft = await documents(app.strapi, ARTICLE).create({ locale: 'ja', data: { title: 'セミナーのお知らせ', date: '2025-03-22', section: 'news', reprint } });
    const res = await app
      .http()
      .post(`/content-manager/collection-types/${ARTICLE}/${draft.documentId}/actions/publish?locale=ja`)
      .set({ ...superAdmin, 'Accept-Language': 'ja' })
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ path: ['source'], code: 'source.required', message: '転載記事には出典が必要です：最初に掲載した媒体を選んでください' })]);
  });

  it('reaches the credit line, and the slug is romanised as Japanese (not read as Chinese)', async () => {
    const article = await documents(app.strapi, ARTICLE).create({
      locale: 'ja',
      data: { title: 'とうきょう セミナー', date: '2025-03-22', section: 'news', source: sourceId, reprint },
    });
    await documents(app.strapi, ARTICLE).publish({ documentId: article.documentId, locale: 'ja' });
    const read = await app.http().get(`/api/articles/${article.documentId}?locale=ja`);
    expect(read.status).toBe(200);
    expect(read.body.data.slug).toBe('toukyou-seminaa');
    expect(read.body.data.attribution.creditLine).toBe(
      '出典：中新網遼寧（2025年3月20日）　原題：辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开　原著者：張三　翻訳：佐藤花子'
    );
    // an English edition of the same document: the links list ja last, in LOCALES' order
    await documents(app.strapi, ARTICLE).update({ documentId: article.documentId, locale: 'en', data: { title: 'Tokyo seminar', date: '2025-03-22', section: 'news', reprint: { isReprint: false } } });
    await documents(app.strapi, ARTICLE).publish({ documentId: article.documentId, locale: 'en' });
    const links = await app.http().get(`/api/articles/${article.documentId}?locale=en`);
    expect(links.body.data.localizations.map((localization: any) => localization.locale)).toEqual(['en', 'ja']);
  });
});
