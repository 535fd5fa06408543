import { ANALYZE_AFTER, importRecords } from '../../src/records/batch';
import { exportAll } from '../../src/records/export';
import { describeStorage } from '../../src/records/layout';
import { readSeedRecords, seedDirectory } from '../../src/records/seed';
import { snapshotDatabase } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { generateDataset } = require('../../scripts/lib/dataset');

/**
 * The fast path (src/records/bulk.ts) against the Document Service path: the same file imported
 * both ways into fresh databases gives a byte-identical export and the same stored rows (ids and
 * timestamps aside), on SQLite and PostgreSQL.
 */

type Entries = Array<{ line: number; record: unknown }>;
type Row = Record<string, any>;

const exportText = async (app: TestApp) => {
  const lines: string[] = [];
  await exportAll(app.strapi, (line) => lines.push(line));
  return lines.join('\n');
};

const tableNames = async (app: TestApp): Promise<string[]> => {
  const k = app.strapi.db.connection;
  if (app.database.client === 'postgres') {
    const result = await k.raw('select tablename from pg_tables where schemaname = current_schema()');
    return result.rows.map((row: Row) => row.tablename).sort();
  }
  return (await k.raw("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")).map((row: Row) => row.name).sort();
};

/**
 * What the database holds, written without ids: each version as key, locale and status; its
 * columns (timestamps as present or not); its links in order with their order columns; its
 * components' rows and join rows. Plus every table's row count, and checks that the draft and
 * published versions of a document share one document_id that no other document has.
 */
const storageDump = async (app: TestApp) => {
  const k = app.strapi.db.connection;
  const { types, components } = describeStorage(app.strapi);
  const names = new Map<string, Map<number, string>>();
  const dump: Row = { counts: {}, versions: {}, links: {}, components: {}, documents: {} };

  // The read model's tables are derived from the content (rendered after the write: at once by
  // the fast path's rebuild, by the sweep after Document Service writes); tests/integration/read-model.test.ts
  // compares what they answer with Strapi's own answers. The response cache's invalidation log
  // records writes, not content: one row per Document Service write, one per batch of the fast
  // path (tests/faults/redis-faults.test.ts checks what it is for).
  const derived = (name: string) => name.startsWith('read_model_') || name === 'response_cache_invalidations';
  for (const table of (await tableNames(app)).filter((name) => !derived(name))) {
    const [{ count }] = await k(table).count({ count: '*' });
    dump.counts[table] = Number(count);
  }

  for (const type of types) {
    const c = type.columns;
    const rows: Row[] = await k(type.table).select('*').orderBy('id');
    const byId = new Map<number, string>();
    const documentIds = new Map<string, Set<string>>();
    for (const row of rows) {
      const name = `${row[c.key]}|${row[c.locale]}|${row[c.publishedAt] ? 'published' : 'draft'}`;
      byId.set(Number(row.id), name);
      if (!documentIds.has(row[c.key])) documentIds.set(row[c.key], new Set());
      documentIds.get(row[c.key])!.add(row[c.documentId]);
      const values: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (column === c.id || column === c.documentId) continue;
        // Timestamps differ between two imports: their presence and how they are stored (a Date, milliseconds, text) do not.
        values[column] = [c.createdAt, c.updatedAt, c.publishedAt].includes(column) ? (value === null || value === undefined ? null : value instanceof Date ? 'Date' : typeof value) : value;
      }
      if (dump.versions[`${type.uid}|${name}`]) throw new Error(`two rows for ${type.uid} ${name}`);
      dump.versions[`${type.uid}|${name}`] = values;
    }
    names.set(type.uid, byId);
    const allIds = [...documentIds.values()].flatMap((set) => [...set]);
    dump.documents[type.uid] = {
      documents: documentIds.size,
      oneDocumentIdPerKey: [...documentIds.values()].every((set) => set.size === 1),
      noDocumentIdShared: new Set(allIds).size === allIds.length,
      rowsWithADocumentId: rows.filter((row) => typeof row[c.documentId] === 'string' && row[c.documentId].length > 0).length,
    };
  }

  for (const type of types) {
    const own = names.get(type.uid)!;
    for (const relation of type.relations) {
      const targets = names.get(relation.target)!;
      const rows: Row[] = await k(relation.table).select('*');
      const bySource: Record<string, Array<[string, unknown]>> = {};
      for (const row of rows) {
        const source = own.get(Number(row[relation.sourceColumn])) ?? `missing ${row[relation.sourceColumn]}`;
        (bySource[source] ??= []).push([targets.get(Number(row[relation.targetColumn])) ?? 'missing', relation.orderColumn ? row[relation.orderColumn] : null]);
      }
      for (const list of Object.values(bySource)) list.sort((a, b) => (relation.orderColumn ? Number(a[1]) - Number(b[1]) : a[0].localeCompare(b[0])));
      dump.links[`${type.uid}.${relation.name}`] = bySource;
    }
    for (const component of type.components) {
      const joins: Row[] = await k(component.table).select('*').where(component.fieldColumn, component.name);
      const componentRows = new Map<number, Row>(
        ((await k(component.componentTable).select('*')) as Row[]).map((row) => [Number(row.id), row])
      );
      const byEntity: Record<string, Row[]> = {};
      for (const join of joins) {
        const { id: _id, ...values } = componentRows.get(Number(join[component.targetColumn])) ?? { missing: true };
        (byEntity[own.get(Number(join[component.sourceColumn])) ?? 'missing'] ??= []).push({
          type: join[component.typeColumn],
          order: join[component.orderColumn],
          values,
        });
      }
      dump.components[`${type.uid}.${component.name}`] = byEntity;
    }
  }
  for (const [uid, { table }] of Object.entries(components)) {
    const [{ count }] = await k(table).count({ count: '*' });
    const referenced = types
      .flatMap((type) => type.components.filter((component) => component.component === uid))
      .map((component) => component.table);
    let joined = 0;
    for (const joinTable of [...new Set(referenced)]) {
      const [{ count: n }] = await k(joinTable).where('component_type', uid).count({ count: '*' });
      joined += Number(n);
    }
    dump.documents[uid] = { rows: Number(count), joined: joined };
  }
  return dump;
};

