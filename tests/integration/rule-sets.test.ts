import { adminLogin } from '../helpers/admin';
import { documents, snapshotDatabase } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The admins here are super admins with a name of their own: Strapi 5.54's stock Editor role has
 * no publish permission on the newsroom's types (create, read and update only).
 *
 * #12: the legally required elements per edition as rule sets (zh-Hans → cn-internet-news,
 * ru → ru-civil-code-1274, CC licences → cc-tasl), refused and accepted in all three locales
 * through the Document Service, REST, GraphQL and the Content Manager; the responsible editor
 * filled in from the publishing admin; the homepage-link warning.
 */
const ARTICLE = 'api::article.article';
const SOURCE = 'api::source.source';
const CM = `/content-manager/collection-types/${ARTICLE}`;
const HOMEPAGE = 'https://outlet.example.com/';

let app: TestApp;
let token: { Authorization: string };
let sourceId: string;
let n = 0;

beforeAll(async () => {
  app = await startTestApp();
  token = { Authorization: `Bearer ${await app.adminToken()}` };
  const source = await documents(app.strapi, SOURCE).create({ locale: 'zh-Hans', data: { name: '示例日报', homepage: HOMEPAGE, kind: 'newspaper' } });
  sourceId = source.documentId;
  for (const [locale, name] of [['en', 'Example Daily'], ['ru', 'Пример дейли']]) {
    await documents(app.strapi, SOURCE).update({ documentId: sourceId, locale, data: { name, homepage: HOMEPAGE, kind: 'newspaper' } });
  }
  await documents(app.strapi, SOURCE).publish({ documentId: sourceId, locale: '*' });
});

afterAll(async () => {
  await app?.stop();
});

/** A reprint complete by the rules every reprint meets; each test removes what its rule set asks for. */
const base = {
  isReprint: true,
  originalTitle: '原标题',
  originalUrl: 'https://outlet.example.com/news/2025/1.html',
  originalPublishedAt: '2025-03-20',
  originalLanguage: 'zh-Hans',
  license: 'statutory-news-exception',
};
const reprintTypeFor = (locale: string) => (locale === 'zh-Hans' ? 'full' : 'translation');

/** A draft article in `locale` citing the source. */
const draft = async (locale: string, reprint: Record<string, unknown>) => {
  n += 1;
  const title = locale === 'zh-Hans' ? '原标题' : `Reprint ${n}`;
  const doc = await documents(app.strapi, ARTICLE).create({
    locale,
    data: { title, date: '2025-03-22', section: 'news', source: sourceId, reprint: { ...base, reprintType: reprintTypeFor(locale), ...reprint } },
  });
  return doc.documentId as string;
};

const published = (documentId: string, locale: string) =>
  app.strapi.db.query(ARTICLE).findOne({ where: { documentId, locale, publishedAt: { $notNull: true } }, populate: { reprint: true } });

const codesOf = (errors: any[]) => errors.map((error) => `${error.path.join('.')}:${error.code}${error.ruleSet ? `@${error.ruleSet}` : ''}`);

