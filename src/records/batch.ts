import type { Core } from '@strapi/strapi';

import type { DocumentRecord } from '../lib/records';
import { afterBulkWrite, bulkEnabledByEnv, bulkUnsupported, createBulkWriter } from './bulk';
import { checkRecords, createKeyIndex, upsertRecord, type RecordProblem, type UpsertResult } from './store';

export interface BatchSummary {
  created: number;
  updated: number;
  unchanged: number;
  problems: RecordProblem[];
  seconds: number;
  /** 'bulk': new documents written set-based in one transaction; 'documents': one Document Service write per document */
  path: 'bulk' | 'documents';
}

export interface BatchOptions {
  /** called before the writes start, with the number of documents to write */
  onStart?: (total: number) => void;
  /** called after each document */
  onProgress?: (done: number, result: UpsertResult, record: DocumentRecord) => void;
  /**
   * true (the default, unless IMPORT_BULK=false): new documents are written set-based and the
   * whole import is one transaction; false: every document through the Document Service, each
   * in its own transaction
   */
  bulk?: boolean;
}

/** New documents written per round of multi-row INSERTs. */
const BULK_CHUNK = 1000;

/**
 * Checks the whole batch first; with any problem nothing is written. Then writes in dependency
 * order: on the fast path new documents set-based and existing ones through the Document
 * Service, all in one transaction; on the Document Service path each document in its own.
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
  const finish = (problems: RecordProblem[] = []) => {
    summary.problems = problems.sort((a, b) => a.line - b.line);
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  };
  const { problems, ordered } = await checkRecords(strapi, entries);
  if (problems.length > 0) return finish(problems);
  const index = createKeyIndex(strapi);

  if (!bulk) {
    options.onStart?.(ordered.length);
    let done = 0;
    for (const { record } of ordered) {
      const result = await upsertRecord(strapi, record, index);
      summary[result] += 1;
      done += 1;
      options.onProgress?.(done, result, record);
    }
    return finish();
  }

  const refOf = (record: DocumentRecord) => `${record.type}:${record.key}`;
  await index.load(ordered.map(({ record }) => refOf(record)));
  const isNew = new Set(ordered.filter(({ record }) => !index.get(refOf(record))).map(({ record }) => refOf(record)));
  const writer = createBulkWriter(strapi);
  const found = await writer.check(ordered.filter(({ record }) => isNew.has(refOf(record))));
  if (found.length > 0) return finish(found);

  options.onStart?.(ordered.length);
  let done = 0;
  let pending: typeof ordered = [];
  const flush = async () => {
    if (pending.length === 0) return;
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
  const writeAll = () =>
    strapi.db.transaction(async () => {
      for (const entry of ordered) {
        if (isNew.has(refOf(entry.record))) {
          pending.push(entry);
          if (pending.length >= BULK_CHUNK) await flush();
          continue;
        }
        // A Document Service write sees every new document written before it in import order.
        const result = await upsertRecord(strapi, entry.record, index, {
          beforeWrite: async () => {
            await flush();
            writer.forget();
          },
        });
        summary[result] += 1;
        done += 1;
        options.onProgress?.(done, result, entry.record);
      }
      await flush();
    });
  try {
    await writeAll();
  } catch (error: any) {
    // Rolled back: problems that only Document Service writes earlier in this import could cause.
    if (Array.isArray(error?.problems)) {
      Object.assign(summary, { created: 0, updated: 0, unchanged: 0 });
      return finish(error.problems);
    }
    throw error;
  }
  if (summary.created > 0 || summary.updated > 0) await afterBulkWrite(strapi);
  return finish();
};
