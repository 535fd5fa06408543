import type { Core } from '@strapi/strapi';

import { isDatabaseLocked, isRefusal, recordLabel, refusalProblems } from '../lib/import-problems';
import { RECORD_TYPES, recordFields, type DocumentRecord, type SchemaInfo } from '../lib/records';
import { afterBulkWrite, bulkEnabledByEnv, bulkUnsupported, createBulkWriter } from './bulk';
import { changedRecords, checkRecords, createKeyIndex, upsertRecord, type RecordProblem, type UpsertResult } from './store';

export interface BatchSummary {
  created: number;
  updated: number;
  unchanged: number;
  problems: RecordProblem[];
  seconds: number;
  /** 'bulk': new documents written set-based; 'documents': every document through the Document Service (both: one transaction) */
  path: 'bulk' | 'documents';
}

export interface BatchOptions {
  /** called before the writes start, with the number of documents to write */
  onStart?: (total: number) => void;
  /** called after each document */
  onProgress?: (done: number, result: UpsertResult, record: DocumentRecord) => void;
  /** called (about once a second) while another process holds the SQLite database's write lock */
  onWaitForLock?: (waitedSeconds: number) => void;
  /** how long to wait for that lock before giving up (default: IMPORT_LOCK_WAIT seconds, or 120) */
  lockWaitSeconds?: number;
  /**
   * true (the default, unless IMPORT_BULK=false): new documents are written set-based; false:
   * every document through the Document Service. Either way the whole import is one transaction.
   */
  bulk?: boolean;
}

/** New documents written per round of multi-row INSERTs. */
const BULK_CHUNK = 1000;

type Entry = { line: number; record: DocumentRecord };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** IMPORT_LOCK_WAIT: seconds the import waits for another process's write lock on SQLite. */
export const lockWaitFromEnv = (env: NodeJS.ProcessEnv = process.env) => {
  const raw = env.IMPORT_LOCK_WAIT;
  const value = raw === undefined || raw === '' ? 120 : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`IMPORT_LOCK_WAIT must be a number of seconds ≥ 0, got "${raw}"`);
  return value;
};

/**
 * Runs `fn` again while SQLite says another process holds the write lock (each try waits up to the
 * connection's busy timeout), for up to `waitSeconds` in all; the last refusal is thrown.
 */
/** Documents written by one import from which the planner's statistics are refreshed after it. */
export const ANALYZE_AFTER = 200;

/**
 * ANALYZE after a bulk load. Without statistics SQLite chose the list index over the document
 * index for a batch read of 50 documents (a whole locale walked per batch: 21 ms against 2.5 ms at
 * 2,000 articles) and the component table's `field` index over its entity index, which made the
 * read model's rendering after an import about twice as slow (BENCHMARKS.md, "Rendering after an
 * import"). On PostgreSQL autovacuum would analyze the new rows only later. SQLite's
 * `analysis_limit` keeps it to a sample of each index (what `PRAGMA optimize` uses).
 */
export const refreshStatistics = async (strapi: Core.Strapi) => {
  // One connection for both statements (the pragma is the connection's).
  await strapi.db.connection.transaction(async (trx) => {
    if (strapi.db.dialect.client === 'sqlite') await trx.raw('PRAGMA analysis_limit = 1000');
    await trx.raw('ANALYZE');
  });
};

const retryWhileLocked = async <T>(fn: () => Promise<T>, waitSeconds: number, onWait?: (waited: number) => void): Promise<T> => {
  const started = Date.now();
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      const waited = (Date.now() - started) / 1000;
      if (!isDatabaseLocked(error) || waited >= waitSeconds) throw error;
      onWait?.(waited);
      await sleep(250);
    }
  }
};

/**
 * SQLite: the import's transaction takes the database's write lock with its first statement. A
 * transaction that reads first and writes later cannot wait for the lock: when another process
 * (a running server) committed in between, SQLite refuses the write at once ("database is
 * locked", SQLITE_BUSY_SNAPSHOT) whatever the busy timeout. Taken first, it is waited for: each
 * try waits up to the connection's busy timeout, and the tries go on for `waitSeconds`.
 */
const takeWriteLock = async (strapi: Core.Strapi, trx: any, waitSeconds: number, onWait?: (waited: number) => void) => {
  if (strapi.db.dialect.client !== 'sqlite') return;
  const table = strapi.db.metadata.get(RECORD_TYPES.article).tableName;
  const started = Date.now();
  try {
    // Writes nothing, but a write statement takes the lock (and keeps it to the commit).
    await retryWhileLocked(() => trx.raw(`update "${table}" set "id" = "id" where 0`), waitSeconds, onWait);
  } catch (error) {
    if (!isDatabaseLocked(error)) throw error;
    const file = (strapi.db.config.connection as any)?.connection?.filename ?? 'the SQLite database';
    throw new Error(
      `${file} stayed locked by another process for ${Math.round((Date.now() - started) / 1000)} s (a running server writing, or another import); nothing was imported. ` +
        'Run the import again when the server is idle or stopped, or set IMPORT_LOCK_WAIT to wait longer (seconds)'
    );
  }
};

/**
 * Checks the whole batch first (the record format, references, and every rule a write would
 * apply: slugs, formats, the attribution plugin's save and publish rules, for new documents and
 * for the stored ones the file changes); with any problem nothing is written. Then writes in
 * dependency order, all in one transaction: on the fast path new documents set-based and
 * existing ones through the Document Service, with --no-bulk every document through the
 * Document Service. A refusal the checks could not foresee (a rule of another plugin) rolls the
 * whole import back and is reported on the record's line.
 */
