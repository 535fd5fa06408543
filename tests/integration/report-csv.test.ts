import { fieldName } from '../../src/plugins/reprint-attribution/server/src/domain/messages';
import { seed } from '../../src/records/seed';
import { adminLogin } from '../helpers/admin';
import { documents } from '../helpers/fixtures';
import { countQueries } from '../helpers/query-counter';
import { startTestApp, type TestApp } from '../helpers/strapi';

const ARTICLE = 'api::article.article';
const FORMULA_TITLE = '=HYPERLINK("http://evil.example/","Click")';

let app: TestApp;
let token: { Authorization: string };
let english: { Authorization: string };
let chinese: { Authorization: string };
let russian: { Authorization: string };
let sourceId: string;
const ids: Record<'formula' | 'quoted' | 'expiring' | 'expired' | 'incomplete', string> = {} as never;

/** A day from today in the newsroom's time zone (what the report calls today), YYYY-MM-DD. */
const day = (offset: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: app.strapi.config.get('plugin::reprint-attribution.timeZone') as string }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};
const reprint = (extra: Record<string, unknown> = {}) => ({
  isReprint: true,
  originalTitle: '原标题',
  originalUrl: 'https://www.ln.chinanews.com.cn/news/7.shtml',
  originalPublishedAt: '2025-04-30',
  originalLanguage: 'zh-Hans',
  originalAuthors: 'Zhang San',
  reprintType: 'translation',
  license: 'cc-by-4.0',
  ...extra,
});
const permission = (expires: string) => reprint({ license: 'all-rights-reserved-with-permission', permissionGrantedBy: '@Rights desk', permissionExpiresAt: expires });

/** A published English reprint (its attribution complete, as publishing requires). */
const publish = async (title: string, data: Record<string, unknown>) => {
  const created = await documents(app.strapi, ARTICLE).create({ locale: 'en', data: { title, date: '2025-05-01', source: sourceId, reprint: data } });
  await documents(app.strapi, ARTICLE).publish({ documentId: created.documentId, locale: 'en' });
  return created.documentId as string;
};

/** The published version's reprint component, changed underneath the rules (as an import or an old version would). */
const changePublished = async (documentId: string, data: Record<string, unknown>) => {
  const row = await app.strapi.db.query(ARTICLE).findOne({ where: { documentId, locale: 'en', publishedAt: { $notNull: true } }, populate: { reprint: true } });
  await app.strapi.db.query('attribution.reprint' as never).update({ where: { id: row.reprint.id }, data });
};

/** The CSV's lines, the BOM kept on the first. */
const csvOf = async (headers: Record<string, string>, query = '') => {
  const res = await app.http().get(`/reprint-attribution/report.csv${query}`).set(headers).buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
  return { res, bytes: res.body as Buffer, lines: (res.body as Buffer).toString('utf8').split('\r\n') };
};

beforeAll(async () => {
  app = await startTestApp();
  await seed(app.strapi);
  token = { Authorization: `Bearer ${await app.adminToken()}` };
  english = await adminLogin(app, 'strapi-super-admin', { preferedLanguage: 'en' });
  chinese = await adminLogin(app, 'strapi-super-admin', { preferedLanguage: 'zh-Hans' });
  russian = await adminLogin(app, 'strapi-super-admin', { preferedLanguage: 'ru' });
  sourceId = (await app.strapi.db.query('api::source.source').findOne({ where: { key: 'china-news-network-liaoning' } })).documentId;

  ids.formula = await publish(FORMULA_TITLE, reprint());
  ids.quoted = await publish('Reprint, with "quotes"', reprint({ originalTitle: '+1 原标题' }));
  ids.expiring = await publish('Permission ending soon', permission(day(10)));
  ids.expired = await publish('Permission ended', permission(day(40)));
  await changePublished(ids.expired, { permissionExpiresAt: day(-3) });
  ids.incomplete = await publish('Licence lost', reprint());
  await changePublished(ids.incomplete, { license: null, originalUrl: null });
});

afterAll(async () => {
  await app?.stop();
});