/** Whether the database's planner has statistics for `table` (the import refreshes them after a bulk load). */
const hasPlannerStatistics = async (app: TestApp, table: string): Promise<boolean> => {
  const k = app.strapi.db.connection;
  if (app.database.client === 'postgres') {
    const result = await k.raw('select last_analyze, last_autoanalyze from pg_stat_user_tables where relname = ?', [table]);
    const [row] = result.rows;
    return Boolean(row?.last_analyze);
  }
  const [stat] = await k.raw("select count(*) as n from sqlite_master where name = 'sqlite_stat1'");
  if (Number(stat.n) === 0) return false;
  const [row] = await k.raw('select count(*) as n from sqlite_stat1 where tbl = ?', [table]);
  return Number(row.n) > 0;
};

/** Imports `entries` into a fresh database (after `before`, through the Document Service), by the given path; returns the export and the dump. */
const importInto = async (entries: Entries, bulk: boolean, before?: Entries) => {
  const app = await startTestApp();
  try {
    if (before) expect((await importRecords(app.strapi, before, { bulk: false })).problems).toEqual([]);
    const summary = await importRecords(app.strapi, entries, { bulk });
    expect(summary.problems).toEqual([]);
    expect(summary.path).toBe(bulk ? 'bulk' : 'documents');
    return { summary, exported: await exportText(app), dump: await storageDump(app), statistics: await hasPlannerStatistics(app, 'articles') };
  } finally {
    await app.stop();
  }
};

const seedEntries = (): Entries => readSeedRecords(seedDirectory({ dirs: { app: { root: process.cwd() } } } as never)).map(({ line, record }) => ({ line, record }));

const datasetEntries = (articles: number): Entries => {
  const entries: Entries = [];
  generateDataset({ articles, seed: 15 }, (record: unknown) => entries.push({ line: entries.length + 1, record }));
  return entries;
};

const expectSameWrites = async (entries: Entries, before?: Entries) => {
  const documents = await importInto(entries, false, before);
  const bulk = await importInto(entries, true, before);
  expect({ created: bulk.summary.created, updated: bulk.summary.updated, unchanged: bulk.summary.unchanged }).toEqual({
    created: documents.summary.created,
    updated: documents.summary.updated,
    unchanged: documents.summary.unchanged,
  });
  // Byte-identical exports (compared as one string: a difference shows as a diff, not a count).
  expect(bulk.exported).toBe(documents.exported);
  expect(bulk.dump).toEqual(documents.dump);
  for (const [uid, check] of Object.entries(bulk.dump.documents as Record<string, Row>)) {
    if ('oneDocumentIdPerKey' in check) expect({ uid, ...check }).toMatchObject({ oneDocumentIdPerKey: true, noDocumentIdShared: true });
    else expect({ uid, ...check }).toEqual({ uid, rows: check.joined, joined: check.rows });
  }
  return { documents, bulk };
};

