import { random as seededRandom } from '../../scripts/lib/dataset';
import { DEFAULT_ARTICLE_POPULATE } from '../../src/api/article/middlewares/article-populate';
import { flattenQuery } from '../../src/read-model/requests';
import { seed } from '../../src/records/seed';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { renderReadModel } = require('../../scripts/lib/read-model');
import { ARTICLE_UID, INSTITUTION_UID, SOURCE_UID, documents, paragraph } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The read model (docs/architecture.md, "Read model") answers exactly what Strapi's own path
 * answers: after every write of a randomised sequence (publish, unpublish, update, relation and
 * template changes, deletes, in every locale), each public read it can answer is compared,
 * byte for byte, with the same request answered with the read model switched off. It never
 * serves a draft, an unpublished or deleted document, or a read the Public role may not make.
 */

const LOCALES = ['zh-Hans', 'en', 'ru'];
// Writes in the random sequence: every kind of write at least once, then random ones.
const STEPS = 16;
let app: TestApp;

beforeAll(async () => {
  // No response cache: every read below is computed by the read model or by Strapi.
  app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'false' });
  expect((await seed(app.strapi)).problems).toEqual([]);
  await model().idle();
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const model = () => app.strapi.get('readModel') as any;

/** A seeded pseudo-random sequence (the dataset generator's mulberry32): the same writes on every run and database. */
const random = seededRandom(20251127);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const get = async (url: string) => {
  const res = await app.http().get(url);
  return { status: res.status, body: res.text, hit: res.headers['x-read-model'] === 'HIT' };
};

/** The same request with the read model serving and with it off (Strapi's own path). */
const both = async (url: string) => {
  const served = await get(url);
  model().serving = false;
  try {
    return { served, strapi: await get(url) };
  } finally {
    model().serving = true;
  }
};

/** Every read the read model answers for the current content: details by id and slug, lists. */
const readsToCompare = async (): Promise<string[]> => {
  const urls: string[] = [];
  for (const [uid, plural] of [
    [ARTICLE_UID, 'articles'],
    [SOURCE_UID, 'sources'],
    [INSTITUTION_UID, 'institutions'],
  ]) {
    // Drafts too (unpublished, deleted and never published documents must be 404s on both paths).
    const all: any[] = await app.strapi.db.query(uid).findMany({ select: ['documentId', 'locale', 'slug'], limit: 400 });
    // Every article and source; a changing sample of the 21 institutions.
    const rows = uid === INSTITUTION_UID ? all.filter(() => random() < 0.25) : all;
    for (const row of rows) {
      urls.push(`/api/${plural}/${row.documentId}?locale=${row.locale}`);
      if (row.slug) urls.push(`/api/${plural}/slug/${encodeURIComponent(row.slug)}?locale=${row.locale}`);
    }
  }
  const institution = await app.strapi.db.query(INSTITUTION_UID).findOne({ where: { publishedAt: { $notNull: true } }, select: ['key'] });
  const source = await app.strapi.db.query(SOURCE_UID).findOne({ where: { publishedAt: { $notNull: true } }, select: ['key'] });
  for (const locale of LOCALES) {
    urls.push(`/api/articles?locale=${locale}`, `/api/articles?locale=${locale}&pagination[pageSize]=2&pagination[page]=2`);
    urls.push(`/api/articles?locale=${locale}&section=news,research`, `/api/articles?locale=${locale}&from=2025-01-01&to=2025-12-31`);
    // The full shape: a list asking for the single read's population.
    const full = flattenQuery('populate', DEFAULT_ARTICLE_POPULATE);
    urls.push(`/api/articles?locale=${locale}&${full}`, `/api/articles?locale=${locale}&pagination[pageSize]=2&pagination[page]=2&section=news,research&${full}`);
    if (institution) urls.push(`/api/articles?locale=${locale}&institution=${institution.key}`);
    if (source) urls.push(`/api/articles?locale=${locale}&source=${source.key}`);
  }
  urls.push('/api/articles', '/api/articles?pagination[page]=99', '/api/articles?institution=no-such-key');
  return [...new Set(urls)];
};

