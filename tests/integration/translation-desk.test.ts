import { random as seededRandom } from '../../scripts/lib/dataset';
import { settle } from '../../scripts/lib/strapi';
import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, documents, INSTITUTION_UID, paragraph } from '../helpers/fixtures';
import { countQueries } from '../helpers/query-counter';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { summarizeAll } from '../../src/plugins/translation-desk/server/src/domain';
import { deskTypes } from '../../src/plugins/translation-desk/server/src/utils';

/**
 * The translation desk (issue #18, docs/translations.md): what is recorded of each locale version
 * on every write, when a translation is stale, and the admin API over it.
 */
type Headers = { Authorization: string };
let app: TestApp;
let superAdmin: Headers;

const articles = () => documents(app.strapi, ARTICLE_UID);
const status = (headers: Headers, query: Record<string, string | number> = {}) => app.http().get('/translation-desk/status').query({ type: ARTICLE_UID, ...query }).set(headers);
const detail = (headers: Headers, documentId: string, locale: string) => app.http().get(`/translation-desk/documents/${ARTICLE_UID}/${documentId}/${locale}`).set(headers);
const review = (headers: Headers, documentId: string, locale: string) => app.http().post(`/translation-desk/documents/${ARTICLE_UID}/${documentId}/${locale}/review`).set(headers);
const createFrom = (headers: Headers, documentId: string, locale: string, body: Record<string, unknown> = {}) =>
  app.http().post(`/translation-desk/documents/${ARTICLE_UID}/${documentId}/${locale}/create`).set(headers).send(body);
const rowOf = async (documentId: string, query: Record<string, string | number> = {}) => {
  const res = await status(superAdmin, { pageSize: 200, ...query });
  expect(res.status).toBe(200);
  return res.body.data.find((row: any) => row.documentId === documentId);
};

/** An article written in zh-Hans, then translated into en (and ru) through the Document Service. */
const story = async (title: string, { ru = false, date = '2025-05-01', section = 'news' } = {}) => {
  const zh = await articles().create({ locale: 'zh-Hans', data: { title: `${title} 中文`, summary: '摘要', body: paragraph('正文第一段'), date, section } });
  await articles().update({ documentId: zh.documentId, locale: 'en', data: { title: `${title} EN`, summary: 'Summary', body: paragraph('First paragraph') } });
  if (ru) await articles().update({ documentId: zh.documentId, locale: 'ru', data: { title: `${title} RU`, summary: 'Резюме', body: paragraph('Первый абзац') } });
  return zh.documentId as string;
};

/**
 * The stored summaries (what the page reads) against the ones computed from scratch from every
 * version and record of the type: the documents missing, left over and different.
 */
/** JSON with sorted keys: PostgreSQL's jsonb and the order versions were read in do not matter. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, item) => (item && typeof item === 'object' && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item));
const storedMatchesComputed = async (uid = ARTICLE_UID) => {
  const records = app.strapi.plugin('translation-desk').service('records');
  const type = deskTypes(app.strapi).get(uid)!;
  const states = new Map((await records.loadRecords(uid, undefined, { full: false })).map((record: any) => [`${record.documentId}|${record.locale}`, record]));
  const computed = new Map(
    summarizeAll(await records.loadVersions(type), states as any, { fields: type.fields.map((field) => field.name), draftAndPublish: type.draftAndPublish }).map((summary) => [
      summary.documentId,
      JSON.parse(JSON.stringify(summary.cells)),
    ])
  );
  const stored = new Map<string, unknown>((await records.loadSummaries(uid)).map((summary: any) => [summary.documentId, summary.cells]));
  return {
    missing: [...computed.keys()].filter((id) => !stored.has(id)),
    extra: [...stored.keys()].filter((id) => !computed.has(id)),
    different: [...computed].filter(([id, cells]) => stored.has(id) && canonical(stored.get(id)) !== canonical(cells)).map(([id, cells]) => ({ id, stored: stored.get(id), computed: cells })),
  };
};

/** A seeded pseudo-random sequence (the dataset generator's mulberry32): the same writes on every run and database. */
const random = seededRandom(20261128);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

beforeAll(async () => {
  app = await startTestApp();
  superAdmin = await adminLogin(app);
});

afterAll(async () => {
  await app?.stop();
});

