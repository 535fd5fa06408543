import { Client } from 'pg';

import { jobLockKey } from '../../src/plugins/reprint-attribution/server/src/domain/job-lock';
import { documents } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The permission-expiry job runs on one instance at a time (#19; docs/operations.md, "Several
 * instances"): on PostgreSQL a run takes an advisory lock, and a run that finds it taken skips.
 * Two runs racing in one process use two pooled connections, as two instances would.
 */
const ARTICLE = 'api::article.article';
const postgres = (process.env.DATABASE_CLIENT || 'sqlite') === 'postgres';
const onPostgres = postgres ? it : it.skip;

let app: TestApp;
let sourceId: string;

const expiry = () => app.strapi.plugin('reprint-attribution').service('expiry');

/** A published English reprint whose permission ended on `expires`. */
const expiredReprint = async (title: string, expires: string) => {
  const created = await documents(app.strapi, ARTICLE).create({
    locale: 'en',
    data: {
      title,
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
        permissionExpiresAt: expires,
      },
    },
  });
  await documents(app.strapi, ARTICLE).publish({ documentId: created.documentId, locale: 'en' });
  return created.documentId as string;
};

const publishedCount = (documentIds: string[]) =>
  app.strapi.db.query(ARTICLE).count({ where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } } });

beforeAll(async () => {
  app = await startTestApp();
  const source = await documents(app.strapi, 'api::source.source').create({ locale: 'en', data: { name: 'China News Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' } });
  await documents(app.strapi, 'api::source.source').publish({ documentId: source.documentId, locale: 'en' });
  sourceId = source.documentId;
  await app.strapi.plugin('reprint-attribution').service('settings').update({ expiryAction: 'unpublish' });
});

afterAll(async () => {
  await app?.stop();
});

onPostgres('skips, unpublishing nothing, while another instance holds the job’s lock, and runs once it is free', async () => {
  const documentId = await expiredReprint('Held by another instance', '2099-03-01');
  const other = new Client(connectionOf(app));
  await other.connect();
  try {
    // Another instance's run, as PostgreSQL sees it: a session holding the same advisory lock.
    await other.query('select pg_advisory_lock($1, $2)', jobLockKey('reprint-attribution:expiry'));
    expect(await expiry().run('2099-03-02')).toEqual([]);
    expect(await publishedCount([documentId])).toBe(1);
    await other.query('select pg_advisory_unlock($1, $2)', jobLockKey('reprint-attribution:expiry'));
  } finally {
    await other.end();
  }
  expect(await expiry().run('2099-03-02')).toEqual([expect.objectContaining({ documentId, action: 'unpublished' })]);
  expect(await publishedCount([documentId])).toBe(0);
});

onPostgres('two runs at the same moment: one run acts, nothing is unpublished or logged twice', async () => {
  const documentIds = [await expiredReprint('Racing one', '2099-04-01'), await expiredReprint('Racing two', '2099-04-01'), await expiredReprint('Racing three', '2099-04-01')];
  const logBefore = (await expiry().log()).length;

  const runs = await Promise.all([expiry().run('2099-04-02'), expiry().run('2099-04-02'), expiry().run('2099-04-02')]);

  // Whichever run got the lock acted on all three; the others skipped (or, had one started after
  // it ended, found nothing left).
  expect(runs.filter((actions) => actions.length > 0)).toHaveLength(1);
  expect(runs.flat().map((action) => action.documentId).sort()).toEqual([...documentIds].sort());
  const log = await expiry().log();
  // Newest first: what this test's runs logged.
  expect(log.slice(0, log.length - logBefore).map((entry: any) => entry.documentId).sort()).toEqual([...documentIds].sort());
  expect(await publishedCount(documentIds)).toBe(0);
  // The drafts are kept.
  expect(await app.strapi.db.query(ARTICLE).count({ where: { documentId: { $in: documentIds }, publishedAt: null } })).toBe(3);
});

it('on either database, a run unpublishes an expired permission once and a second run finds nothing', async () => {
  const documentId = await expiredReprint('Expired once', '2099-05-01');
  expect(await expiry().run('2099-05-02')).toEqual([expect.objectContaining({ documentId, action: 'unpublished' })]);
  expect(await expiry().run('2099-05-02')).toEqual([]);
  expect(await publishedCount([documentId])).toBe(0);
});

/** The pg connection settings of the test app's database. */
function connectionOf(test: TestApp) {
  const env = test.database.env;
  if (env.DATABASE_URL) return { connectionString: env.DATABASE_URL };
  return { host: env.DATABASE_HOST, port: Number(env.DATABASE_PORT), user: env.DATABASE_USERNAME, password: env.DATABASE_PASSWORD, database: env.DATABASE_NAME };
}