const compareAll = async () => {
  const mismatches: string[] = [];
  let hits = 0;
  for (const url of await readsToCompare()) {
    const { served, strapi } = await both(url);
    if (served.hit) hits += 1;
    if (served.status !== strapi.status || served.body !== strapi.body) mismatches.push(`${url}: ${served.status} ${served.body.slice(0, 120)} ≠ ${strapi.status} ${strapi.body.slice(0, 120)}`);
  }
  return { mismatches, hits };
};

describe('the read model answers what Strapi answers', () => {
  it('for the seeded content, and serves most reads itself', async () => {
    const { mismatches, hits } = await compareAll();
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(30);
  }, 120_000);

  it('answers a list asking for the single read population (the full shape) itself, as Strapi would', async () => {
    const url = `/api/articles?locale=en&pagination[pageSize]=3&${flattenQuery('populate', DEFAULT_ARTICLE_POPULATE)}`;
    const { served, strapi } = await both(url);
    expect(served.hit).toBe(true);
    expect(served.status).toBe(200);
    expect(served.body).toBe(strapi.body);
    const items = JSON.parse(served.body).data;
    expect(items.length).toBeGreaterThan(0);
    // Each item is the single read's data: institutions, SEO and the full attribution included.
    for (const item of items) {
      const single = JSON.parse((await get(`/api/articles/${item.documentId}?locale=en`)).body).data;
      expect(item).toEqual(single);
    }
    // Another population is Strapi's.
    expect((await get(`/api/articles?locale=en&populate[cover]=true`)).hit).toBe(false);
  });

  it('after each write of a randomised sequence, byte for byte', async () => {
    const articles = documents(app.strapi, ARTICLE_UID);
    const institutions: any[] = await app.strapi.db.query(INSTITUTION_UID).findMany({ where: { publishedAt: { $notNull: true }, locale: 'zh-Hans' }, select: ['documentId'] });
    const sources: any[] = await app.strapi.db.query(SOURCE_UID).findMany({ where: { publishedAt: { $null: true }, locale: 'zh-Hans' }, select: ['documentId'] });
    const createdIds: string[] = [];
    let baseTemplate: string | undefined;
    const articleIds = async (): Promise<string[]> =>
      [...new Set((await app.strapi.db.query(ARTICLE_UID).findMany({ select: ['documentId'] })).map((row: any) => row.documentId as string))];

    const operations: Record<string, () => Promise<void>> = {
      async createAndPublish() {
        const created = await articles.create({
          locale: 'zh-Hans',
          data: { title: `随机文章 ${createdIds.length + 1}`, date: `2025-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`, section: pick(['news', 'research', 'notices']), body: paragraph('正文') },
        });
        createdIds.push(created.documentId);
        await articles.publish({ documentId: created.documentId, locale: 'zh-Hans' });
      },
      async translateAndPublish() {
        if (createdIds.length === 0) return;
        const documentId = pick(createdIds);
        const locale = pick(['en', 'ru']);
        await articles.update({ documentId, locale, data: { title: `Random ${locale} ${Math.floor(random() * 1000)}`, date: '2025-05-05', section: 'news', body: paragraph('Body') } });
        await articles.publish({ documentId, locale });
      },
      async editAndRepublish() {
        const documentId = pick(await articleIds());
        const locale = pick(LOCALES);
        const existing = await articles.findOne({ documentId, locale });
        if (!existing) return;
        await articles.update({ documentId, locale, data: { summary: `Edited ${Math.floor(random() * 1e6)}` } });
        await articles.publish({ documentId, locale }).catch(() => undefined);
      },
      async relateInstitutions() {
        const documentId = pick(await articleIds());
        const locale = pick(LOCALES);
        if (!(await articles.findOne({ documentId, locale }))) return;
        const chosen = [pick(institutions), pick(institutions)].map((row) => row.documentId);
        await articles.update({ documentId, locale, data: { institutions: [...new Set(chosen)] } });
        await articles.publish({ documentId, locale }).catch(() => undefined);
      },
      async unpublishOne() {
        const documentId = pick(await articleIds());
        await articles.unpublish({ documentId, locale: pick(LOCALES) }).catch(() => undefined);
      },
      async deleteCreated() {
        if (createdIds.length === 0) return;
        const documentId = createdIds.splice(Math.floor(random() * createdIds.length), 1)[0];
        await articles.delete({ documentId, locale: '*' });
      },
      async publishAnInstitutionEdit() {
        const { documentId } = pick(institutions);
        const locale = pick(LOCALES);
        await documents(app.strapi, INSTITUTION_UID).update({ documentId, locale, data: { shortName: `S${Math.floor(random() * 1000)}` } });
        await documents(app.strapi, INSTITUTION_UID).publish({ documentId, locale });
      },
      async unpublishAnInstitution() {
        const { documentId } = pick(institutions);
        await documents(app.strapi, INSTITUTION_UID).unpublish({ documentId, locale: pick(LOCALES) });
      },
      async publishASource() {
        if (sources.length === 0) return;
        const { documentId } = pick(sources);
        await documents(app.strapi, SOURCE_UID).publish({ documentId, locale: pick(LOCALES) }).catch(() => undefined);
      },
      async changeTemplates() {
        const settings = app.strapi.plugin('reprint-attribution').service('settings');
        const base = baseTemplate ?? (baseTemplate = (await settings.get()).templates.en as string);
        // An edited English template, or back to the default (null removes the stored one).
        await settings.update({ templates: { en: random() < 0.5 ? `${base} (reprint)` : null } });
      },
    };

    const names = Object.keys(operations);
    const failures: string[] = [];
    let totalHits = 0;
    for (let step = 0; step < STEPS; step += 1) {
      const name = step < names.length ? names[step] : pick(names);
      await operations[name]();
      await model().idle();
      const { mismatches, hits } = await compareAll();
      totalHits += hits;
      failures.push(...mismatches.map((mismatch) => `step ${step} (${name}): ${mismatch}`));
    }
    expect(failures).toEqual([]);
    expect(totalHits).toBeGreaterThan(STEPS * 30);
  }, 900_000);
});

