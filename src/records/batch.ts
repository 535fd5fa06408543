import type { Core } from '@strapi/strapi';

import type { DocumentRecord } from '../lib/records';
import { checkRecords, createKeyIndex, upsertRecord, type RecordProblem, type UpsertResult } from './store';

export interface BatchSummary {
  created: number;
  updated: number;
  unchanged: number;
  problems: RecordProblem[];
  seconds: number;
}

export interface BatchOptions {
  /** called before the writes start, with the number of documents to write */
  onStart?: (total: number) => void;
  /** called after each document */
  onProgress?: (done: number, result: UpsertResult, record: DocumentRecord) => void;
}

/**
 * Checks the whole batch first; with any problem nothing is written. Otherwise writes each
 * document in its own transaction (whole or not at all), in dependency order.
 */
export const importRecords = async (
  strapi: Core.Strapi,
  entries: Array<{ line: number; record: unknown }>,
  options: BatchOptions = {}
): Promise<BatchSummary> => {
  const started = Date.now();
  const summary: BatchSummary = { created: 0, updated: 0, unchanged: 0, problems: [], seconds: 0 };
  const { problems, ordered } = await checkRecords(strapi, entries);
  if (problems.length > 0) {
    summary.problems = problems.sort((a, b) => a.line - b.line);
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  }
  options.onStart?.(ordered.length);
  const index = createKeyIndex(strapi);
  let done = 0;
  for (const { record } of ordered) {
    const result = await upsertRecord(strapi, record, index);
    summary[result] += 1;
    done += 1;
    options.onProgress?.(done, result, record);
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
};