describe('the report: every published reprint with its status', () => {
  it('gives each a status, what it misses by label and its source, in the admin’s language', async () => {
    const { data } = (await app.http().get('/reprint-attribution/report').set(english)).body;
    const row = (documentId: string) => data.reprints.find((entry: any) => entry.documentId === documentId && entry.locale === 'en');
    expect(row(ids.formula)).toMatchObject({ status: 'complete', title: FORMULA_TITLE, source: { documentId: sourceId, name: 'China News Service Liaoning' }, missingFields: [] });
    expect(row(ids.expiring)).toMatchObject({ status: 'expiring', permissionExpiresAt: day(10), daysLeft: 10 });
    expect(row(ids.expired)).toMatchObject({ status: 'expired', permissionExpiresAt: day(-3), daysLeft: -3 });
    expect(row(ids.incomplete)).toMatchObject({
      status: 'incomplete',
      missing: ['reprint.originalUrl', 'reprint.license'],
      // the form's labels (the words the checklist and refusals use), never paths
      missingFields: [
        { path: 'reprint.originalUrl', label: fieldName('originalUrl', 'en') },
        { path: 'reprint.license', label: fieldName('license', 'en') },
      ],
    });
    // the most urgent first
    const order = ['expired', 'incomplete', 'expiring', 'complete'];
    const statuses = data.reprints.map((entry: any) => order.indexOf(entry.status));
    expect(statuses).toEqual([...statuses].sort((a: number, b: number) => a - b));
    expect(data.counts).toEqual({ expired: 1, incomplete: 1, expiring: 1, complete: data.reprints.length - 3 });

    const zh = (await app.http().get('/reprint-attribution/report').set(chinese)).body.data;
    const zhRow = zh.reprints.find((entry: any) => entry.documentId === ids.incomplete);
    expect(zhRow.source.name).toBe('中新网辽宁');
    expect(zhRow.missingFields.map((field: any) => field.label)).toEqual([fieldName('originalUrl', 'zh-Hans'), fieldName('license', 'zh-Hans')]);
    expect(zhRow.missingFields[0].label).toMatch(/原文/);
    const ru = (await app.http().get('/reprint-attribution/report').set(russian)).body.data;
    expect(ru.reprints.find((entry: any) => entry.documentId === ids.incomplete).source.name).toBe('Ляонинский канал агентства «Чжунго синьвэнь»');
    expect(ru.perSource.find((entry: any) => entry.documentId === sourceId).name).toBe('Ляонинский канал агентства «Чжунго синьвэнь»');
  });

  it('names sources in the default locale when the admin’s language is none of the CMS’s', async () => {
    const admin = await adminLogin(app);
    const { data } = (await app.http().get('/reprint-attribution/report').set(admin).set('Accept-Language', 'fr-FR,fr;q=0.9')).body;
    expect(data.reprints.find((entry: any) => entry.documentId === ids.formula).source.name).toBe('中新网辽宁');
  });

  it('filters by status, one or several', async () => {
    const only = async (query: string) => (await app.http().get(`/reprint-attribution/report?status=${query}`).set(english)).body.data;
    expect((await only('expired')).reprints.map((entry: any) => entry.documentId)).toEqual([ids.expired]);
    const two = await only('incomplete,expiring');
    expect(two.reprints.map((entry: any) => entry.documentId)).toEqual([ids.incomplete, ids.expiring]);
    expect(two.statuses).toEqual(['incomplete', 'expiring']);
    // the counts are of every reprint, whatever the filter
    expect(two.counts.complete).toBeGreaterThan(0);
  });

  it('costs the same number of queries for 5 reprints more', async () => {
    const before = await countQueries(app.strapi, () => app.http().get('/reprint-attribution/report').set(english));
    for (let index = 0; index < 5; index += 1) await publish(`Query count ${index}`, reprint());
    const after = await countQueries(app.strapi, () => app.http().get('/reprint-attribution/report').set(english));
    expect(after).toBe(before);
    const csv = await countQueries(app.strapi, () => app.http().get('/reprint-attribution/report.csv').set(english));
    expect(csv).toBe(before);
  });
});

