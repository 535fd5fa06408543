import fs from 'node:fs';
import path from 'node:path';

import type { Core } from '@strapi/strapi';

import { importRecords, type BatchOptions, type BatchSummary } from './batch';

/** The reference content: one JSON array of records per type, in import order. */
export const SEED_FILES = ['institutions.json', 'sources.json', 'articles.json'];

export const seedDirectory = (strapi: Core.Strapi) => path.join(strapi.dirs.app.root, 'database', 'seed');

/** Records of the seed files; `line` counts records across the files, in order. */
export const readSeedRecords = (directory: string) => {
  const entries: Array<{ line: number; record: unknown; file: string }> = [];
  for (const file of SEED_FILES) {
    const records = JSON.parse(fs.readFileSync(path.join(directory, file), 'utf8')) as unknown[];
    for (const record of records) entries.push({ line: entries.length + 1, record, file });
  }
  return entries;
};

export const seed = (strapi: Core.Strapi, options: BatchOptions = {}): Promise<BatchSummary> =>
  importRecords(strapi, readSeedRecords(seedDirectory(strapi)), options);

export const describeSummary = ({ created, updated, unchanged, seconds }: BatchSummary) =>
  created + updated === 0
    ? `nothing to change: all ${unchanged} documents are up to date (${seconds.toFixed(1)} s)`
    : `created ${created}, updated ${updated}, unchanged ${unchanged} documents in ${seconds.toFixed(1)} s`;