describe('recording and staleness', () => {
  it('records a translation made through the Document Service, and its source', async () => {
    const id = await story('Recorded');
    const row = await rowOf(id);
    expect(row.source).toBe('zh-Hans');
    expect(row.title).toBe('Recorded 中文');
    expect(row.cells['zh-Hans']).toMatchObject({ state: 'draft', stale: false, translatedFrom: null });
    expect(row.cells.en).toMatchObject({ state: 'draft', stale: false, translatedFrom: 'zh-Hans' });
    expect(row.cells.ru).toEqual({ state: 'missing', stale: false });
  });

  it('source changed in a watched field → stale, with the changed fields and a diff; review → not stale', async () => {
    const id = await story('Changed');
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { title: 'Changed 中文 改', body: paragraph('正文第一段，已更正') } });
    const row = await rowOf(id);
    expect(row.cells.en).toMatchObject({ stale: true, translatedFrom: 'zh-Hans', changedFields: ['title', 'body'] });
    expect(typeof row.cells.en.sourceChangedAt).toBe('string');
    const res = await detail(superAdmin, id, 'en');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      state: 'draft',
      stale: true,
      translatedFrom: 'zh-Hans',
      changedFields: ['title', 'body'],
      diff: [
        { field: 'title', before: 'Changed 中文', after: 'Changed 中文 改' },
        { field: 'body', before: '正文第一段', after: '正文第一段，已更正' },
      ],
      reviewedAt: null,
    });
    const reviewed = await review(superAdmin, id, 'en');
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.data).toMatchObject({ stale: false, changedFields: [], diff: [], reviewedBy: 'Test strapi-super-admin' });
    expect((await rowOf(id)).cells.en.stale).toBe(false);
    // the text was not touched
    const en = await articles().findOne({ documentId: id, locale: 'en' });
    expect(en.title).toBe('Changed EN');
  });
});

