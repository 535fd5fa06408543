import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { exportAll } from '../../src/records/export';
import { startTestApp, type TestApp } from '../helpers/strapi';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { generateDataset, random } = require('../../scripts/lib/dataset');

/**
 * #16, fault suite: `npm run import` killed (SIGKILL) at random points, on the fast path and with
 * --no-bulk, then run again. After every kill the database holds the whole file or none of it:
 * half-written documents (a document whose export differs from the clean import's, i.e. with a
 * locale, component or link missing, and published versions without their draft) are counted
 * and must be 0. The re-run completes, and the export after it is byte-identical to the export
 * of a clean import. FAULT_SEED=n repeats a run's kill points.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const ARTICLES = 200;
const TABLES = { article: 'articles', source: 'sources', institution: 'institutions' } as const;

const exportText = async (app: TestApp) => {
  const lines: string[] = [];
  await exportAll(app.strapi, (line) => lines.push(line));
  return lines;
};

/**
 * Runs the import CLI into `app`'s database. With `killInWritesAfterMs`, kills it (SIGKILL) that
 * long after its writes began (its progress bar's first line, on stderr: everything is checked by then);
 * `writing` and `committed` are when its writes began and when it reported them committed (its
 * summary line), in ms from the start.
 */
const runImport = (app: TestApp, file: string, args: string[], killInWritesAfterMs?: number) =>
  new Promise<{ code: number | null; signal: string | null; ms: number; writing?: number; committed?: number; stdout: string; stderr: string }>((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['scripts/import.js', file, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...app.database.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let writing: number | undefined;
    let committed: number | undefined;
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (committed === undefined && /import: \d+ documents: created/.test(stdout)) committed = Date.now() - started;
    });
    // The progress bar (cli-progress) writes to stderr.
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (writing === undefined && stderr.includes('import |')) {
        writing = Date.now() - started;
        if (killInWritesAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killInWritesAfterMs);
      }
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, writing, committed, stdout, stderr });
    });
  });

describe('an import killed at random points and run again', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-killed-'));
  const file = path.join(tmp, 'archive.ndjson');
  const records: Array<{ type: keyof typeof TABLES; key: string }> = [];
  let reference: string[];
  let clean: TestApp;
  let target: TestApp;

  beforeAll(async () => {
    generateDataset({ articles: ARTICLES, seed: 1616 }, (record: { type: keyof typeof TABLES; key: string }) => records.push(record));
    fs.writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n'));
  });
  afterAll(async () => {
    await clean?.stop();
    await target?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Documents of the file in the database, those whose export is not the clean import's line, and published versions without a draft. */
  const inspect = async (app: TestApp) => {
    const exported = await exportText(app);
    const byKey = new Map(reference.map((line) => [`${JSON.parse(line).type}:${JSON.parse(line).key}`, line]));
    const present = exported.filter((line) => byKey.has(`${JSON.parse(line).type}:${JSON.parse(line).key}`));
    const halfWritten = present.filter((line) => byKey.get(`${JSON.parse(line).type}:${JSON.parse(line).key}`) !== line).length;
    let orphans = 0;
    const k = app.strapi.db.connection;
    for (const table of Object.values(TABLES)) {
      const [{ count }] = await k(`${table} as p`)
        .whereNotNull('p.published_at')
        .whereNotExists(k(`${table} as d`).whereRaw('d.document_id = p.document_id and d.locale = p.locale').whereNull('d.published_at'))
        .count({ count: '*' });
      orphans += Number(count);
    }
    return { present: present.length, halfWritten, orphans, exported };
  };

  it('leaves no half-written document, and the re-run completes what the file holds', async () => {
    // One Strapi per process at a time: the clean import's database is exported, then let go.
    clean = await startTestApp();
    const first = await runImport(clean, file, []);
    expect(first.code).toBe(0);
    reference = await exportText(clean);
    expect(reference).toHaveLength(records.length);
    await clean.stop();
    clean = undefined as unknown as TestApp;
    target = await startTestApp();

    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100000);
    const rand = random(seed);
    // How long the clean import wrote, from its first progress line to its summary (the commit).
    expect(first.writing).toBeDefined();
    expect(first.committed).toBeDefined();
    const writeMs = first.committed! - first.writing!;
    const kills = [[], ['--no-bulk'], [], ['--no-bulk']];
    const outcomes: string[] = [];
    let halfWritten = 0;
    let orphans = 0;
    let partial = 0;
    let killedWriting = 0;
    for (const args of kills) {
      // Anywhere in the writes (and a little past them): the Document Service path writes more slowly, so its kills land earlier in its writes.
      const at = Math.round(writeMs * rand() * 1.1);
      const run = await runImport(target, file, args, at);
      const found = await inspect(target);
      halfWritten += found.halfWritten;
      orphans += found.orphans;
      // One transaction: the file is in the database entirely or not at all.
      if (found.present !== 0 && found.present !== records.length) partial += 1;
      // Landed in the writes: killed, and nothing of the file in the database (killed after the
      // commit, before the summary line, would leave all of it).
      if (run.signal === 'SIGKILL' && found.present === 0) killedWriting += 1;
      outcomes.push(
        `kill ${(at / 1000).toFixed(2)} s into the writes ${args.join(' ') || '(fast path)'}: ${run.signal ?? `exit ${run.code}`}${run.committed === undefined ? '' : ' (after its commit)'}; ${found.present}/${records.length} documents, half-written ${found.halfWritten}, published without draft ${found.orphans}`
      );
      // A kill that came after the commit leaves the whole file: the next kill needs an empty database again.
      if (found.present === records.length) {
        await target.stop();
        target = await startTestApp();
      }
    }
    const rerun = await runImport(target, file, []);
    const after = await inspect(target);
    console.log(
      [
        `import killed at random points (FAULT_SEED=${seed}, ${records.length} documents, ${target.database.client}; a clean run took ${(first.ms / 1000).toFixed(1)} s):`,
        ...outcomes.map((line) => `  ${line}`),
        `  re-run: exit ${rerun.code} in ${(rerun.ms / 1000).toFixed(1)} s; ${after.present}/${records.length} documents, half-written ${after.halfWritten}, published without draft ${after.orphans}, export ${after.exported.join('\n') === reference.join('\n') ? 'identical to' : 'DIFFERENT from'} a clean import's`,
        `  totals: ${killedWriting} of ${kills.length} kills landed in the writes; half-written ${halfWritten + after.halfWritten}, published without draft ${orphans + after.orphans}, partial imports ${partial}`,
      ].join('\n')
    );
    expect({ halfWritten, orphans, partial }).toEqual({ halfWritten: 0, orphans: 0, partial: 0 });
    // The kills must test something: at least one landed while the import was writing.
    expect(killedWriting).toBeGreaterThan(0);
    expect(rerun.code).toBe(0);
    expect(after).toMatchObject({ present: records.length, halfWritten: 0, orphans: 0 });
    expect(after.exported.join('\n')).toBe(reference.join('\n'));
  }, 480000);
});
