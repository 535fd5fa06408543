import { fieldName } from '../../src/plugins/reprint-attribution/server/src/domain/messages';
import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, documents } from '../helpers/fixtures';
import { countQueries } from '../helpers/query-counter';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The Content Manager's list at a glance (#17): the column's status of each row's draft and
 * published version, computed by the rules the content API and the report use, and the list's
 * attribution filter, applied to the Content Manager's own list.
 */
const REFERENCE = 'lnu-innovation-entrepreneurship-seminar-2025';
const STATUSES = ['expired', 'incomplete', 'expiring', 'complete'] as const;
const LOCALES = ['zh-Hans', 'en', 'ru'] as const;
type Headers = { Authorization: string };

let app: TestApp;
let superAdmin: Headers;
let superAdminZh: Headers;
let author: Headers;
let referenceId: string;
let sourceId: string;
const ids: Record<string, string> = {};

const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);
const complete = (overrides: Record<string, unknown> = {}) => ({
  isReprint: true,
  originalTitle: 'Original headline',
  originalUrl: 'https://www.ln.chinanews.com.cn/news/list-status.shtml',
  originalPublishedAt: '2025-03-20',
  originalLanguage: 'zh-Hans',
  originalAuthors: 'Zhang San',
  reprintType: 'translation',
  license: 'statutory-news-exception',
  ...overrides,
});

const status = (headers: Headers, documentIds: string[], locale = 'en') =>
  app.http().post('/reprint-attribution/status').set(headers).send({ contentType: ARTICLE_UID, documentIds, locale });
const listFilter = (headers: Headers, filter: string, { locale = 'en', view }: { locale?: string; view?: string } = {}) =>
  app
    .http()
    .get('/reprint-attribution/list-filter')
    .query({ contentType: ARTICLE_UID, filter, locale, ...(view ? { status: view } : {}) })
    .set(headers);
/** The Content Manager's own list, as the admin asks for it (its URL's filters, its locale). */
const cmList = (headers: Headers, query: string) => app.http().get(`/content-manager/collection-types/${ARTICLE_UID}?${query}`).set(headers);
const attributionFilter = (value: string, index = 0) => `filters[$and][${index}][__attribution][$eq]=${value}`;
const publishedView = (index = 1) => `filters[$and][${index}][__status][$eq]=published`;
const sorted = (values: string[]) => [...values].sort();

/** A published version changed behind the rules' back (an import, a script): as readers get it. */
const tamperPublished = async (documentId: string, locale: string, change: { source?: null; reprint?: Record<string, unknown> }) => {
  const row = await app.strapi.db.query(ARTICLE_UID).findOne({ where: { documentId, locale, publishedAt: { $notNull: true } }, populate: { reprint: true } });
  if (change.source === null) await app.strapi.db.query(ARTICLE_UID).update({ where: { id: row.id }, data: { source: null } });
  if (change.reprint) await app.strapi.db.query('attribution.reprint' as never).update({ where: { id: row.reprint.id }, data: change.reprint });
};

beforeAll(async () => {
  app = await startTestApp();
  await seed(app.strapi);
  superAdmin = await adminLogin(app);
  superAdminZh = await adminLogin(app, 'strapi-super-admin', { preferedLanguage: 'zh-Hans' });
  author = await adminLogin(app, 'strapi-author');
  referenceId = (await app.strapi.db.query(ARTICLE_UID).findOne({ where: { key: REFERENCE } })).documentId;
  sourceId = (await app.strapi.db.query('api::source.source').findOne({ where: { key: 'china-news-network-liaoning' } })).documentId;

  const create = async (name: string, data: Record<string, unknown>, publish: boolean) => {
    const created = await documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: `List ${name}`, date: '2025-04-01', ...data } });
    if (publish) await documents(app.strapi, ARTICLE_UID).publish({ documentId: created.documentId, locale: 'en' });
    ids[name] = created.documentId;
  };
  // the case: published complete, then its live version lost its source (draft still complete)
  await create('liveLostSource', { source: sourceId, reprint: complete() }, true);
  await tamperPublished(ids.liveLostSource, 'en', { source: null });
  await create('draftIncomplete', { reprint: { isReprint: true, originalTitle: 'Only a title' } }, false);
  const permission = (expires: string) => complete({ license: 'all-rights-reserved-with-permission', permissionGrantedBy: 'Rights desk', permissionExpiresAt: expires });
  await create('expiring', { source: sourceId, reprint: permission(day(10)) }, true);
  await create('expired', { source: sourceId, reprint: permission(day(200)) }, true);
  await tamperPublished(ids.expired, 'en', { reprint: { permissionExpiresAt: day(-3) } });
  await create('complete', { source: sourceId, reprint: complete() }, true);
  await create('own', { reprint: { isReprint: false } }, true);
});