describe('cn-internet-news: the Chinese edition', () => {
  it('refuses a silent empty author and an office as responsible editor, changing nothing; accepts them fixed', async () => {
    const id = await draft('zh-Hans', { responsibleEditor: '辽宁大学新闻中心' });
    const before = await snapshotDatabase(app.strapi);
    const refusal = await documents(app.strapi, ARTICLE)
      .publish({ documentId: id, locale: 'zh-Hans' })
      .catch((error: any) => error);
    expect(refusal.name).toBe('ValidationError');
    expect(codesOf(refusal.details.errors)).toEqual([
      'reprint.originalAuthors:originalAuthors.required@cn-internet-news',
      'reprint.responsibleEditor:responsibleEditor.notPerson@cn-internet-news',
    ]);
    expect(await snapshotDatabase(app.strapi)).toEqual(before);

    await documents(app.strapi, ARTICLE).update({ documentId: id, locale: 'zh-Hans', data: { reprint: { ...base, reprintType: 'full', originalNamesNoAuthor: true, responsibleEditor: '李明' } } });
    await documents(app.strapi, ARTICLE).publish({ documentId: id, locale: 'zh-Hans' });
    expect((await published(id, 'zh-Hans')).reprint).toMatchObject({ originalNamesNoAuthor: true, responsibleEditor: '李明' });
  });

  it('through REST: a missing responsible editor (an API token is no person) is refused, a named author and editor accepted', async () => {
    const id = await draft('zh-Hans', { originalAuthors: '张三' });
    const res = await app.http().put(`/api/articles/${id}?locale=zh-Hans&status=published`).set(token).send({ data: { summary: '现在发布' } });
    expect(res.status).toBe(400);
    expect(codesOf(res.body.error.details.errors)).toEqual(['reprint.responsibleEditor:responsibleEditor.required@cn-internet-news']);
    expect(res.body.error.details.errors[0].message).toBe('PRC rules for reprinted internet news (cn-internet-news): give the real name of the editor responsible for this reprint');
    expect(await published(id, 'zh-Hans')).toBeNull();

    const ok = await app
      .http()
      .put(`/api/articles/${id}?locale=zh-Hans&status=published`)
      .set(token)
      .send({ data: { reprint: { ...base, reprintType: 'full', originalAuthors: '张三', responsibleEditor: '王芳' } } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.attribution.creditLine).toBe('来源：示例日报（2025年3月20日）　原标题：原标题　原作者：张三　责任编辑：王芳');
  });

  it('names the rule set in the editor’s language in the Content Manager', async () => {
    const editor = await adminLogin(app, 'strapi-super-admin', { firstname: 'Office', lastname: 'Desk' });
    const id = await draft('zh-Hans', { responsibleEditor: '新闻中心', originalNamesNoAuthor: true });
    const res = await app.http().post(`${CM}/${id}/actions/publish?locale=zh-Hans`).set({ ...editor, 'Accept-Language': 'zh-Hans' }).send({});
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors).toEqual([
      expect.objectContaining({
        path: ['reprint', 'responsibleEditor'],
        code: 'responsibleEditor.notPerson',
        ruleSet: 'cn-internet-news',
        message: '互联网新闻转载规定（cn-internet-news）：责任编辑应为个人；“新闻中心”是机构或部门名称',
      }),
    ]);
  });
});

describe('ru-civil-code-1274: the Russian edition', () => {
  it('refuses a reprint that names no author without saying so, in Russian in the admin; accepts the author’s name', async () => {
    const id = await draft('ru', {});
    const refusal = await documents(app.strapi, ARTICLE)
      .publish({ documentId: id, locale: 'ru' })
      .catch((error: any) => error);
    expect(codesOf(refusal.details.errors)).toEqual(['reprint.originalAuthors:originalAuthors.required@ru-civil-code-1274']);

    const editor = await adminLogin(app, 'strapi-super-admin', { firstname: 'Test', lastname: 'Editor' });
    const cm = await app.http().post(`${CM}/${id}/actions/publish?locale=ru`).set({ ...editor, 'Accept-Language': 'ru' }).send({});
    expect(cm.status).toBe(400);
    expect(cm.body.error.details.errors[0].message).toBe('ст. 1274 ГК РФ (ru-civil-code-1274): укажите автора оригинала или отметьте «в оригинале автор не указан»');

    // No responsible editor needed by this set.
    await documents(app.strapi, ARTICLE).update({ documentId: id, locale: 'ru', data: { reprint: { ...base, reprintType: 'translation', originalAuthors: 'Чжан Сань' } } });
    await documents(app.strapi, ARTICLE).publish({ documentId: id, locale: 'ru' });
    expect(await published(id, 'ru')).toBeTruthy();
  });
});