describe('a rebuild (what a release, an import or a template change runs)', () => {
  it('renders every published document in batches, answering exactly what Strapi answers', async () => {
    const result = await model().rebuild();
    const published = await app.strapi.db.query(ARTICLE_UID).count({ where: { publishedAt: { $notNull: true } } });
    expect(result.rows).toBeGreaterThanOrEqual(published);
    const { mismatches, hits } = await compareAll();
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(30);
  }, 300_000);
});

describe('a rebuild spread over several processes (an import or npm run read-model:rebuild with many rows)', () => {
  it('renders each share in its own process and answers exactly what Strapi answers', async () => {
    const before = process.env.READ_MODEL_RENDER_PROCESSES;
    process.env.READ_MODEL_RENDER_PROCESSES = '2';
    let result: any;
    try {
      result = await renderReadModel(app.strapi, { rebuild: true });
    } finally {
      if (before === undefined) delete process.env.READ_MODEL_RENDER_PROCESSES;
      else process.env.READ_MODEL_RENDER_PROCESSES = before;
    }
    // The helper (scripts/read-model-render.js, share 1 of 2) rendered its share: nothing was
    // left to this process's last pass.
    expect(result).toMatchObject({ processes: 2, failedHelpers: 0, renderedAfter: 0 });
    expect((await model().store.counts()).stale).toBe(0);
    const { mismatches, hits } = await compareAll();
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(30);
  }, 300_000);

  it('a helper that cannot start leaves its share to this process, which still renders every row', async () => {
    const before = { processes: process.env.READ_MODEL_RENDER_PROCESSES, database: process.env.DATABASE_CLIENT };
    process.env.READ_MODEL_RENDER_PROCESSES = '2';
    // The helper inherits this environment: with a database client Strapi does not know, it fails at start.
    process.env.DATABASE_CLIENT = 'no-such-client';
    let result: any;
    try {
      result = await renderReadModel(app.strapi, { rebuild: true });
    } finally {
      for (const [key, value] of [['READ_MODEL_RENDER_PROCESSES', before.processes], ['DATABASE_CLIENT', before.database]] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    expect(result.failedHelpers).toBe(1);
    expect(result.renderedAfter).toBeGreaterThan(0);
    expect((await model().store.counts()).stale).toBe(0);
    const { mismatches } = await compareAll();
    expect(mismatches).toEqual([]);
  }, 300_000);
});

describe('the read model never serves what the public may not read', () => {
  it('a write marks the rows in its own transaction: the next read after it returns never sees the old version', async () => {
    const articles = documents(app.strapi, ARTICLE_UID);
    const created = await articles.create({ locale: 'en', data: { title: 'Marked in the transaction', date: '2025-02-02', section: 'news', body: paragraph('x') } });
    await articles.publish({ documentId: created.documentId, locale: 'en' });
    await model().idle();
    const url = `/api/articles/${created.documentId}?locale=en`;
    expect((await get(url)).hit).toBe(true);

    // No idle() in between: the read right after the write returns.
    await articles.unpublish({ documentId: created.documentId, locale: 'en' });
    const after = await get(url);
    expect(after.status).toBe(404);
    expect(after.hit).toBe(false);

    await articles.publish({ documentId: created.documentId, locale: 'en' });
    await articles.update({ documentId: created.documentId, locale: 'en', data: { title: 'A new title' } });
    await articles.publish({ documentId: created.documentId, locale: 'en' });
    expect(JSON.parse((await get(url)).body).data.title).toBe('A new title');
  });

  it('a draft is never served: not by id, not by slug, not in a list', async () => {
    const articles = documents(app.strapi, ARTICLE_UID);
    const draft = await articles.create({ locale: 'en', data: { title: 'Never published draft', date: '2099-12-31', section: 'news', body: paragraph('secret') } });
    await model().idle();
    const row = await app.strapi.db.query(ARTICLE_UID).findOne({ where: { documentId: draft.documentId, locale: 'en' } });
    for (const url of [`/api/articles/${draft.documentId}?locale=en`, `/api/articles/slug/${row.slug}?locale=en`]) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(res.hit).toBe(false);
    }
    const list = await get('/api/articles?locale=en&pagination[pageSize]=100');
    expect(list.body).not.toContain('Never published draft');
  });

  it('a read the Public role may not make is not served: revoked find is a 403 right away', async () => {
    const permission = app.strapi.db.query('plugin::users-permissions.permission');
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const row = await permission.findOne({ where: { action: 'api::article.article.find', role: role.id } });
    expect((await get('/api/articles?locale=en')).hit).toBe(true);
    await permission.delete({ where: { id: row.id } });
    try {
      const res = await get('/api/articles?locale=en');
      expect(res.status).toBe(403);
      expect(res.hit).toBe(false);
    } finally {
      await permission.create({ data: { action: 'api::article.article.find', role: role.id } });
    }
    expect((await get('/api/articles?locale=en')).status).toBe(200);
  });

  it('an authenticated request, or one with other parameters, goes to Strapi', async () => {
    const token = await app.adminToken();
    const withToken = await app.http().get('/api/articles?locale=en').set('Authorization', `Bearer ${token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.headers['x-read-model']).toBeUndefined();
    for (const url of ['/api/articles?locale=en&sort=title:asc', '/api/articles?locale=en&fields[0]=title', '/api/articles?locale=en&fallback=true', '/api/articles?locale=xx']) {
      expect((await get(url)).hit).toBe(false);
    }
  });
});