describe('recording through every client', () => {
  it('records a translation saved through the REST API, from the locale its X-Translated-From header names', async () => {
    const id = await story('REST', { ru: false });
    const token = await app.adminToken();
    const res = await app
      .http()
      .put(`/api/articles/${id}?locale=ru`)
      .set({ Authorization: `Bearer ${token}`, 'X-Translated-From': 'en' })
      .send({ data: { title: 'REST RU', summary: 'Резюме', body: paragraph('Первый абзац') } });
    expect(res.status).toBe(200);
    // the content API saves and publishes
    expect((await rowOf(id)).cells.ru).toMatchObject({ state: 'published', stale: false, translatedFrom: 'en' });
    // the English source changes: the Russian translation is stale, the original is not
    await app.http().put(`/api/articles/${id}?locale=en`).set({ Authorization: `Bearer ${token}` }).send({ data: { summary: 'A new summary' } }).expect(200);
    const row = await rowOf(id);
    expect(row.cells.ru).toMatchObject({ stale: true, changedFields: ['summary'] });
    expect(row.cells['zh-Hans'].stale).toBe(false);
  });

  it('a browser client on another origin may send X-Translated-From (CORS preflight)', async () => {
    const res = await app
      .http()
      .options('/api/articles/any?locale=ru')
      .set({ Origin: 'https://desk.example.org', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization, content-type, x-translated-from' });
    expect(res.status).toBe(204);
    expect(String(res.headers['access-control-allow-headers']).toLowerCase().split(/\s*,\s*/)).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-translated-from']));
  });

  it('records a translation created in the Content Manager (admin API), from the original by default', async () => {
    const id = await story('Admin');
    const res = await app.http().put(`/content-manager/collection-types/${ARTICLE_UID}/${id}?locale=ru`).set(superAdmin).send({ title: 'Admin RU', summary: 'Резюме' });
    expect(res.status).toBe(200);
    expect((await rowOf(id)).cells.ru).toMatchObject({ state: 'draft', stale: false, translatedFrom: 'zh-Hans' });
    // a new translation of an already changed source is not stale; a later change of the source makes it so
    await app.http().put(`/content-manager/collection-types/${ARTICLE_UID}/${id}?locale=zh-Hans`).set(superAdmin).send({ summary: '新摘要' }).expect(200);
    expect((await rowOf(id)).cells.ru).toMatchObject({ stale: true, changedFields: ['summary'] });
  });

  it('records versions written by the set-based import (no Document Service), in the import’s transaction', async () => {
    const summary = await seed(app.strapi, { bulk: true });
    expect(summary.problems).toEqual([]);
    const reference = await app.strapi.db.query(ARTICLE_UID).findOne({ where: { key: 'lnu-innovation-entrepreneurship-seminar-2025', locale: 'en' } });
    const row = await rowOf(reference.documentId);
    expect(row.source).toBe('zh-Hans');
    for (const locale of ['en', 'ru']) expect(row.cells[locale]).toMatchObject({ state: 'published', stale: false, translatedFrom: 'zh-Hans' });
    // all its locales were written at once: the default locale's is the original
    expect(row.cells['zh-Hans']).toMatchObject({ state: 'published', translatedFrom: null });
    const institutions = await app.http().get('/translation-desk/status').query({ type: INSTITUTION_UID, pageSize: 200 }).set(superAdmin);
    expect(institutions.status).toBe(200);
    expect(institutions.body.meta.pagination.total).toBeGreaterThanOrEqual(20);
    expect(institutions.body.counts.en.missing).toBe(0);
  });

  it('records at start-up what was written behind the Document Service’s back (reconcile)', async () => {
    const id = await story('Behind');
    const table = (app.strapi.db.metadata.get(ARTICLE_UID) as any).tableName;
    // a script rewrites the source's draft directly, and removes the translation's record
    await app.strapi.db.connection(table).where({ document_id: id, locale: 'zh-Hans', published_at: null }).update({ title: 'Behind 中文 改', updated_at: new Date(Date.now() + 1000) });
    await app.strapi.db.query('plugin::translation-desk.translation-record' as never).deleteMany({ where: { entryDocumentId: id, entryLocale: 'en' } });
    // the page reads the stored summary, which nothing behind the desk's back touches: as it was
    const before = await rowOf(id);
    expect(before.title).toBe('Behind 中文');
    expect(before.cells.en).toMatchObject({ translatedFrom: 'zh-Hans' });
    expect(await app.strapi.plugin('translation-desk').service('records').reconcile(ARTICLE_UID)).toBeGreaterThanOrEqual(1);
    const row = await rowOf(id);
    expect(row.title).toBe('Behind 中文 改');
    // the record is made again from the versions as they are: en was written after zh-Hans
    expect(row.cells.en).toMatchObject({ translatedFrom: 'zh-Hans', stale: false });
    expect(await storedMatchesComputed()).toEqual({ missing: [], extra: [], different: [] });
  });

  it('start-up rebuilds summaries that are missing, left over, or computed from other versions', async () => {
    const id = await story('Summaries', { ru: true });
    const gone = await story('Summary of a gone document');
    const table = (app.strapi.db.metadata.get(ARTICLE_UID) as any).tableName;
    const summaries = app.strapi.db.query('plugin::translation-desk.translation-summary' as never);
    // a script publishes ru directly (a new published row: the draft and its record do not change),
    // deletes a whole document, and someone empties the summaries of a third
    const draft = await app.strapi.db.connection(table).where({ document_id: id, locale: 'ru', published_at: null }).first();
    const { id: _rowId, ...copy } = draft;
    await app.strapi.db.connection(table).insert({ ...copy, published_at: new Date(), updated_at: draft.updated_at });
    await app.strapi.db.connection(table).where({ document_id: gone }).delete();
    const third = await story('Summary removed');
    await summaries.deleteMany({ where: { entryDocumentId: third } });
    expect((await rowOf(id)).cells.ru.state).toBe('draft');
    expect(await app.strapi.plugin('translation-desk').service('records').reconcile(ARTICLE_UID)).toBeGreaterThanOrEqual(3);
    expect((await rowOf(id)).cells.ru.state).toBe('published');
    expect(await summaries.findMany({ where: { entryDocumentId: gone } })).toEqual([]);
    expect((await rowOf(third)).cells['zh-Hans'].state).toBe('draft');
    expect(await storedMatchesComputed()).toEqual({ missing: [], extra: [], different: [] });
    // and nothing more to do
    expect(await app.strapi.plugin('translation-desk').service('records').reconcile(ARTICLE_UID)).toBe(0);
  });

  it('deletes the records with the locale version and with the document', async () => {
    const id = await story('Deleted', { ru: true });
    const recordsOf = () => app.strapi.db.query('plugin::translation-desk.translation-record' as never).findMany({ where: { entryDocumentId: id } });
    expect((await recordsOf()).map((record: any) => record.entryLocale).sort()).toEqual(['en', 'ru', 'zh-Hans']);
    await articles().delete({ documentId: id, locale: 'ru' });
    expect((await recordsOf()).map((record: any) => record.entryLocale).sort()).toEqual(['en', 'zh-Hans']);
    await articles().delete({ documentId: id, locale: '*' });
    expect(await recordsOf()).toEqual([]);
  });

  it('keeps one record per version when writers record one document at once (unique index)', async () => {
    const id = await story('Concurrent');
    await app.strapi.db.query('plugin::translation-desk.translation-record' as never).deleteMany({ where: { entryDocumentId: id } });
    const records = app.strapi.plugin('translation-desk').service('records');
    await Promise.all(Array.from({ length: 8 }, () => records.recordDocuments(ARTICLE_UID, [id])));
    const rows = await app.strapi.db.query('plugin::translation-desk.translation-record' as never).findMany({ where: { entryDocumentId: id } });
    expect(rows.map((record: any) => record.entryLocale).sort()).toEqual(['en', 'zh-Hans']);
  });
});

describe('a record that fails', () => {
  it('never makes the write fail: the write commits, the error is logged, the next start’s reconcile repairs the record', async () => {
    const id = await story('Failing');
    const knex = app.strapi.db.connection;
    const errors: string[] = [];
    const log = app.strapi.log.error;
    app.strapi.log.error = ((message: string) => errors.push(String(message))) as any;
    await knex.schema.renameTable('translation_desk_records', 'translation_desk_records_away');
    try {
      await articles().update({ documentId: id, locale: 'zh-Hans', data: { title: 'Failing 中文 改' } });
    } finally {
      await knex.schema.renameTable('translation_desk_records_away', 'translation_desk_records');
      app.strapi.log.error = log;
    }
    expect((await articles().findOne({ documentId: id, locale: 'zh-Hans' })).title).toBe('Failing 中文 改');
    expect(errors).toEqual([expect.stringMatching(/^translation-desk: could not record api::article\.article .* after update \(the write is kept/)]);
    expect((await rowOf(id)).cells.en.stale).toBe(false);
    await app.strapi.plugin('translation-desk').service('records').reconcile(ARTICLE_UID);
    expect((await rowOf(id)).cells.en).toMatchObject({ stale: true, changedFields: ['title'] });
  });
});

describe('what is stale', () => {
  it('a relation-only change of the source does not make its translations stale', async () => {
    const id = await story('Relations');
    const institution = await documents(app.strapi, INSTITUTION_UID).create({ locale: 'zh-Hans', data: { name: '关系测试大学' } });
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { institutions: [institution.documentId], hostInstitution: institution.documentId, section: 'events', date: '2025-06-02' } });
    const row = await rowOf(id);
    expect(row.cells.en).toMatchObject({ stale: false, changedFields: [] });
  });

  it('a save of the source with the same watched text (whitespace, formatting aside) is not a change', async () => {
    const id = await story('Same text');
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { title: '  Same text 中文  ', body: [{ type: 'paragraph', children: [{ type: 'text', text: '正文第一段', bold: true }] }] } });
    expect((await rowOf(id)).cells.en.stale).toBe(false);
  });

  it('a translation saved with new text after its source changed is up to date; saved without text change it stays stale', async () => {
    const id = await story('Catch up');
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { summary: '摘要 改' } });
    await articles().update({ documentId: id, locale: 'en', data: { date: '2025-05-03' } });
    expect((await rowOf(id)).cells.en.stale).toBe(true);
    await articles().update({ documentId: id, locale: 'en', data: { summary: 'Summary, corrected' } });
    expect((await rowOf(id)).cells.en.stale).toBe(false);
  });

  it('cells: missing, draft, published and modified', async () => {
    const id = await story('States', { ru: true });
    await articles().publish({ documentId: id, locale: 'zh-Hans' });
    await articles().publish({ documentId: id, locale: 'en' });
    await articles().update({ documentId: id, locale: 'en', data: { summary: 'Edited after publishing' } });
    const cells = (await rowOf(id)).cells;
    expect([cells['zh-Hans'].state, cells.en.state, cells.ru.state]).toEqual(['published', 'modified', 'draft']);
    await articles().delete({ documentId: id, locale: 'ru' });
    expect((await rowOf(id)).cells.ru).toEqual({ state: 'missing', stale: false });
    // unpublished: a draft again
    await articles().unpublish({ documentId: id, locale: 'zh-Hans' });
    expect((await rowOf(id)).cells['zh-Hans'].state).toBe('draft');
  });
});