describe('cc-tasl: a CC licence in any edition; the English edition has no set of its own', () => {
  it('publishes an English reprint under the news exception with neither author nor editor', async () => {
    const id = await draft('en', {});
    await documents(app.strapi, ARTICLE).publish({ documentId: id, locale: 'en' });
    expect(await published(id, 'en')).toBeTruthy();
  });

  it('through GraphQL: refuses a CC reprint without its author, accepts “the original names no author”', async () => {
    const id = await draft('en', { license: 'cc-by-4.0' });
    const mutation = (data: string) => app.http().post('/graphql').set(token).send({ query: `mutation { updateArticle(documentId: "${id}", locale: "en", status: PUBLISHED, data: ${data}) { documentId } }` });
    const refused = await mutation('{ summary: "Now" }');
    expect(refused.body.errors?.[0]?.extensions?.error?.name).toBe('ValidationError');
    expect(codesOf(refused.body.errors[0].extensions.error.details.errors)).toEqual(['reprint.originalAuthors:originalAuthors.required@cc-tasl']);
    expect(await published(id, 'en')).toBeNull();

    const accepted = await mutation(
      `{ reprint: { isReprint: true, originalTitle: "原标题", originalUrl: "https://outlet.example.com/news/2025/1.html", originalPublishedAt: "2025-03-20", originalLanguage: zh_Hans, reprintType: translation, license: cc_by_4_0, originalNamesNoAuthor: true } }`
    );
    expect(accepted.body.errors).toBeUndefined();
    expect((await published(id, 'en')).reprint.originalNamesNoAuthor).toBe(true);
  });
});

describe('the responsible editor is the publishing admin by default', () => {
  it('writes the admin’s name into the version that is published (Chinese names family name first)', async () => {
    const editor = await adminLogin(app, 'strapi-super-admin', { firstname: '明', lastname: '李' });
    const id = await draft('zh-Hans', { originalNamesNoAuthor: true });
    const res = await app.http().post(`${CM}/${id}/actions/publish?locale=zh-Hans`).set(editor).send({});
    expect(res.status).toBe(200);
    expect((await published(id, 'zh-Hans')).reprint.responsibleEditor).toBe('李明');
    // the draft says the same, so the document is not "modified" by it
    const draftRow = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId: id, locale: 'zh-Hans', publishedAt: { $null: true } }, populate: { reprint: true } });
    expect(draftRow.reprint.responsibleEditor).toBe('李明');
    const status = await app.http().get(`${CM}/${id}?locale=zh-Hans`).set(editor);
    expect(status.body.data.status).toBe('published');
  });

  it('given name first otherwise; a name the editor wrote stays', async () => {
    const editor = await adminLogin(app, 'strapi-super-admin', { firstname: 'Анна', lastname: 'Петрова' });
    const filled = await draft('ru', { originalAuthors: 'Чжан Сань' });
    expect((await app.http().post(`${CM}/${filled}/actions/publish?locale=ru`).set(editor).send({})).status).toBe(200);
    expect((await published(filled, 'ru')).reprint.responsibleEditor).toBe('Анна Петрова');

    const own = await draft('ru', { originalAuthors: 'Чжан Сань', responsibleEditor: 'Ли Мин' });
    expect((await app.http().post(`${CM}/${own}/actions/publish?locale=ru`).set(editor).send({})).status).toBe(200);
    expect((await published(own, 'ru')).reprint.responsibleEditor).toBe('Ли Мин');
  });

  it('a refused publish leaves the draft without the filled-in name', async () => {
    const editor = await adminLogin(app, 'strapi-super-admin', { firstname: '明', lastname: '李' });
    const id = await draft('zh-Hans', {}); // no author, no "names no author"
    const before = await snapshotDatabase(app.strapi);
    const res = await app.http().post(`${CM}/${id}/actions/publish?locale=zh-Hans`).set(editor).send({});
    expect(res.status).toBe(400);
    expect(codesOf(res.body.error.details.errors)).toEqual(['reprint.originalAuthors:originalAuthors.required@cn-internet-news']);
    expect(await snapshotDatabase(app.strapi)).toEqual(before);
  });
});

