import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { importRecords } from '../../src/records/batch';
import { exportAll } from '../../src/records/export';
import { seed } from '../../src/records/seed';
import { snapshotDatabase } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-ndjson-'));

const exportLines = async (app: TestApp) => {
  const lines: string[] = [];
  await exportAll(app.strapi, (line) => lines.push(line));
  return lines;
};
const asEntries = (lines: string[]) => lines.map((line, i) => ({ line: i + 1, record: JSON.parse(line) }));

describe('export → import into an empty database', () => {
  let exported: string[];

  it('reproduces every document in every locale', async () => {
    const source = await startTestApp();
    try {
      await seed(source.strapi);
      exported = await exportLines(source);
    } finally {
      await source.stop();
    }
    expect(exported).toHaveLength(28);
    const reference = JSON.parse(exported.find((line) => line.includes('"lnu-innovation-entrepreneurship-seminar-2025"'))!);
    expect(Object.keys(reference.locales).sort()).toEqual(['en', 'ru', 'zh-Hans']);
    expect(reference.relations.institutions).toHaveLength(20);

    const target = await startTestApp();
    try {
      const summary = await importRecords(target.strapi, asEntries(exported));
      expect(summary.problems).toEqual([]);
      expect(summary).toMatchObject({ created: 28, updated: 0, unchanged: 0 });
      expect(await exportLines(target)).toEqual(exported);
      // Importing the same file again changes nothing.
      expect(await importRecords(target.strapi, asEntries(exported))).toMatchObject({ created: 0, updated: 0, unchanged: 28 });
      // Published and draft-only locales survive the trip.
      const library = await target.http().get('/api/articles?locale=ru&filters[key][$eq]=sample-library-exam-hours-2025');
      expect(library.body.data).toEqual([]);
      const zh = await target.http().get('/api/articles?locale=zh-Hans&filters[key][$eq]=sample-library-exam-hours-2025');
      expect(zh.body.data).toHaveLength(1);
    } finally {
      await target.stop();
    }
  });
});

describe('import of a file with a bad record', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seed(app.strapi);
  });
  afterAll(async () => app?.stop());

  const goodInstitution = (key: string) => ({
    type: 'institution',
    key,
    shared: { kind: 'university', country: 'CN' },
    locales: { en: { name: `Institution ${key}` } },
  });

  it('names the line and the field, and imports nothing', async () => {
    const lines = [
      goodInstitution('new-one'),
      goodInstitution('new-two'),
      { type: 'article', key: 'bad-article', shared: { date: '2025-02-30' }, relations: { institutions: ['new-one'] }, locales: { en: { title: 'x'.repeat(201) } } },
      { type: 'article', key: 'dangling', shared: { date: '2025-02-01' }, relations: { source: 'no-such-source' }, locales: { fr: { title: 'Bonjour' } } },
      { ...goodInstitution('new-three'), shared: { kind: 'castle', website: 'javascript:alert(1)' } },
    ];
    const before = await snapshotDatabase(app.strapi);
    const summary = await importRecords(app.strapi, lines.map((record, i) => ({ line: i + 1, record })));
    const found = summary.problems.map((p) => `${p.line}:${p.path.join('.')}`);
    expect(found).toEqual(
      expect.arrayContaining(['3:shared.date', '3:locales.en.title', '4:locales.fr', '5:shared.kind', '5:shared.website'])
    );
    expect(summary.problems.find((p) => p.line === 3 && p.path.join('.') === 'locales.en.title')!.message).toBe(
      'locales.en.title must be at most 200 characters (has 201)'
    );
    expect(summary).toMatchObject({ created: 0, updated: 0 });
    expect(await snapshotDatabase(app.strapi)).toEqual(before);
  });

  it('reports a reference to a document that exists nowhere', async () => {
    const summary = await importRecords(app.strapi, [
      { line: 1, record: { type: 'article', key: 'dangling', shared: { date: '2025-02-01' }, relations: { source: 'no-such-source' }, locales: { en: { title: 'T' } } } },
    ]);
    expect(summary.problems).toEqual([
      expect.objectContaining({ line: 1, path: ['relations', 'source'], message: expect.stringMatching(/no-such-source.*neither in this file nor in the CMS/) }),
    ]);
  });
});

describe('the import CLI', () => {
  it('prints each bad line with its number and field and exits 1', async () => {
    const db = path.join(tmp, 'cli.db');
    const file = path.join(tmp, 'bad.ndjson');
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ type: 'institution', key: 'fine', shared: { kind: 'university' }, locales: { en: { name: 'Fine' } } }),
        '',
        '{ not json',
        JSON.stringify({ type: 'institution', key: 'Bad Key', locales: { en: { name: 'X' } } }),
      ].join('\n')
    );
    const env = { ...process.env, DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: db, LOG_LEVEL: 'error' };
    const syntax = await run('node', ['scripts/import.js', file], { cwd: ROOT, env }).catch((error) => error);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain('line 3: (record): not valid JSON');

    fs.writeFileSync(file, [JSON.stringify({ type: 'institution', key: 'fine', shared: { kind: 'university' }, locales: { en: { name: 'Fine' } } }), JSON.stringify({ type: 'institution', key: 'Bad Key', locales: { en: { name: 'X' } } })].join('\n'));
    const invalid = await run('node', ['scripts/import.js', file], { cwd: ROOT, env }).catch((error) => error);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('line 2 (institution Bad Key): key: key must be lower-case letters and digits');
    expect(invalid.stderr).toContain('nothing was imported');
  }, 120000);
});