describe('the status table', () => {
  let ids: Record<string, string>;
  /** A fresh set of documents with a section of their own, so the other tests' documents do not count. */
  beforeAll(async () => {
    const make = async (name: string, date: string, { ru = false, publish = false, stale = false } = {}) => {
      const id = await story(`Table ${name}`, { ru, date, section: 'research' });
      if (publish) await articles().publish({ documentId: id, locale: '*' });
      if (stale) await articles().update({ documentId: id, locale: 'zh-Hans', data: { body: paragraph(`正文 ${name} 改`) } });
      return id;
    };
    ids = {
      a: await make('Alpha', '2025-01-10', { ru: true, publish: true }),
      b: await make('Beta', '2025-02-10', { stale: true }),
      c: await make('Gamma', '2025-03-10', { ru: true, stale: true }),
      d: await make('Delta', '2024-12-31'),
    };
  });
  // Only this block's documents: the section and the title's first word.
  const research = (query: Record<string, string | number> = {}) => status(superAdmin, { 'filters[section]': 'research', q: 'table ', ...query });

  it('lists one row per document, newest first, with counts per locale over the whole filtered set', async () => {
    const res = await research({ pageSize: 2 });
    expect(res.status).toBe(200);
    expect(res.body.data.map((row: any) => row.documentId)).toEqual([ids.c, ids.b]);
    expect(res.body.data[0]).toMatchObject({ title: 'Table Gamma 中文', date: '2025-03-10', source: 'zh-Hans' });
    expect(res.body.meta.pagination).toEqual({ page: 1, pageSize: 2, pageCount: 2, total: 4 });
    expect(res.body.counts).toEqual({
      'zh-Hans': { missing: 0, draft: 3, published: 1, modified: 0, stale: 0 },
      en: { missing: 0, draft: 3, published: 1, modified: 0, stale: 2 },
      ru: { missing: 2, draft: 1, published: 1, modified: 0, stale: 1 },
    });
    const second = await research({ pageSize: 2, page: 2 });
    expect(second.body.data.map((row: any) => row.documentId)).toEqual([ids.a, ids.d]);
  });

  it('filters: missing in a locale, stale (in a locale), date range, text', async () => {
    const idsOf = async (query: Record<string, string | number>) => {
      const res = await research(query);
      expect(res.status).toBe(200);
      return res.body.data.map((row: any) => row.documentId).sort();
    };
    expect(await idsOf({ missing: 'ru' })).toEqual([ids.b, ids.d].sort());
    expect(await idsOf({ stale: 'true' })).toEqual([ids.b, ids.c].sort());
    expect(await idsOf({ stale: 'true', locale: 'ru' })).toEqual([ids.c]);
    expect(await idsOf({ stale: 'false' })).toEqual([ids.a, ids.d].sort());
    expect(await idsOf({ from: '2025-01-01', to: '2025-02-28' })).toEqual([ids.a, ids.b].sort());
    expect(await idsOf({ q: 'TABLE GAMMA RU' })).toEqual([ids.c]);
    expect(await idsOf({ missing: 'ru', stale: 'true' })).toEqual([ids.b]);
    const counted = await research({ missing: 'ru' });
    expect(counted.body.counts.ru).toEqual({ missing: 2, draft: 0, published: 0, modified: 0, stale: 0 });
  });

  it('lists the covered types with their locales, filters and date field', async () => {
    const res = await app.http().get('/translation-desk/types').set(superAdmin);
    expect(res.status).toBe(200);
    const article = res.body.data.find((type: any) => type.uid === ARTICLE_UID);
    expect(article).toMatchObject({
      displayName: 'Article',
      locales: expect.arrayContaining(['zh-Hans', 'en', 'ru']),
      defaultLocale: 'zh-Hans',
      filters: [{ name: 'section', type: 'enumeration', values: ['news', 'media-coverage', 'notices', 'events', 'research'] }],
      date: 'date',
    });
    expect(res.body.data.map((type: any) => type.uid).sort()).toEqual(['api::article.article', 'api::institution.institution', 'api::source.source']);
  });

  it('runs the same number of queries for a few documents and for many', async () => {
    const count = async () => {
      // what earlier writes left running (their post-commit work) is not this request's
      await settle(app.strapi);
      return countQueries(app.strapi, async () => expect((await status(superAdmin, { pageSize: 10 })).status).toBe(200));
    };
    const small = await count();
    for (let i = 0; i < 40; i += 1) await story(`Many ${i}`, { ru: i % 2 === 0 });
    const large = await count();
    expect(large).toBe(small);
    // the admin's session, user, roles and permissions (4), the locales (1), the summaries (1)
    expect(small).toBeLessThanOrEqual(6);
  });
});