describe('GET /reprint-attribution/report.csv', () => {
  it('is a UTF-8 CSV with a byte order mark, a header in the admin’s language and a row per reprint', async () => {
    const { res, bytes, lines } = await csvOf(english);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="reprint-report-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe(
      '\uFEFFStatus,Title,Locale,Content type,Document ID,Source,Missing or wrong,Original title,Original publication date,Licence,Permission granted by,Permission expires on,Published at'
    );
    expect(lines[lines.length - 1]).toBe(''); // ends with CRLF
    const report = (await app.http().get('/reprint-attribution/report').set(english)).body.data;
    expect(lines.length - 2).toBe(report.reprints.length);
    const incomplete = lines.find((line) => line.includes(ids.incomplete));
    expect(incomplete).toBe(`Incomplete,Licence lost,en,${ARTICLE},${ids.incomplete},China News Service Liaoning,"${fieldName('originalUrl', 'en')}; ${fieldName('license', 'en')}",原标题,2025-04-30,,,,${report.reprints.find((entry: any) => entry.documentId === ids.incomplete).publishedAt}`);
    const expiring = lines.find((line) => line.includes(ids.expiring));
    expect(expiring).toContain(`Permission expiring,Permission ending soon,en,`);
    expect(expiring).toContain(`,Reprinted with permission,'@Rights desk,${day(10)},`);
  });

  it('quotes commas and quotes, and keeps formulas as text', async () => {
    const { lines } = await csvOf(english);
    // = + - @ start a formula in a spreadsheet: such cells start with an apostrophe
    expect(lines.find((line) => line.includes(ids.formula))).toMatch(/^Complete,"'=HYPERLINK\(""http:\/\/evil\.example\/"",""Click""\)",en,/);
    const quoted = lines.find((line) => line.includes(ids.quoted)) as string;
    expect(quoted).toMatch(/^Complete,"Reprint, with ""quotes""",en,/);
    expect(quoted).toContain(",'+1 原标题,");
    for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
  });

  it('speaks the admin’s language: Chinese and Russian headers, statuses, labels and source names', async () => {
    const zh = await csvOf(chinese, '?status=incomplete');
    expect(zh.lines[0]).toBe('\uFEFF状态,标题,语言版本,内容类型,文档 ID,来源,缺少或有误,原标题,原文发布日期,许可,授权方,授权到期日,发布时间');
    expect(zh.lines.slice(1, -1)).toEqual([expect.stringMatching(new RegExp(`^署名不完整,Licence lost,en,${ARTICLE},${ids.incomplete},中新网辽宁,"${fieldName('originalUrl', 'zh-Hans')}; ${fieldName('license', 'zh-Hans')}",`))]);
    const ru = await csvOf(russian, '?status=expired');
    expect(ru.lines[0].startsWith('\uFEFFСтатус,Заголовок,')).toBe(true);
    expect(ru.lines.slice(1, -1)).toEqual([expect.stringMatching(new RegExp(`^Разрешение истекло,Permission ended,en,${ARTICLE},${ids.expired},Ляонинский канал агентства «Чжунго синьвэнь»,`))]);
  });

  it('applies the filter: only the statuses asked for', async () => {
    const { lines } = await csvOf(english, '?status=expired,expiring');
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['Permission expired', 'Permission expiring']);
  });

  it('refuses a status that is none, naming the parameter (and the report the same)', async () => {
    for (const path of ['/reprint-attribution/report.csv', '/reprint-attribution/report']) {
      for (const query of ['?status=late', '?status=complete,late', '?status[$ne]=complete', '?days=many']) {
        const res = await app.http().get(`${path}${query}`).set(english);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('ValidationError');
        expect(res.body.error.details.errors[0].path).toEqual([query.startsWith('?days') ? 'days' : 'status']);
      }
    }
  });

  it('needs an admin with the plugin’s read permission: 401 for the public and API tokens, 403 for an Author or Editor without it', async () => {
    expect((await app.http().get('/reprint-attribution/report.csv')).status).toBe(401);
    expect((await app.http().get('/reprint-attribution/report.csv').set(token)).status).toBe(401);
    const author = await adminLogin(app, 'strapi-author');
    const editor = await adminLogin(app, 'strapi-editor');
    for (const headers of [author, editor]) {
      const res = await app.http().get('/reprint-attribution/report.csv').set(headers);
      expect(res.status).toBe(403);
      expect(String(res.headers['content-type'])).toMatch(/json/);
    }
  });

  it('lists for an admin granted read only the documents it may read (an Author: its own)', async () => {
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-author' } });
    const author = await adminLogin(app, 'strapi-author');
    const editor = await adminLogin(app, 'strapi-editor');
    // A reprint drafted in the Content Manager by each (so each is its creator), completed and published by an admin.
    const draftedBy = async (headers: Record<string, string>, title: string) => {
      const created = await app.http().post(`/content-manager/collection-types/${ARTICLE}?locale=en`).set(headers).send({ title, reprint: { isReprint: true, originalTitle: '原标题' } });
      expect(created.status).toBe(201);
      const documentId = created.body.data.documentId as string;
      await documents(app.strapi, ARTICLE).update({ documentId, locale: 'en', data: { date: '2025-05-01', source: sourceId, reprint: reprint() } });
      await documents(app.strapi, ARTICLE).publish({ documentId, locale: 'en' });
      return documentId;
    };
    const own = await draftedBy(author, 'Report CSV: the Author’s own reprint');
    const others = await draftedBy(editor, 'Report CSV: the Editor’s reprint');
    await app.strapi.service('admin::role').addPermissions(role.id, [{ action: 'plugin::reprint-attribution.read', subject: null, properties: {}, conditions: [] }]);
    try {
      const { res, lines } = await csvOf(author);
      expect(res.status).toBe(200);
      const rows = lines.slice(1, -1);
      expect(rows).toEqual([expect.stringContaining('Report CSV: the Author’s own reprint')]);
      expect(lines.join('\n')).not.toContain('Report CSV: the Editor’s reprint');
      // a super admin sees both
      const all = (await csvOf(english)).lines.join('\n');
      expect(all).toContain('Report CSV: the Author’s own reprint');
      expect(all).toContain('Report CSV: the Editor’s reprint');
    } finally {
      await app.strapi.db.query('admin::permission').deleteMany({ where: { action: 'plugin::reprint-attribution.read', role: role.id } });
      for (const documentId of [own, others]) await documents(app.strapi, ARTICLE).delete({ documentId, locale: '*' });
    }
  });
});