describe('the Content Manager’s bulk publish', () => {
  it('refuses the whole selection when one reprint is incomplete, listing it; fills the publishing admin’s name', async () => {
    const editor = await adminLogin(app, 'strapi-super-admin', { firstname: '芳', lastname: '王' });
    const complete = await draft('zh-Hans', { originalNamesNoAuthor: true }); // the editor's name will go in
    const incomplete = await draft('zh-Hans', {}); // no author
    const before = await snapshotDatabase(app.strapi);
    const bulk = (documentIds: string[]) => app.http().post(`${CM}/actions/bulkPublish`).set(editor).send({ documentIds, locale: 'zh-Hans' });
    const refused = await bulk([complete, incomplete]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors).toEqual([
      expect.objectContaining({ documentId: incomplete, path: ['reprint', 'originalAuthors'], code: 'originalAuthors.required', ruleSet: 'cn-internet-news' }),
    ]);
    // nothing published, on PostgreSQL too (Strapi runs the selection's publishes at once)
    expect(await snapshotDatabase(app.strapi)).toEqual(before);

    const ok = await bulk([complete]);
    expect(ok.status).toBe(200);
    expect((await published(complete, 'zh-Hans')).reprint.responsibleEditor).toBe('王芳');
  });
});

describe('links must not lie', () => {
  it('warns in the side panel when the original’s address is the outlet’s homepage, and does not link the title there', async () => {
    const editor = await adminLogin(app, 'strapi-super-admin', { firstname: 'Test', lastname: 'Editor' });
    const id = await draft('en', {});
    const live = (language: string, originalUrl: string) =>
      app
        .http()
        .post('/reprint-attribution/live')
        .set({ ...editor, 'Accept-Language': language })
        .send({ contentType: ARTICLE, documentId: id, locale: 'en', values: { reprint: { ...base, reprintType: 'translation', originalUrl } } });

    const en = await live('en', HOMEPAGE);
    expect(en.status).toBe(200);
    expect(en.body.data.complete).toBe(true);
    expect(en.body.data.problems).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['reprint', 'originalUrl'], code: 'originalUrl.homepage', message: expect.stringMatching(/^This is the outlet’s homepage, not the article’s address/) }),
    ]);
    expect(en.body.data.creditLineHtml).toContain('as “原标题”');
    expect(en.body.data.creditLineHtml).not.toMatch(/<a [^>]*>原标题<\/a>/);
    expect(en.body.data.jsonLd.isBasedOn.url).toBeUndefined();
    // a bare domain is a homepage too; in the editor's language
    const zh = await live('zh-Hans', 'https://www.outlet.example.com');
    expect(zh.body.data.problems[0].message).toMatch(/^这是该媒体的首页，不是原文网址/);
    const ru = await live('ru', HOMEPAGE);
    expect(ru.body.data.problems[0].message).toMatch(/^Это главная страница издания/);

    // an article's address: no warning, the title links to it
    const article = await live('en', 'https://outlet.example.com/news/2025/1.html');
    expect(article.body.data.problems).toEqual([]);
    expect(article.body.data.creditLineHtml).toContain('<a href="https://outlet.example.com/news/2025/1.html" rel="noopener noreferrer">原标题</a>');

    // publishing is allowed with the warning
    await documents(app.strapi, ARTICLE).update({ documentId: id, locale: 'en', data: { reprint: { ...base, reprintType: 'translation', originalUrl: HOMEPAGE } } });
    await documents(app.strapi, ARTICLE).publish({ documentId: id, locale: 'en' });
    const read = await app.http().get(`/api/articles/${id}?locale=en`);
    expect(read.body.data.attribution.warnings).toEqual([expect.objectContaining({ code: 'originalUrl.homepage' })]);
  });
});