describe('the stored summaries (what the page reads)', () => {
  it('equal the ones computed from every version and record after each write of a random sequence through every client', async () => {
    const ids = [await story('Random A', { ru: true }), await story('Random B'), await story('Random C', { ru: true })];
    const locales = ['zh-Hans', 'en', 'ru'] as const;
    const token = await app.adminToken();
    const writes: Record<string, (id: string, locale: string) => Promise<unknown>> = {
      text: (id, locale) => articles().update({ documentId: id, locale, data: { title: `T ${random().toString(36).slice(2, 8)} ${locale}`, summary: `S ${random()}` } }),
      relationOnly: (id, locale) => articles().update({ documentId: id, locale, data: { section: pick(['news', 'events', 'media-coverage']), date: pick(['2025-01-02', '2025-07-08']) } }),
      publish: (id, locale) => articles().publish({ documentId: id, locale }),
      unpublish: (id, locale) => articles().unpublish({ documentId: id, locale }),
      discardDraft: (id, locale) => articles().discardDraft({ documentId: id, locale }),
      deleteLocale: (id, locale) => articles().delete({ documentId: id, locale }),
      review: (id, locale) => review(superAdmin, id, locale),
      createFrom: (id, locale) => createFrom(superAdmin, id, locale),
      rest: (id, locale) =>
        app
          .http()
          .put(`/api/articles/${id}?locale=${locale}`)
          .set({ Authorization: `Bearer ${token}`, 'X-Translated-From': pick(locales.filter((other) => other !== locale)) })
          .send({ data: { summary: `REST ${random()}` } }),
      contentManager: (id, locale) => app.http().put(`/content-manager/collection-types/${ARTICLE_UID}/${id}?locale=${locale}`).set(superAdmin).send({ summary: `CM ${random()}` }),
    };
    const names = Object.keys(writes);
    let done = 0;
    const failures: string[] = [];
    for (let step = 0; step < 60; step += 1) {
      const name = pick(names);
      const id = pick(ids);
      const locale = pick(locales);
      try {
        const res: any = await writes[name](id, locale);
        if (!res || res.status === undefined || res.status < 300) done += 1;
      } catch {
        // a write Strapi refuses (publishing a missing locale, deleting the last one…) changes nothing
      }
      const check = await storedMatchesComputed();
      if (check.missing.length + check.extra.length + check.different.length > 0) failures.push(`after ${name} ${locale} of ${id}: ${JSON.stringify(check)}`);
    }
    expect(failures).toEqual([]);
    expect(done).toBeGreaterThanOrEqual(20);
  });

  it('two transactions writing two locales of one document at once leave the summary both wrote (PostgreSQL: one waits for the other)', async () => {
    const table = (app.strapi.db.metadata.get(ARTICLE_UID) as any).tableName;
    const records = app.strapi.plugin('translation-desk').service('records');
    const postgres = app.strapi.db.dialect.client === 'postgres';
    // straight to the records service inside two transactions (not through the app's per-document
    // write lock): each changes its locale's draft, waits until the other has done the same, then
    // records. Without the desk's own lock, each would compute the summary from the other's old
    // version and the last to commit would win. Five rounds, five documents.
    for (let round = 0; round < 5; round += 1) {
      const id = await story(`Concurrent ${round}`, { ru: true });
      let release!: () => void;
      const barrier = new Promise<void>((resolve) => (release = resolve));
      let arrived = 0;
      await Promise.all(
        (['en', 'ru'] as const).map((locale) =>
          app.strapi.db.transaction(async ({ trx }: any) => {
            await trx(table).where({ document_id: id, locale, published_at: null }).update({ title: `Concurrent ${round} ${locale} changed`, updated_at: new Date() });
            arrived += 1;
            if (arrived === 2) release();
            // (SQLite: one transaction at a time; the second starts when the first has committed)
            if (postgres) await Promise.race([barrier, new Promise((resolve) => setTimeout(resolve, 2000))]);
            await records.recordDocuments(ARTICLE_UID, [id]);
          })
        )
      );
      const row = await rowOf(id);
      expect(row.title).toBe(`Concurrent ${round} 中文`);
      expect([row.cells.en.updatedAt, row.cells.ru.updatedAt].every(Boolean)).toBe(true);
    }
    expect(await storedMatchesComputed()).toEqual({ missing: [], extra: [], different: [] });
  });

  it('locks documents by their summary rows, not PostgreSQL’s lock table: thousands in one transaction', async () => {
    const records = app.strapi.plugin('translation-desk').service('records');
    const postgres = app.strapi.db.dialect.client === 'postgres';
    const advisoryLocks = async (trx: any) =>
      postgres ? Number((await trx.raw("select count(*) as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()")).rows[0].n) : 0;
    // 7,000 ids of documents that do not exist: each is locked (an empty summary row, upserted)
    // and, having no version, left without a summary. 7,000 advisory locks in one transaction ran
    // out of PostgreSQL's shared lock table ("out of shared memory").
    const many = Array.from({ length: 7000 }, (_, index) => `nonexistent${String(index).padStart(6, '0')}`);
    const held = await app.strapi.db.transaction(async ({ trx }: any) => {
      await records.recordDocuments(ARTICLE_UID, many);
      return advisoryLocks(trx);
    });
    expect(held).toBe(0);
    const freshHeld = await app.strapi.db.transaction(async ({ trx }: any) => {
      expect(await records.recordSafely(ARTICLE_UID, many, { fresh: true })).toBe(true);
      return advisoryLocks(trx);
    });
    expect(freshHeld).toBe(0);
    expect(await app.strapi.db.query('plugin::translation-desk.translation-summary' as never).count({ where: { entryDocumentId: { $startsWith: 'nonexistent' } } })).toBe(0);
    expect(await storedMatchesComputed()).toEqual({ missing: [], extra: [], different: [] });
  });

  it('start-up builds missing summaries even without reconcileOnStart (the records are left alone)', async () => {
    const id = await story('No reconcile');
    const summaries = app.strapi.db.query('plugin::translation-desk.translation-summary' as never);
    await summaries.deleteMany({ where: { entryDocumentId: id } });
    await app.strapi.db.query('plugin::translation-desk.translation-record' as never).deleteMany({ where: { entryDocumentId: id, entryLocale: 'en' } });
    expect(await rowOf(id)).toBeUndefined();
    expect(await app.strapi.plugin('translation-desk').service('records').reconcile(ARTICLE_UID, { records: false })).toBeGreaterThanOrEqual(1);
    const row = await rowOf(id);
    expect(row.title).toBe('No reconcile 中文');
    // the en record was not made again: it is shown as a version with no record (not a translation)
    expect(row.cells.en).toMatchObject({ state: 'draft', translatedFrom: null });
    expect(await app.strapi.plugin('translation-desk').service('records').reconcile(ARTICLE_UID)).toBeGreaterThanOrEqual(1);
    expect((await rowOf(id)).cells.en).toMatchObject({ translatedFrom: 'zh-Hans' });
  });

  it('the desk’s tables are not in the GraphQL API, even for a full-access token', async () => {
    const token = await app.adminToken();
    for (const field of ['translationSummaries', 'translationRecords']) {
      const res = await app.http().post('/graphql').set({ Authorization: `Bearer ${token}` }).send({ query: `{ ${field} { documentId } }` });
      expect([field, res.status, res.body?.errors?.[0]?.message]).toEqual([field, 400, expect.stringContaining(`Cannot query field "${field}"`)]);
    }
  });

  it('the sources and institutions have their summaries too', async () => {
    expect(await storedMatchesComputed(INSTITUTION_UID)).toEqual({ missing: [], extra: [], different: [] });
  });
});

