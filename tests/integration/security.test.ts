import { hostileTemplates } from '../../src/plugins/reprint-attribution/server/src/domain/__tests__/hostile-templates';
import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, INSTITUTION_UID, snapshotDatabase, SOURCE_UID } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

// Issue #11 (security), the attribution plugin: templates that save render; admin routes show
// only what the Content Manager would; JSON-LD safe to embed; one URL rule.

const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';
const CM = `/content-manager/collection-types/${ARTICLE_UID}`;

type Headers = Record<string, string>;

let app: TestApp;
let token: Headers;
let superAdmin: Headers;
let editor: Headers;
let author: Headers;
let referenceId: string;

beforeAll(async () => {
  app = await startTestApp();
  await seed(app.strapi);
  token = { Authorization: `Bearer ${await app.adminToken()}` };
  [superAdmin, editor, author] = [await adminLogin(app), await adminLogin(app, 'strapi-editor'), await adminLogin(app, 'strapi-author')];
  referenceId = (await app.strapi.db.query(ARTICLE_UID).findOne({ where: { key: REFERENCE } })).documentId;
});

afterAll(async () => {
  await app?.stop();
});

const graphql = (query: string) => app.http().post('/graphql').send({ query });

/** What a site reads: the reference article in English over REST and GraphQL. */
const readReference = async () => {
  const rest = await app.http().get(`/api/articles?locale=en&filters[key][$eq]=${REFERENCE}`);
  const gql = await graphql(`{ articles(locale: "en", filters: { key: { eq: "${REFERENCE}" } }) { title attribution } }`);
  return { rest, gql };
};

describe('credit-line templates: what saves renders', () => {
  afterAll(async () => {
    await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ templates: { en: null } });
  });

  it('each hostile template is refused with a 400 on templates.en, or renders in REST, GraphQL and the preview', async () => {
    let accepted = 0;
    let refused = 0;
    for (const template of hostileTemplates(40, 2026)) {
      const saved = await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ templates: { en: template } });
      if (saved.status === 400) {
        refused += 1;
        expect(saved.body.error.details.errors.map((error: any) => error.path)).toContainEqual(['templates', 'en']);
        expect(saved.body.error.message).toMatch(/templates\.en: /);
        continue;
      }
      expect([template, saved.status]).toEqual([template, 200]);
      accepted += 1;
      const { rest, gql } = await readReference();
      expect([template, rest.status]).toEqual([template, 200]);
      expect(rest.body.data[0].attribution.creditLine).toEqual(expect.any(String));
      expect([template, gql.status, gql.body.errors]).toEqual([template, 200, undefined]);
      expect(gql.body.data.articles[0].attribution.creditLine).toBe(rest.body.data[0].attribution.creditLine);
      const preview = await app.http().post('/reprint-attribution/preview').set(superAdmin).send({ locale: 'en', on: 'document' });
      expect([template, preview.status, preview.body.data.errors]).toEqual([template, 200, []]);
      expect(preview.body.data.creditLine.text).toEqual(expect.any(String));
    }
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
    // Forty saves, each followed by three reads: a loaded CI machine needs more than the default minute.
  }, 240000);

  it('a bad template written straight to the store falls back to the default, logged once', async () => {
    await app.http().put('/reprint-attribution/settings').set(superAdmin).send({ templates: { en: null } });
    const { rest: before } = await readReference();
    const defaultLine = before.body.data[0].attribution.creditLine;
    const store = app.strapi.store({ type: 'plugin', name: 'reprint-attribution', key: 'settings' });
    const stored = ((await store.get({})) ?? {}) as Record<string, any>;
    const warn = jest.spyOn(app.strapi.log, 'warn');
    try {
      for (const bad of ['{sourceName} {originalTitle} \uE000constructor\uE001 {constructor}', '{sourceName} {originalTitle, number}']) {
        warn.mockClear();
        await store.set({ value: { ...stored, templates: { ...(stored.templates ?? {}), en: bad } } });
        app.strapi.plugin('reprint-attribution').service('settings').clearCache();
        await app.strapi.eventHub.emit('reprint-attribution.settings.update', { keys: ['templates'] });
        for (let read = 0; read < 2; read += 1) {
          app.strapi.plugin('reprint-attribution').service('settings').clearCache();
          const { rest, gql } = await readReference();
          expect(rest.status).toBe(200);
          expect(rest.body.data[0].attribution.creditLine).toBe(defaultLine);
          expect(gql.body.errors).toBeUndefined();
          expect(gql.body.data.articles[0].attribution.creditLine).toBe(defaultLine);
          const preview = await app.http().post('/reprint-attribution/preview').set(superAdmin).send({ locale: 'en', on: 'document' });
          expect(preview.status).toBe(200);
          expect(preview.body.data.creditLine.text).toBe(defaultLine);
        }
        expect(warn.mock.calls.filter(([message]) => /stored credit-line template for en/.test(String(message)))).toHaveLength(1);
      }
    } finally {
      warn.mockRestore();
      await store.set({ value: stored });
      app.strapi.plugin('reprint-attribution').service('settings').clearCache();
      await app.strapi.eventHub.emit('reprint-attribution.settings.update', { keys: ['templates'] });
    }
  });
});