export const importRecords = async (
  strapi: Core.Strapi,
  entries: Array<{ line: number; record: unknown }>,
  options: BatchOptions = {}
): Promise<BatchSummary> => {
  const started = Date.now();
  const unsupported = bulkUnsupported(strapi);
  const wanted = options.bulk ?? bulkEnabledByEnv();
  if (wanted && unsupported.length > 0) {
    strapi.log.warn(`import: the fast path does not know this storage layout (${unsupported.join('; ')}); writing through the Document Service`);
  }
  const bulk = wanted && unsupported.length === 0;
  const summary: BatchSummary = { created: 0, updated: 0, unchanged: 0, problems: [], seconds: 0, path: bulk ? 'bulk' : 'documents' };
  const labels = new Map(entries.map(({ line, record }) => [line, recordLabel(record)]));
  const finish = (problems: RecordProblem[] = []) => {
    summary.problems = problems
      .map((problem) => (problem.key || !labels.get(problem.line) ? problem : { ...problem, key: labels.get(problem.line) }))
      .sort((a, b) => a.line - b.line);
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  };
  const refOf = (record: DocumentRecord) => `${record.type}:${record.key}`;
  const schemaOf = (record: DocumentRecord) => recordFields(strapi.getModel(RECORD_TYPES[record.type] as never) as unknown as SchemaInfo);
  const waitSeconds = options.lockWaitSeconds ?? lockWaitFromEnv();

  // Checks and writes in one transaction: what is checked is what the writes meet (no other
  // writer slips between them), and a problem found while writing leaves nothing written.
  const checkAndWrite = () =>
    strapi.db.transaction(async ({ trx }): Promise<RecordProblem[]> => {
      await takeWriteLock(strapi, trx, waitSeconds, options.onWaitForLock);
      const { problems, ordered } = await checkRecords(strapi, entries);
      if (problems.length > 0) return problems;

      const index = createKeyIndex(strapi);
      await index.load(ordered.map(({ record }) => refOf(record)));
      const isNew = new Set(ordered.filter(({ record }) => !index.get(refOf(record))).map(({ record }) => refOf(record)));
      // The write rules checked up front need the storage layout the fast path knows; without it
      // the Document Service's own refusals still roll everything back, reported on their line.
      const writer = unsupported.length === 0 ? createBulkWriter(strapi) : null;
      if (writer) {
        const changed = await changedRecords(
          strapi,
          ordered.filter(({ record }) => !isNew.has(refOf(record))).map(({ record }) => ({ record, documentId: index.get(refOf(record))! }))
        );
        const toCheck = ordered.flatMap(({ line, record }) =>
          isNew.has(refOf(record))
            ? [{ line, record }]
            : changed.has(refOf(record))
              ? [{ line, record: changed.get(refOf(record))!, documentId: index.get(refOf(record)) }]
              : []
        );
        const found = await writer.check(toCheck);
        if (found.length > 0) return found;
      }

      /** A Document Service write of one record; a refusal becomes the problems of its line. */
      const upsert = async (entry: Entry, upsertOptions?: Parameters<typeof upsertRecord>[3]) => {
        try {
          return await upsertRecord(strapi, entry.record, index, upsertOptions);
        } catch (error: any) {
          const key = recordLabel(entry.record);
          if (!isRefusal(error)) {
            if (error instanceof Error && !isDatabaseLocked(error)) error.message = `line ${entry.line} (${key}): ${error.message}`;
            throw error;
          }
          const found = refusalProblems(error, { line: entry.line, key, locale: error.recordLocale, action: error.recordAction, fields: schemaOf(entry.record) });
          throw Object.assign(new Error(`line ${entry.line}: ${found[0].message}`), { problems: found });
        }
      };

      options.onStart?.(ordered.length);
      let done = 0;
      let pending: Entry[] = [];
      const flush = async () => {
        if (pending.length === 0 || !writer) return;
        const written = pending;
        pending = [];
        const documentIds = await writer.write(written);
        for (const { record } of written) {
          index.set(refOf(record), documentIds.get(refOf(record))!);
          summary.created += 1;
          done += 1;
          options.onProgress?.(done, 'created', record);
        }
      };
      for (const entry of ordered) {
        if (bulk && isNew.has(refOf(entry.record))) {
          pending.push(entry);
          if (pending.length >= BULK_CHUNK) await flush();
          continue;
        }
        // A Document Service write sees every new document written before it in import order.
        const result = await upsert(entry, {
          beforeWrite: async () => {
            await flush();
            writer?.forget();
          },
        });
        summary[result] += 1;
        done += 1;
        options.onProgress?.(done, result, entry.record);
      }
      await flush();
      return [];
    });
  let found: RecordProblem[];
  try {
    found = await checkAndWrite();
  } catch (error: any) {
    Object.assign(summary, { created: 0, updated: 0, unchanged: 0 });
    // Rolled back: a refusal the checks could not foresee, on its record's line.
    if (Array.isArray(error?.problems)) return finish(error.problems);
    throw error;
  }
  if (found.length > 0) return finish(found);
  // Committed: the response cache's invalidation waits for a running server's write as the
  // import's own lock did (a refusal here would report a committed import as failed).
  if (summary.created > 0 || summary.updated > 0) await retryWhileLocked(() => afterBulkWrite(strapi), waitSeconds, options.onWaitForLock);
  if (summary.created + summary.updated >= ANALYZE_AFTER) {
    // Committed; statistics are an optimisation: a failure is a warning, never a failed import.
    await retryWhileLocked(() => refreshStatistics(strapi), waitSeconds, options.onWaitForLock).catch((error) =>
      strapi.log.warn(`import: the database's planner statistics were not refreshed (${(error as Error)?.message}); run ANALYZE by hand if reads are slow`)
    );
  }
  return finish();
};