describe('create from the source', () => {
  it('creates the missing draft from the original’s localized fields, recorded as translated from it; 409 when it exists', async () => {
    const id = await story('Create');
    const res = await createFrom(superAdmin, id, 'ru');
    expect([res.status, res.body]).toEqual([201, { data: { documentId: id, locale: 'ru' } }]);
    const ru = await articles().findOne({ documentId: id, locale: 'ru' });
    expect(ru).toMatchObject({ title: 'Create 中文', summary: '摘要', section: 'news', date: '2025-05-01' });
    expect(ru.slug).toBeTruthy();
    expect((await rowOf(id)).cells.ru).toMatchObject({ state: 'draft', stale: false, translatedFrom: 'zh-Hans' });
    const again = await createFrom(superAdmin, id, 'ru');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/exists already/);
  });

  it('creates from another locale when asked (from)', async () => {
    const id = await story('Create from en');
    expect((await createFrom(superAdmin, id, 'ru', { from: 'en' })).status).toBe(201);
    expect((await articles().findOne({ documentId: id, locale: 'ru' })).title).toBe('Create from en EN');
    expect((await rowOf(id)).cells.ru.translatedFrom).toBe('en');
  });
});

describe('permissions', () => {
  let id: string;
  beforeAll(async () => {
    id = await story('Permissions');
  });

  it('no token: 401 on every route', async () => {
    for (const res of [
      await app.http().get('/translation-desk/types'),
      await app.http().get('/translation-desk/status').query({ type: ARTICLE_UID }),
      await app.http().get(`/translation-desk/documents/${ARTICLE_UID}/${id}/en`),
      await app.http().post(`/translation-desk/documents/${ARTICLE_UID}/${id}/en/review`),
      await app.http().post(`/translation-desk/documents/${ARTICLE_UID}/${id}/ru/create`),
    ]) {
      expect(res.status).toBe(401);
    }
  });

  it('an admin without the plugin’s read permission: 403', async () => {
    const editor = await adminLogin(app, 'strapi-editor');
    expect((await status(editor)).status).toBe(403);
    expect((await app.http().get('/translation-desk/types').set(editor)).status).toBe(403);
    expect((await detail(editor, id, 'en')).status).toBe(403);
    expect((await review(editor, id, 'en')).status).toBe(403);
  });

  it('an Author with the plugin’s permission sees only what the Content Manager lets it read, and changes only its own', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
    await app.strapi.service('admin::role').addPermissions(role.id, [{ action: 'plugin::translation-desk.read', subject: null, properties: {}, conditions: [] }]);
    const author = await adminLogin(app, 'strapi-author');
    const created = await app.http().post(`/content-manager/collection-types/${ARTICLE_UID}?locale=zh-Hans`).set(author).send({ title: 'Author 自己的', section: 'notices', date: '2025-07-01' });
    expect(created.status).toBe(201);
    const own = created.body.data.documentId as string;
    const res = await status(author, { pageSize: 200 });
    expect(res.status).toBe(200);
    expect(res.body.data.map((row: any) => row.documentId)).toEqual([own]);
    expect(res.body.meta.pagination.total).toBe(1);
    // another admin's document: 403 for its detail and its review, even with the plugin's permission
    expect((await detail(author, id, 'en')).status).toBe(403);
    expect((await review(author, id, 'en')).status).toBe(403);
    // its own: readable, and it may create the translation
    expect((await detail(author, own, 'zh-Hans')).status).toBe(200);
    expect((await createFrom(author, own, 'en')).status).toBe(201);
    const after = await status(author, { pageSize: 200 });
    expect(after.body.data[0].cells.en).toMatchObject({ state: 'draft', translatedFrom: 'zh-Hans' });
    // the super admin sees both
    const all = (await status(superAdmin, { pageSize: 200 })).body.data.map((row: any) => row.documentId);
    expect(all).toEqual(expect.arrayContaining([own, id]));
  });
});