describe('admin routes show what the Content Manager would', () => {
  const SECRET_SOURCE = 'Editors’ secret source';
  const SECRET_TITLE = 'Editor’s unpublished scoop';
  let secretSourceId: number;
  let secretSourceDocumentId: string;
  let editorDraft: string;
  let authorDraft: string;

  beforeAll(async () => {
    const source = await app.http().post(`/content-manager/collection-types/${SOURCE_UID}?locale=en`).set(editor).send({ name: SECRET_SOURCE, homepage: 'https://secret.example.com/' });
    expect(source.status).toBe(201);
    secretSourceDocumentId = source.body.data.documentId;
    secretSourceId = source.body.data.id;
    const reprint = { isReprint: true, originalTitle: 'Secret original', originalUrl: 'https://secret.example.com/1.html', reprintType: 'full', license: 'statutory-news-exception' };
    const editors = await app.http().post(`${CM}?locale=en`).set(editor).send({ title: SECRET_TITLE, reprint, source: { connect: [{ documentId: secretSourceDocumentId, locale: 'en' }] } });
    expect(editors.status).toBe(201);
    editorDraft = editors.body.data.documentId;
    const authors = await app.http().post(`${CM}?locale=en`).set(author).send({ title: 'Author’s own draft', reprint: { isReprint: true, originalTitle: 'Own original' } });
    expect(authors.status).toBe(201);
    authorDraft = authors.body.data.documentId;
    // The Content Manager itself: the Author may not read the Editor's draft.
    expect((await app.http().get(`${CM}/${editorDraft}?locale=en`).set(author)).status).toBe(403);
    expect((await app.http().get(`${CM}/${authorDraft}?locale=en`).set(author)).status).toBe(200);
  });

  it('POST /live: refuses another editor’s draft, and never names a source the Author may not read', async () => {
    const live = (headers: Headers, body: Record<string, unknown>) => app.http().post('/reprint-attribution/live').set(headers).send({ contentType: ARTICLE_UID, locale: 'en', ...body });
    expect((await live(author, { documentId: editorDraft, values: {} })).status).toBe(403);
    const own = await live(author, { documentId: authorDraft, values: {} });
    expect(own.status).toBe(200);
    expect(own.body.data.isReprint).toBe(true);
    for (const reader of [editor, superAdmin]) expect((await live(reader, { documentId: editorDraft, values: {} })).body.data.creditLine).toContain(SECRET_SOURCE);

    const forms = [
      { connect: [{ id: secretSourceId }] },
      { connect: [{ documentId: secretSourceDocumentId, locale: 'en' }] },
      { connect: [{ documentId: secretSourceDocumentId }], disconnect: [] },
      { set: [{ id: secretSourceId }] },
      { set: [secretSourceDocumentId] },
      [secretSourceId],
      secretSourceId,
      String(secretSourceId),
      secretSourceDocumentId,
      { id: secretSourceId },
      { documentId: secretSourceDocumentId },
    ];
    for (const source of forms) {
      for (const documentId of [authorDraft, undefined]) {
        const res = await live(author, { documentId, values: { source, reprint: { isReprint: true, originalTitle: 'Own original' } } });
        expect([source, res.status]).toEqual([source, 200]);
        expect([source, JSON.stringify(res.body)]).not.toEqual([source, expect.stringContaining('secret')]);
        // The relation is set (the Content Manager shows it by id), so it is not reported missing.
        expect(res.body.data.missing).not.toContain('source');
        expect(res.body.data.creditLine).toMatch(/^Originally published by … as/);
      }
      const byEditor = await live(editor, { documentId: authorDraft, values: { source } });
      expect([source, byEditor.body.data.creditLine]).toEqual([source, expect.stringContaining(SECRET_SOURCE)]);
    }
    // Removing or leaving the source still works.
    expect((await live(author, { documentId: authorDraft, values: { source: { disconnect: [{ id: secretSourceId }] } } })).body.data.missing).toContain('source');
    expect((await live(author, { documentId: authorDraft, values: { source: { set: [] } } })).body.data.missing).toContain('source');
  });

  it('POST /status: reports only the documents the admin may read', async () => {
    const status = (headers: Headers) =>
      app.http().post('/reprint-attribution/status').set(headers).send({ contentType: ARTICLE_UID, locale: 'en', documentIds: [authorDraft, editorDraft, referenceId] });
    const byAuthor = await status(author);
    expect(byAuthor.status).toBe(200);
    expect(Object.keys(byAuthor.body.data)).toEqual([authorDraft]);
    for (const reader of [editor, superAdmin]) {
      expect(Object.keys((await status(reader)).body.data).sort()).toEqual([authorDraft, editorDraft, referenceId].sort());
    }
  });

  it('the preview and the report: stock Authors and Editors have no plugin permission; granted, an Author sees only its own', async () => {
    const preview = (headers: Headers, documentId: string) =>
      app.http().post('/reprint-attribution/preview').set(headers).send({ locale: 'en', contentType: ARTICLE_UID, documentId });
    for (const reader of [author, editor]) {
      expect((await preview(reader, editorDraft)).status).toBe(403);
      expect((await app.http().get('/reprint-attribution/report').set(reader)).status).toBe(403);
    }
    expect((await preview(superAdmin, editorDraft)).body.data.creditLine.text).toContain(SECRET_SOURCE);

    // A published reprint whose attribution became incomplete (e.g. by an import): its title shows in the report.
    await app.strapi.db.query(ARTICLE_UID).updateMany({ where: { documentId: referenceId, locale: 'en' }, data: { title: 'Reference, incomplete' } });
    const published = await app.strapi.db.query(ARTICLE_UID).findOne({ where: { documentId: referenceId, locale: 'en', publishedAt: { $notNull: true } }, populate: { reprint: true } });
    await app.strapi.db.query('attribution.reprint' as never).update({ where: { id: published.reprint.id }, data: { license: null } });
    const incomplete = (await app.http().get('/reprint-attribution/report?status=incomplete').set(superAdmin)).body.data.reprints;
    expect(JSON.stringify(incomplete)).toContain('Reference, incomplete');

    // The Author's own reprint, drafted by the Author in the Content Manager, completed and published by an admin.
    const ownTitle = 'Author’s own published reprint';
    const drafted = await app.http().post(`${CM}?locale=en`).set(author).send({ title: ownTitle, reprint: { isReprint: true, originalTitle: 'Own published original' } });
    expect(drafted.status).toBe(201);
    const authorPublished: string = drafted.body.data.documentId;
    const reference = await app.strapi.db.query(ARTICLE_UID).findOne({ where: { documentId: referenceId, locale: 'en', publishedAt: null }, populate: { source: true } });
    await (app.strapi.documents as any)(ARTICLE_UID).update({
      documentId: authorPublished,
      locale: 'en',
      data: {
        date: '2025-05-01',
        source: reference.source.documentId,
        reprint: { isReprint: true, originalTitle: 'Own published original', originalUrl: 'https://www.ln.chinanews.com.cn/news/9.shtml', originalPublishedAt: '2025-04-30', originalLanguage: 'zh-Hans', originalAuthors: 'Zhang San', reprintType: 'translation', license: 'cc-by-4.0' },
      },
    });
    await (app.strapi.documents as any)(ARTICLE_UID).publish({ documentId: authorPublished, locale: 'en' });

    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
    await app.strapi.service('admin::role').addPermissions(role.id, [{ action: 'plugin::reprint-attribution.read', subject: null, properties: {}, conditions: [] }]);
    try {
      expect((await preview(author, editorDraft)).status).toBe(403);
      const own = await preview(author, authorDraft);
      expect(own.status).toBe(200);
      expect(own.body.data.creditLine.text).toContain('Own original');
      const onDocument = await app.http().post('/reprint-attribution/preview').set(author).send({ locale: 'en', on: 'document' });
      expect(onDocument.status).toBe(200);
      expect(onDocument.body.data.document).toBeNull();
      // Its own published reprint, and only that: not the reference (published by the seed), nor the Editor's.
      const report = await app.http().get('/reprint-attribution/report').set(author);
      expect(report.status).toBe(200);
      expect(report.body.data.reprints.map((row: any) => [row.documentId, row.title])).toEqual([[authorPublished, ownTitle]]);
      expect(JSON.stringify(report.body)).not.toContain('Reference, incomplete');
      expect(JSON.stringify(report.body)).not.toContain(SECRET_TITLE);
      expect(report.body.data.perSource).toEqual([expect.objectContaining({ reprints: 1 })]);
      // while a super admin's report has the reference too
      expect(JSON.stringify((await app.http().get('/reprint-attribution/report').set(superAdmin)).body)).toContain('Reference, incomplete');
    } finally {
      await app.strapi.db.query('admin::permission').deleteMany({ where: { action: 'plugin::reprint-attribution.read', role: role.id } });
      await (app.strapi.documents as any)(ARTICLE_UID).delete({ documentId: authorPublished, locale: '*' });
    }
  });
});