describe('the settings page’s data', () => {
  it('gives the placeholders with their meaning in the admin’s language and the sample’s values per locale', async () => {
    const en = (await app.http().get('/reprint-attribution/settings').set(english)).body.data;
    expect(en.placeholders.map((item: any) => item.name)).toContain('sourceName');
    expect(en.placeholders.find((item: any) => item.name === 'sourceName')).toEqual({
      name: 'sourceName',
      meaning: expect.stringMatching(/outlet/),
      required: true,
      selectKeys: [],
    });
    expect(en.examples.en.sourceName).toBe('China News Service Liaoning');
    expect(en.examples['zh-Hans'].sourceName).toBe('中新网辽宁');
    const zh = (await app.http().get('/reprint-attribution/settings').set(chinese)).body.data;
    expect(zh.placeholders.find((item: any) => item.name === 'sourceName').meaning).toMatch(/媒体/);
  });

  it('keeps the configuration (developer hints) for super admins', async () => {
    const superAdmin = (await app.http().get('/reprint-attribution/settings').set(english)).body.data;
    expect(superAdmin.developer).toEqual(expect.objectContaining({ timeZone: expect.any(String), cron: expect.objectContaining({ enabled: expect.any(Boolean) }) }));
    const role = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    const editor = await adminLogin(app, 'strapi-editor');
    await app.strapi.service('admin::role').addPermissions(role.id, [{ action: 'plugin::reprint-attribution.read', subject: null, properties: {}, conditions: [] }]);
    try {
      const res = await app.http().get('/reprint-attribution/settings').set(editor);
      expect(res.status).toBe(200);
      expect(res.body.data.developer).toBeNull();
      expect(res.body.data.placeholders.length).toBeGreaterThan(0);
    } finally {
      await app.strapi.db.query('admin::permission').deleteMany({ where: { action: 'plugin::reprint-attribution.read', role: role.id } });
    }
  });
});
