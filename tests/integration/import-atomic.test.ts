import { importRecords, type BatchSummary } from '../../src/records/batch';
import { snapshotDatabase } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * #16, "Imports that are what the docs say": a problem that only a write would meet (a publish
 * rule, a slug used twice or by another document, a rule of a Document Service middleware) leaves
 * nothing written, on the fast path and with --no-bulk, and each problem names its line, the
 * document's key and the field. Runs on SQLite and PostgreSQL.
 */

type Entries = Array<{ line: number; record: unknown }>;

const reprint = (date: string) => ({
  isReprint: true,
  reprintType: 'translation',
  originalTitle: 'Original title',
  originalUrl: 'https://news.example.com/2025/01/01/1.html',
  originalAuthors: 'Zhang Wei',
  originalPublishedAt: date,
  originalLanguage: 'zh-Hans',
  license: 'cc-by-4.0',
  responsibleEditor: 'Li Ming',
});

const institution = (key: string) => ({ type: 'institution', key, shared: { kind: 'university', country: 'CN' }, locales: { en: { name: `Institution ${key}` } } });
const article = (key: string, en: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'article',
  key,
  shared: { date: '2025-01-01', section: 'news' },
  ...extra,
  locales: { en: { title: `Article ${key}`, reprint: { isReprint: false }, ...en } },
});

const entriesOf = (records: unknown[]): Entries => records.map((record, i) => ({ line: i + 1, record }));
const where = (summary: BatchSummary) => summary.problems.map((problem) => `${problem.line}:${problem.key}:${problem.path.join('.')}`);

describe.each([
  ['the fast path', true],
  ['--no-bulk (the Document Service)', false],
])('an import that meets a problem only a write would meet, on %s', (_name, bulk) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    const base = [
      { type: 'source', key: 'atomic-source', shared: { kind: 'newspaper', homepage: 'https://news.example.com/' }, locales: { en: { name: 'Atomic News' } } },
      institution('atomic-base-institution'),
      article('atomic-base-a', { slug: 'atomic-base-a' }),
      article('atomic-base-b', { slug: 'atomic-base-b' }),
    ];
    expect((await importRecords(app.strapi, entriesOf(base), { bulk })).problems).toEqual([]);
  });
  afterAll(async () => app?.stop());

  it('writes nothing of 150 lines and reports every problem with its line, key and field', async () => {
    const records: unknown[] = [];
    for (let i = 1; i <= 146; i += 1) records.push(institution(`atomic-many-${i}`));
    // line 147: a published reprint whose original is dated in the future (the plugin's publish rule)
    records.push(article('atomic-future', { reprint: reprint('2099-01-01') }, { relations: { source: 'atomic-source' } }));
    // lines 148, 149: one slug twice in the file
    records.push(article('atomic-dup-one', { slug: 'atomic-dup' }));
    records.push(article('atomic-dup-two', { slug: 'atomic-dup' }));
    // line 150: an update of a stored document to the slug another stored document has
    records.push(article('atomic-base-a', { slug: 'atomic-base-b' }));
    const before = await snapshotDatabase(app.strapi);
    const summary = await importRecords(app.strapi, entriesOf(records), { bulk });
    console.log(`${bulk ? 'fast path' : '--no-bulk'}: ${summary.problems.length} problem(s), created ${summary.created}, updated ${summary.updated}:\n${summary.problems.map((p) => `  line ${p.line} (${p.key}): ${p.path.join('.')}: ${p.message}`).join('\n')}`);
    expect(where(summary)).toEqual([
      '147:article atomic-future:locales.en.reprint.originalPublishedAt',
      '149:article atomic-dup-two:locales.en.slug',
      '150:article atomic-base-a:locales.en.slug',
    ]);
    expect(summary.problems[2].message).toMatch(/"atomic-base-b" is already used by another document in locale en/);
    expect(summary).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshotDatabase(app.strapi)).toEqual(before);
  }, 180000);

  it('rolls back everything when a rule it cannot know refuses the last document, naming its line and key', async () => {
    // A rule of another plugin, known only to the Document Service: nothing can check it before writing.
    let armed = true;
    app.strapi.documents.use(async (context, next) => {
      const data = (context.params as { data?: { key?: string } })?.data;
      if (armed && data?.key === 'atomic-base-b' && context.action === 'update') {
        const { errors } = require('@strapi/utils');
        throw new errors.ValidationError('refused by another plugin', { errors: [{ path: ['title'], message: 'refused by another plugin' }] });
      }
      return next();
    });
    try {
      const records: unknown[] = [];
      for (let i = 1; i <= 149; i += 1) records.push(institution(`atomic-rule-${i}`));
      records.push(article('atomic-base-b', { slug: 'atomic-base-b', title: 'Changed title' }));
      const before = await snapshotDatabase(app.strapi);
      const summary = await importRecords(app.strapi, entriesOf(records), { bulk });
      console.log(`${bulk ? 'fast path' : '--no-bulk'}, refused at write: ${summary.problems.map((p) => `line ${p.line} (${p.key}): ${p.path.join('.')}: ${p.message}`).join('; ')}`);
      expect(where(summary)).toEqual(['150:article atomic-base-b:locales.en.title']);
      expect(summary.problems[0].message).toMatch(/refused by another plugin/);
      expect(summary).toMatchObject({ created: 0, updated: 0 });
      expect(await snapshotDatabase(app.strapi)).toEqual(before);
    } finally {
      armed = false;
    }
  }, 180000);
});