describe('who may create an edition', () => {
  /** A role with the Editor's article permissions, create and update limited to `creatable` locales, and the desk's read. */
  const roleCreatingIn = async (creatable: string[]) => {
    const editor = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    const permissions = await app.strapi.db.query('admin::permission').findMany({ where: { role: editor.id, subject: ARTICLE_UID } });
    const role = await app.strapi.service('admin::role').create({ name: `Creates in ${creatable.join(', ') || 'nothing'} ${Math.random()}`, description: 'test' });
    await app.strapi.service('admin::role').assignPermissions(role.id, [
      ...permissions
        .filter((permission: any) => permission.action !== 'plugin::content-manager.explorer.create' || creatable.length > 0)
        .map((permission: any) => ({
          action: permission.action,
          subject: permission.subject,
          properties: ['plugin::content-manager.explorer.create', 'plugin::content-manager.explorer.update'].includes(permission.action) ? { ...permission.properties, locales: creatable } : permission.properties,
          conditions: [],
        })),
      { action: 'plugin::translation-desk.read', subject: null, properties: {}, conditions: [] },
    ]);
    return adminLogin(app, role.code as never);
  };
  const creatableOf = async (headers: Headers) => {
    const res = await app.http().get('/translation-desk/types').set(headers);
    expect(res.status).toBe(200);
    return res.body.data.find((type: any) => type.uid === ARTICLE_UID).creatableLocales;
  };

  it('/types names the locales whose missing editions the admin may create, and create agrees', async () => {
    expect([...(await creatableOf(superAdmin))].sort()).toEqual(['en', 'ru', 'zh-Hans']);

    const ruOnly = await roleCreatingIn(['ru']);
    expect(await creatableOf(ruOnly)).toEqual(['ru']);
    const id = await story('Who creates');
    const en = await articles().findOne({ documentId: id, locale: 'en' });
    await articles().delete({ documentId: id, locale: 'en' });
    expect(en).toBeTruthy();
    const refused = await createFrom(ruOnly, id, 'en');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/may not create .* in en/);
    expect((await rowOf(id)).cells.en.state).toBe('missing');
    expect((await createFrom(ruOnly, id, 'ru')).status).toBe(201);

    const readOnly = await roleCreatingIn([]);
    expect(await creatableOf(readOnly)).toEqual([]);
    expect((await createFrom(readOnly, id, 'en')).status).toBe(403);
  });
});