afterAll(async () => {
  await app?.stop();
});

describe('the list column (POST /reprint-attribution/status)', () => {
  it('shows the published version as well as the draft: a live version without its source is incomplete, as the content API and the report say', async () => {
    const res = await status(superAdmin, [ids.liveLostSource, ids.complete, ids.own]);
    expect(res.status).toBe(200);
    expect(res.body.data[ids.liveLostSource]).toMatchObject({
      isReprint: true,
      complete: true,
      status: 'complete',
      missingLabels: [],
      published: { isReprint: true, complete: false, status: 'incomplete', missing: ['source'], missingLabels: ['Source'] },
    });
    expect(res.body.data[ids.complete]).toMatchObject({ complete: true, published: { complete: true } });
    expect(res.body.data[ids.own]).toMatchObject({ isReprint: false, status: null, published: { isReprint: false } });
    expect(res.body.meta).toEqual({ today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expiringWithinDays: 30 });

    // the same verdict as readers' attribution and the report's
    const live = await app.http().get(`/api/reprint-attribution/article/${ids.liveLostSource}?locale=en`);
    expect(live.body.data).toMatchObject({ complete: false, missing: ['source'] });
    const report = await app.http().get('/reprint-attribution/report').set(superAdmin);
    expect(report.body.data.reprints.find((row: any) => row.documentId === ids.liveLostSource && row.locale === 'en')).toMatchObject({ status: 'incomplete', missing: ['source'] });
  });

  it('names what is missing as the form does, in the admin’s language', async () => {
    const en = (await status(superAdmin, [ids.draftIncomplete])).body.data[ids.draftIncomplete];
    expect(en).toMatchObject({ complete: false, status: 'incomplete', published: null });
    expect(en.missing).toEqual(['source', 'reprint.originalUrl', 'reprint.originalPublishedAt', 'reprint.reprintType', 'reprint.license']);
    // the checklist's and refusals' words for the form's fields (domain/messages.ts)
    const requirements = ['source', 'originalUrl', 'originalPublishedAt', 'reprintType', 'license'];
    expect(en.missingLabels).toEqual(requirements.map((key) => fieldName(key, 'en')));
    expect(en.missingLabels.slice(0, 2)).toEqual(['Source', 'Original URL']);
    const zh = (await status(superAdminZh, [ids.draftIncomplete, ids.liveLostSource])).body.data;
    expect(zh[ids.draftIncomplete].missingLabels).toEqual(requirements.map((key) => fieldName(key, 'zh-Hans')));
    expect(zh[ids.draftIncomplete].missingLabels.slice(0, 2)).toEqual(['来源', '原文网址']);
    expect(zh[ids.liveLostSource].published.missingLabels).toEqual(['来源']);
  });

  it('gives the permission’s end by the report’s rules', async () => {
    const res = await status(superAdmin, [ids.expiring, ids.expired]);
    // days are counted in the newsroom's time zone, whose today may be the UTC date's next day
    const daysFrom = (date: string) => Math.round((Date.parse(date) - Date.parse(res.body.meta.today)) / 86400000);
    const data = res.body.data;
    expect(data[ids.expiring]).toMatchObject({ status: 'expiring', permission: { expiresAt: day(10), daysLeft: daysFrom(day(10)) }, published: { status: 'expiring' } });
    expect(data[ids.expired]).toMatchObject({ status: 'complete', published: { status: 'expired', complete: false, permission: { expiresAt: day(-3), daysLeft: daysFrom(day(-3)) } } });
  });

  it('reads a page in a constant number of queries, whatever its size', async () => {
    const all = Object.values(ids);
    expect(await countQueries(app.strapi, () => status(superAdmin, all.slice(0, 2)))).toBe(await countQueries(app.strapi, () => status(superAdmin, all)));
  });

  it('shows an Author only its own documents, and their status', async () => {
    const created = await app
      .http()
      .post(`/content-manager/collection-types/${ARTICLE_UID}?locale=en`)
      .set(author)
      .send({ title: 'Author’s reprint', date: '2025-04-02', reprint: { isReprint: true, originalTitle: 'Theirs' } });
    expect(created.status).toBe(201);
    ids.authors = created.body.data.documentId;
    const res = await status(author, [ids.authors, ids.liveLostSource, referenceId]);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data)).toEqual([ids.authors]);
    expect(res.body.data[ids.authors]).toMatchObject({ complete: false, missingLabels: expect.arrayContaining(['Source', 'Original URL']) });
  });
});