describe('the fast path writes exactly what the Document Service writes', () => {
  it('the reference content (database/seed)', async () => {
    const { bulk } = await expectSameWrites(seedEntries());
    expect(bulk.summary.created).toBe(28);
    expect(bulk.exported.split('\n')).toHaveLength(28);
  }, 240000);

  it('a generated archive of 200 articles (trilingual, reprints, 10–30 institutions each)', async () => {
    const entries = datasetEntries(200);
    const { bulk, documents } = await expectSameWrites(entries);
    expect(bulk.summary.created).toBe(entries.length);
    // A load of this size (≥ ANALYZE_AFTER documents) leaves the planner statistics of what it wrote, by either path.
    expect(entries.length).toBeGreaterThanOrEqual(ANALYZE_AFTER);
    expect({ bulk: bulk.statistics, documents: documents.statistics }).toEqual({ bulk: true, documents: true });
    // Every version has its links: 10–30 institutions per article version.
    const links = Object.values(bulk.dump.links['api::article.article.institutions'] as Record<string, unknown[]>);
    expect(links).toHaveLength(200 * 3 * 2);
    expect(links.every((list) => list.length >= 10 && list.length <= 30)).toBe(true);
  }, 600000);

  it('new documents mixed with updates of stored ones, referring to each other, with slug clashes and partial publication', async () => {
    const before = seedEntries();
    const openDay = structuredClone(before.map(({ record }) => record as Row).find((record) => record.key === 'sample-campus-open-day-2025')!);
    const institution = (key: string, extra: Row = {}) => ({
      type: 'institution',
      key,
      shared: { kind: 'university', country: 'CN' },
      relations: { parent: null },
      locales: { 'zh-Hans': { name: '辽宁大学' }, en: { name: 'Liaoning University' }, ru: { name: 'Ляонинский университет' } },
      ...extra,
    });
    const records: Row[] = [
      // New, with the same name as a stored institution: generated slugs take the next free suffix.
      institution('bulk-new-lnu', { relations: { parent: 'liaoning-university' } }),
      institution('bulk-new-lnu-child', { relations: { parent: 'bulk-new-lnu' }, publish: ['en'] }),
      // Stored, updated to point at a new document (written through the Document Service after it).
      { ...institution('bohai-university'), relations: { parent: 'bulk-new-lnu' } },
      { ...openDay, relations: { ...openDay.relations, institutions: ['bulk-new-lnu-child', ...openDay.relations.institutions] } },
      {
        type: 'source',
        key: 'bulk-new-source',
        publish: ['zh-Hans', 'en'],
        shared: { kind: 'newspaper', homepage: 'https://news.example.com/' },
        locales: { 'zh-Hans': { name: '新报' }, en: { name: 'New Paper', slug: 'new-paper' }, ru: { name: 'Новая газета' } },
      },
      {
        type: 'article',
        key: 'bulk-new-article',
        publish: ['zh-Hans', 'en'],
        shared: { date: '2025-03-01', section: 'media-coverage' },
        relations: { source: 'bulk-new-source', institutions: ['bulk-new-lnu-child', 'liaoning-university', 'bulk-new-lnu', 'bulk-new-lnu'], hostInstitution: 'bulk-new-lnu-child' },
        locales: {
          'zh-Hans': {
            title: '新文章',
            body: ['第一段', '第二段'],
            seo: { metaTitle: '新文章' },
            reprint: {
              isReprint: true,
              originalTitle: '原题',
              originalUrl: 'https://news.example.com/a.html',
              originalAuthors: '张伟',
              originalPublishedAt: '2025-02-28',
              originalLanguage: 'zh-Hans',
              reprintType: 'full',
              license: 'cc-by-4.0',
              responsibleEditor: '李明',
            },
          },
          en: { title: 'A new article', summary: 'Summary', reprint: { isReprint: false } },
          ru: { title: 'Новая статья' },
        },
      },
      { type: 'article', key: 'bulk-new-draft', publish: false, shared: { date: '2025-03-02' }, locales: { en: { title: 'A new article' }, 'zh-Hans': { title: '' } } },
    ];
    const entries = records.map((record, i) => ({ line: i + 1, record }));
    const { bulk } = await expectSameWrites(entries, before);
    expect(bulk.summary).toMatchObject({ created: 5, updated: 2 });
  }, 240000);
});