describe('jsonLdScript', () => {
  const HEADLINE = '</script><script>alert(1)</script>';

  it('is the JSON-LD with <, >, & and U+2028/9 escaped, in REST and GraphQL', async () => {
    const created = await app.http().post('/api/articles?locale=en').set(token).send({ data: { title: HEADLINE, key: 'script-headline', date: '2025-03-22' } });
    expect(created.status).toBe(201);
    const rest = await app.http().get(`/api/articles/${created.body.data.documentId}?locale=en`);
    const { jsonLd, jsonLdScript } = rest.body.data.attribution;
    expect(jsonLd.headline).toBe(HEADLINE);
    expect(jsonLdScript).not.toContain('<');
    expect(JSON.parse(jsonLdScript)).toEqual(jsonLd);
    const gql = await graphql('{ articles(locale: "en", filters: { key: { eq: "script-headline" } }) { attribution } }');
    expect(gql.body.data.articles[0].attribution.jsonLdScript).toBe(jsonLdScript);
    const single = await app.http().get(`/api/reprint-attribution/article/${created.body.data.documentId}?locale=en`);
    expect(single.body.data.jsonLdScript).toBe(jsonLdScript);
  });
});

describe('one URL rule on every save', () => {
  const BAD = [
    'https://user:pass@example.com/',
    'https://evil.example\\@good.example',
    'https://good.example/a\\b',
    'https://exa\tmple.com/',
    'https://%65vil.example/',
    'javascript:alert(1)',
    'ftp://example.com/',
    'https:///nohost',
  ];
  const cases: Array<[string, string, (url: string) => Record<string, unknown>, string[]]> = [
    ['article reprint.originalUrl', '/api/articles', (url) => ({ title: 'URL test', reprint: { isReprint: false, originalUrl: url } }), ['reprint', 'originalUrl']],
    ['article seo.canonicalUrl', '/api/articles', (url) => ({ title: 'URL test', seo: { canonicalUrl: url } }), ['seo', 'canonicalUrl']],
    ['source homepage', '/api/sources', (url) => ({ name: 'URL test', homepage: url }), ['homepage']],
    ['institution website', '/api/institutions', (url) => ({ name: 'URL test', website: url }), ['website']],
  ];

  it.each(cases)('%s: each bad URL is a 400 with the field path, and nothing is written', async (_name, route, data, path) => {
    for (const url of BAD) {
      const before = await snapshotDatabase(app.strapi);
      const res = await app.http().post(`${route}?locale=en&status=draft`).set(token).send({ data: data(url) });
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.error.details.errors.map((error: any) => error.path)).toContainEqual(path);
      expect(await snapshotDatabase(app.strapi)).toEqual(before);
    }
    const good = await app.http().post(`${route}?locale=en&status=draft`).set(token).send({ data: data('https://例子.中国/路径?q=a@b') });
    expect(good.status).toBe(201);
  });

  it('the same rule in the Content Manager', async () => {
    const res = await app.http().post(`/content-manager/collection-types/${INSTITUTION_UID}?locale=en`).set(superAdmin).send({ name: 'CM URL test', website: 'https://user:pass@example.com/' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors.map((error: any) => error.path)).toContainEqual(['website']);
    expect(res.body.error.details.errors[0].message).toMatch(/user name or password/);
  });
});

describe('admin logins', () => {
  it('are limited to five attempts per five minutes per address by default (the browser tests alone turn it off)', async () => {
    const email = `nobody-${Date.now()}@example.edu`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      statuses.push((await app.http().post('/admin/login').send({ email, password: 'Wrong-password-1' })).status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  });
});