describe('text the admin may not read', () => {
  it('a translation’s diff and a document’s title never show a source version the admin may not read in the Content Manager', async () => {
    // The Author's own en translation of another admin's zh-Hans original (the Author may not read it).
    const id = await story('Withheld');
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
    await app.strapi.service('admin::role').addPermissions(role.id, [{ action: 'plugin::translation-desk.read', subject: null, properties: {}, conditions: [] }]);
    const author = await adminLogin(app, 'strapi-author');
    const me = (await app.http().get('/admin/users/me').set(author)).body.data;
    await articles().update({ documentId: id, locale: 'en', data: { title: 'The Author’s English', summary: 'Summary', createdBy: me.id, updatedBy: me.id } as any });
    await articles().update({ documentId: id, locale: 'zh-Hans', data: { title: '秘密的新标题' } });

    const own = await detail(author, id, 'en');
    expect(own.status).toBe(200);
    expect(own.body.data).toMatchObject({ stale: true, translatedFrom: 'zh-Hans', changedFields: ['title'], diff: [], diffWithheld: true });
    expect(JSON.stringify(own.body)).not.toContain('秘密');
    // the super admin, who may read the original, gets the diff
    const full = await detail(superAdmin, id, 'en');
    expect(full.body.data.diff).toEqual([expect.objectContaining({ field: 'title', after: '秘密的新标题' })]);
    expect(full.body.data.diffWithheld).toBeUndefined();

    // the status row: the title of the edition it may read; the search looks in those only
    const row = (await status(author, { pageSize: 200 })).body.data.find((item: any) => item.documentId === id);
    expect(row).toMatchObject({ title: 'The Author’s English', source: 'zh-Hans' });
    expect(row.cells.en).toMatchObject({ stale: true });
    expect((await status(author, { q: '秘密' })).body.meta.pagination.total).toBe(0);
    expect((await status(superAdmin, { q: '秘密' })).body.data.map((item: any) => item.documentId)).toEqual([id]);
  });
});

describe('bad input', () => {
  const pathsOf = (res: any) => res.body.error.details.errors.map((error: any) => error.path);

  it('a status query with bad values: 400 naming each bad parameter', async () => {
    const res = await status(superAdmin, { page: 0, pageSize: 'many', missing: 'fr', stale: 'maybe', locale: 'xx', from: '2025-13-01', 'filters[section]': 'gossip', 'filters[title]': 'x', sort: 'date' });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('ValidationError');
    expect(pathsOf(res)).toEqual(
      expect.arrayContaining([['page'], ['pageSize'], ['missing'], ['stale'], ['locale'], ['from'], ['filters', 'section'], ['filters', 'title'], ['sort']])
    );
  });

  it('a parameter given twice, a page too large, from after to: 400', async () => {
    const twice = await app.http().get(`/translation-desk/status?type=${ARTICLE_UID}&missing=ru&missing=en`).set(superAdmin);
    expect([twice.status, pathsOf(twice)]).toEqual([400, [['missing']]]);
    expect(pathsOf(await status(superAdmin, { pageSize: 100000 }))).toEqual([['pageSize']]);
    expect(pathsOf(await status(superAdmin, { from: '2025-02-01', to: '2025-01-01' }))).toEqual([['to']]);
  });

  it('no type: 400; an unknown type or document: 404; a bad locale: 400', async () => {
    const none = await app.http().get('/translation-desk/status').set(superAdmin);
    expect([none.status, pathsOf(none)]).toEqual([400, [['type']]]);
    expect((await status(superAdmin, { type: 'api::nothing.nothing' })).status).toBe(404);
    expect((await app.http().get(`/translation-desk/documents/api::nothing.nothing/abc/en`).set(superAdmin)).status).toBe(404);
    expect((await detail(superAdmin, 'nosuchdocument', 'en')).status).toBe(404);
    const id = await story('Bad input');
    const locale = await detail(superAdmin, id, 'fr');
    expect([locale.status, pathsOf(locale)]).toEqual([400, [['locale']]]);
    const from = await createFrom(superAdmin, id, 'ru', { from: 'ru', extra: 1 });
    expect([from.status, pathsOf(from).sort()]).toEqual([400, [['extra'], ['from']]]);
    const original = await review(superAdmin, id, 'zh-Hans');
    expect([original.status, pathsOf(original)]).toEqual([400, [['locale']]]);
    expect((await review(superAdmin, id, 'ru')).status).toBe(404);
  });
});