describe('field permissions', () => {
  /** An admin whose role reads articles, but not `hidden` (fields as the role's permissions name them). */
  const withoutFields = async (hidden: (field: string) => boolean) => {
    const editor = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    const read = await app.strapi.db
      .query('admin::permission')
      .findOne({ where: { role: editor.id, action: 'plugin::content-manager.explorer.read', subject: ARTICLE_UID } });
    const fields: string[] = read.properties.fields;
    expect(fields.some(hidden)).toBe(true);
    const role = await app.strapi.service('admin::role').create({ name: `List without ${fields.find(hidden)} ${Math.random()}`, description: 'test' });
    await app.strapi.service('admin::role').assignPermissions(role.id, [
      { action: 'plugin::content-manager.explorer.read', subject: ARTICLE_UID, properties: { fields: fields.filter((field) => !hidden(field)), locales: ['en', 'zh-Hans', 'ru'] }, conditions: [] },
    ]);
    return adminLogin(app, role.code as never);
  };

  it.each([
    ['the reprint', (field: string) => field.startsWith('reprint.')],
    ['the source', (field: string) => field === 'source'],
  ])('a role that may not read %s field learns nothing of it: a 403 that says why, from the column and the filter', async (_name, hidden) => {
    const headers = await withoutFields(hidden);
    const column = await status(headers, [ids.draftIncomplete, ids.expired]);
    expect([column.status, column.body]).toEqual([403, { data: null, error: expect.objectContaining({ message: expect.stringMatching(/^Your role may not read .+ ask an administrator to let the role read these fields$/) }) }]);
    expect(column.body.data ?? null).toBeNull();
    const viaRoute = await listFilter(headers, 'incomplete');
    expect(viaRoute.status).toBe(403);
    expect(viaRoute.body.data ?? null).toBeNull();
    const list = await cmList(headers, `locale=en&${attributionFilter('incomplete')}`);
    expect(list.status).toBe(403);
    expect(list.body.results).toBeUndefined();
    // the list itself, unfiltered, is the Content Manager's as before
    expect((await cmList(headers, 'locale=en')).status).toBe(200);
  });
});