describe('the fast path checks before it writes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    expect((await importRecords(app.strapi, seedEntries(), { bulk: false })).problems).toEqual([]);
  });
  afterAll(async () => app?.stop());

  it('reports slug clashes, attribution rules and missing target locales with line and field, and writes nothing', async () => {
    const stored = await app.strapi.db.query('api::article.article').findOne({ where: { locale: 'en' }, select: ['slug'] });
    const records = [
      { type: 'institution', key: 'check-one', shared: { kind: 'university' }, locales: { en: { name: 'Check One', slug: 'check-one' } } },
      { type: 'article', key: 'check-clash', shared: { date: '2025-01-01' }, locales: { en: { title: 'Clash', slug: stored.slug } } },
      { type: 'article', key: 'check-clash-in-file', shared: { date: '2025-01-01' }, locales: { en: { title: 'Check one', slug: 'check-one-article' } } },
      { type: 'article', key: 'check-clash-in-file-2', shared: { date: '2025-01-01' }, locales: { en: { title: 'Again', slug: 'check-one-article' } } },
      {
        type: 'article',
        key: 'check-reprint',
        shared: { date: '2025-01-01' },
        locales: { en: { title: 'Incomplete reprint', reprint: { isReprint: true } } },
      },
      { type: 'article', key: 'check-locale', shared: { date: '2025-01-01' }, relations: { institutions: ['check-one'] }, locales: { ru: { title: 'Нет версии' } } },
    ];
    const before = await snapshotDatabase(app.strapi);
    const summary = await importRecords(app.strapi, records.map((record, i) => ({ line: i + 1, record })), { bulk: true });
    expect(summary.created).toBe(0);
    const found = summary.problems.map((problem) => `${problem.line}:${problem.path.join('.')}`);
    // The missing locale is found by the checks both paths share, before any other.
    expect(found).toEqual(['6:relations.institutions.0']);
    expect(summary.problems[0].message).toMatch(/has no ru version/);

    const withoutLocale = records.slice(0, 5);
    const second = await importRecords(app.strapi, withoutLocale.map((record, i) => ({ line: i + 1, record })), { bulk: true });
    const paths = second.problems.map((problem) => `${problem.line}:${problem.path.join('.')}`);
    expect(paths).toEqual(expect.arrayContaining(['2:locales.en.slug', '4:locales.en.slug', '5:relations.source', '5:locales.en.reprint.originalTitle']));
    expect(paths).not.toContain('3:locales.en.slug');
    expect(second.problems.find((problem) => problem.line === 2)!.message).toBe(
      `locales.en.slug "${stored.slug}" is already used by another document in locale en; choose another or leave it empty to generate one`
    );
    expect(second.created).toBe(0);
    expect(await snapshotDatabase(app.strapi)).toEqual(before);
  }, 120000);

  it('IMPORT_BULK=false chooses the Document Service path', async () => {
    const previous = process.env.IMPORT_BULK;
    process.env.IMPORT_BULK = 'false';
    try {
      const summary = await importRecords(app.strapi, seedEntries());
      expect(summary).toMatchObject({ path: 'documents', created: 0, unchanged: 28 });
    } finally {
      if (previous === undefined) delete process.env.IMPORT_BULK;
      else process.env.IMPORT_BULK = previous;
    }
  });

  it('the storage layout it writes is the one it was proven on (a Strapi upgrade that changes it fails here)', async () => {
    const storage = describeStorage(app.strapi);
    expect(storage.types.flatMap((type) => type.unsupported)).toEqual([]);
    expect(storage).toMatchSnapshot();
    // And the database has those tables and columns.
    const k = app.strapi.db.connection;
    for (const type of storage.types) {
      expect(Object.keys(await k(type.table).columnInfo()).sort()).toEqual(expect.arrayContaining(Object.values(type.columns).sort()));
      for (const relation of type.relations) {
        const columns = Object.keys(await k(relation.table).columnInfo());
        expect(columns.sort()).toEqual(['id', relation.sourceColumn, relation.targetColumn, ...(relation.orderColumn ? [relation.orderColumn] : [])].sort());
      }
      for (const component of type.components) {
        const columns = Object.keys(await k(component.table).columnInfo());
        expect(columns.sort()).toEqual(['id', component.sourceColumn, component.targetColumn, component.fieldColumn, component.typeColumn, component.orderColumn].sort());
      }
    }
    for (const { table, columns } of Object.values(storage.components)) {
      expect(Object.keys(await k(table).columnInfo()).sort()).toEqual(Object.values(columns).sort());
    }
  });
});