describe('the list filter', () => {
  it('keeps, in the published view, exactly the report’s published reprints of that status, in every locale', async () => {
    const report = (await app.http().get('/reprint-attribution/report').set(superAdmin)).body.data.reprints as any[];
    for (const locale of LOCALES) {
      for (const filter of STATUSES) {
        const res = await listFilter(superAdmin, filter, { locale, view: 'published' });
        expect(res.status).toBe(200);
        const expected = report.filter((row) => row.contentType === ARTICLE_UID && row.locale === locale && row.status === filter).map((row) => row.documentId);
        expect([locale, filter, sorted(res.body.data.documentIds)]).toEqual([locale, filter, sorted(expected)]);
      }
    }
    // the fixtures cover every status
    const en = (filter: string) => report.filter((row) => row.locale === 'en' && row.status === filter).map((row) => row.documentId);
    expect(en('incomplete')).toContain(ids.liveLostSource);
    expect(en('expired')).toContain(ids.expired);
    expect(en('expiring')).toContain(ids.expiring);
    expect(en('complete')).toContain(ids.complete);
  });

  it('sees drafts and published versions in the default view: the live version that lost its source is incomplete', async () => {
    const incomplete = (await listFilter(superAdmin, 'incomplete')).body.data.documentIds;
    expect(incomplete).toEqual(expect.arrayContaining([ids.liveLostSource, ids.draftIncomplete, ids.authors]));
    expect(incomplete).not.toContain(ids.complete);
    expect(incomplete).not.toContain(ids.own);
    expect((await listFilter(superAdmin, 'complete')).body.data.documentIds).not.toContain(ids.liveLostSource);
    // the published view leaves out what was never published
    expect((await listFilter(superAdmin, 'incomplete', { view: 'published' })).body.data.documentIds).not.toContain(ids.draftIncomplete);
  });

  it('filters the Content Manager’s own list, with its counts and pagination, in each view', async () => {
    const expected = sorted((await listFilter(superAdmin, 'incomplete')).body.data.documentIds);
    const res = await cmList(superAdmin, `locale=en&pageSize=100&${attributionFilter('incomplete')}`);
    expect(res.status).toBe(200);
    expect(sorted(res.body.results.map((row: any) => row.documentId))).toEqual(expected);
    expect(res.body.pagination.total).toBe(expected.length);
    // one row per page: Strapi's pagination over the filtered list
    const page = await cmList(superAdmin, `locale=en&page=2&pageSize=1&sort=title:ASC&${attributionFilter('incomplete')}`);
    expect(page.body.pagination).toMatchObject({ page: 2, pageSize: 1, total: expected.length });
    expect(page.body.results).toHaveLength(1);

    const published = await cmList(superAdmin, `locale=en&pageSize=100&${attributionFilter('incomplete')}&${publishedView()}`);
    expect(published.status).toBe(200);
    expect(sorted(published.body.results.map((row: any) => row.documentId))).toEqual(sorted((await listFilter(superAdmin, 'incomplete', { view: 'published' })).body.data.documentIds));
    expect(published.body.results.every((row: any) => row.publishedAt)).toBe(true);

    // another locale: the filter is computed for that locale's versions
    const zh = await cmList(superAdmin, `locale=zh-Hans&pageSize=100&${attributionFilter('complete')}`);
    expect(zh.status).toBe(200);
    expect(sorted(zh.body.results.map((row: any) => row.documentId))).toEqual(sorted((await listFilter(superAdmin, 'complete', { locale: 'zh-Hans' })).body.data.documentIds));
    expect(zh.body.results.length).toBeGreaterThan(0);
    expect(zh.body.results.every((row: any) => row.locale === 'zh-Hans')).toBe(true);
  });

  it('shows an Author only its own documents', async () => {
    const viaRoute = (await listFilter(author, 'incomplete')).body.data.documentIds;
    expect(viaRoute).toEqual([ids.authors]);
    const res = await cmList(author, `locale=en&${attributionFilter('incomplete')}`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((row: any) => row.documentId)).toEqual([ids.authors]);
  });

  it('refuses what it does not know with a 400 naming the parameter', async () => {
    const paths = async (res: any) => {
      expect(res.status).toBe(400);
      return res.body.error.details.errors.map((error: any) => error.path);
    };
    expect(await paths(await listFilter(superAdmin, 'broken'))).toEqual([['filter']]);
    expect(await paths(await listFilter(superAdmin, 'incomplete', { view: 'archived', locale: 'not a locale' }))).toEqual([['locale'], ['status']]);
    expect(await paths(await app.http().get('/reprint-attribution/list-filter?contentType=api::source.source&filter=incomplete').set(superAdmin))).toEqual([['contentType']]);
    expect(await paths(await app.http().get('/reprint-attribution/list-filter?filter[$ne]=x&contentType=api::article.article').set(superAdmin))).toEqual([['filter']]);

    expect(await paths(await cmList(superAdmin, `locale=en&${attributionFilter('broken')}`))).toEqual([['filters', '$and', '0', '__attribution', '$eq']]);
    expect(await paths(await cmList(superAdmin, 'locale=en&filters[$and][0][title][$eq]=x&filters[$and][1][__attribution][$ne]=complete'))).toEqual([['filters', '$and', '1', '__attribution']]);
    const sources = await app.http().get(`/content-manager/collection-types/api::source.source?locale=en&${attributionFilter('complete')}`).set(superAdmin);
    expect(await paths(sources)).toEqual([['filters', '$and', '0', '__attribution']]);

    const post = (body: unknown) => app.http().post('/reprint-attribution/status').set(superAdmin).send(body as object);
    expect(await paths(await post({ contentType: 'api::source.source', documentIds: [] }))).toEqual([['contentType']]);
    expect(await paths(await post({ contentType: ARTICLE_UID, documentIds: 'all' }))).toEqual([['documentIds']]);
    expect(await paths(await post({ contentType: ARTICLE_UID, documentIds: [ids.complete, { $ne: null }] }))).toEqual([['documentIds', '1']]);
    expect(await paths(await post({ contentType: ARTICLE_UID, documentIds: Array.from({ length: 201 }, (_, i) => `d${i}`) }))).toEqual([['documentIds']]);
  });

  it('takes one attribution filter, as a direct entry of filters.$and: any other is a 400 at its path, before anything is read', async () => {
    const matching = jest.spyOn(app.strapi.plugin('reprint-attribution').service('listStatus'), 'matching');
    try {
      const refused = async (query: string) => {
        const res = await cmList(superAdmin, `locale=en&${query}`);
        expect(res.status).toBe(400);
        return res.body.error.details.errors.map((error: any) => [error.path, error.message]);
      };
      // a second one (of up to 100 the query parser takes) would be a second scan
      const two = await refused(`${attributionFilter('complete')}&filters[$and][1][title][$eq]=x&${attributionFilter('incomplete', 2)}`);
      expect(two).toEqual([[['filters', '$and', '2', '__attribution'], expect.stringMatching(/one attribution status at a time.*filters\[\$and\]\[0\]\[__attribution\]/)]]);
      const many = await refused(Array.from({ length: 5 }, (_, index) => attributionFilter('complete', index)).join('&'));
      expect(many.map(([path]: [string[]]) => path.join('.'))).toEqual(['1', '2', '3', '4'].map((index) => `filters.$and.${index}.__attribution`));

      // anywhere else it is never silently left out
      const place = expect.stringMatching(/direct entry of the list's filters\.\$and \(filters\[\$and\]\[n\]\[__attribution\]\[\$eq\]=incomplete\)/);
      expect(await refused('filters[__attribution][$eq]=complete')).toEqual([[['filters', '__attribution'], place]]);
      expect(await refused('filters[$or][0][__attribution][$eq]=complete')).toEqual([[['filters', '$or', '0', '__attribution'], place]]);
      expect(await refused('filters[$and][0][$or][0][title][$eq]=x&filters[$and][0][$or][1][__attribution][$eq]=complete')).toEqual([[['filters', '$and', '0', '$or', '1', '__attribution'], place]]);
      expect(await refused('filters[$and][0][title][__attribution][$eq]=complete')).toEqual([[['filters', '$and', '0', 'title', '__attribution'], place]]);
      expect(matching).not.toHaveBeenCalled();

      // the one allowed entry: one scan
      const ok = await cmList(superAdmin, `locale=en&pageSize=100&${attributionFilter('incomplete')}`);
      expect(ok.status).toBe(200);
      expect(matching).toHaveBeenCalledTimes(1);
    } finally {
      matching.mockRestore();
    }
  });

  it('keeps other conditions written into the same entry', async () => {
    const res = await cmList(superAdmin, `locale=en&pageSize=100&${attributionFilter('incomplete')}&filters[$and][0][title][$eq]=List draftIncomplete`);
    expect(res.status).toBe(200);
    expect(res.body.results.map((row: any) => row.documentId)).toEqual([ids.draftIncomplete]);
  });

  it('the cell’s words are the filter’s: an expiring and an expired reprint are listed under the status the column names', async () => {
    const statuses = (await status(superAdmin, [ids.expiring, ids.expired, ids.liveLostSource, ids.complete])).body.data;
    // what ListStatusCell shows (admin/src/components/ListStatusCell.tsx), by the server's status of each version shown
    const cellWords = (document: any, view: 'draft' | 'published') => {
      const shown = [document.published, view === 'draft' ? document : null].filter((version) => version?.isReprint);
      if (shown.every((version) => version.status === 'complete')) return ['complete'];
      return STATUSES.filter((value) => value !== 'complete' && shown.some((version) => version.status === value));
    };
    expect(statuses[ids.expiring]).toMatchObject({ complete: true, status: 'expiring' });
    expect(cellWords(statuses[ids.expiring], 'draft')).toEqual(['expiring']);
    expect(statuses[ids.expired].published).toMatchObject({ complete: false, status: 'expired' });
    expect(cellWords(statuses[ids.expired], 'draft')).toEqual(['expired']);
    for (const view of ['draft', 'published'] as const) {
      const kept: Record<string, string[]> = {};
      for (const filter of STATUSES) kept[filter] = (await listFilter(superAdmin, filter, { view })).body.data.documentIds;
      for (const documentId of [ids.expiring, ids.expired, ids.liveLostSource, ids.complete]) {
        const filters = STATUSES.filter((filter) => kept[filter].includes(documentId));
        expect([view, documentId, filters]).toEqual([view, documentId, cellWords(statuses[documentId], view)]);
      }
    }
  });

  it('needs an admin session', async () => {
    expect((await app.http().get(`/reprint-attribution/list-filter?contentType=${ARTICLE_UID}&filter=incomplete`)).status).toBe(401);
  });
});
