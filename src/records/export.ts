import type { Core } from '@strapi/strapi';

import { normalizeRecord, RECORD_TYPES, RECORD_TYPE_ORDER } from '../lib/records';
import { readRecords, schemaGetter } from './store';

const CHUNK = 100;

/** Streams every keyed document as one NDJSON line, types in import order. */
export const exportAll = async (
  strapi: Core.Strapi,
  write: (line: string) => void,
  options: { onStart?: (total: number) => void; onProgress?: (done: number) => void } = {}
) => {
  const getSchema = schemaGetter(strapi);
  const idsByType = new Map<string, string[]>();
  let withoutKey = 0;
  for (const type of RECORD_TYPE_ORDER) {
    const rows: Array<{ documentId: string; key: string | null }> = await strapi.db
      .query(RECORD_TYPES[type] as never)
      .findMany({ select: ['documentId', 'key'], orderBy: [{ id: 'asc' }] });
    const ids = [...new Set(rows.filter((row) => row.key).map((row) => row.documentId))];
    withoutKey += new Set(rows.filter((row) => !row.key).map((row) => row.documentId)).size;
    idsByType.set(type, ids);
  }
  const total = [...idsByType.values()].reduce((sum, ids) => sum + ids.length, 0);
  options.onStart?.(total);

  let written = 0;
  const counts: string[] = [];
  for (const type of RECORD_TYPE_ORDER) {
    const ids = idsByType.get(type) ?? [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const records = await readRecords(strapi, type, { documentId: { $in: ids.slice(i, i + CHUNK) } });
      // Normalized: no component ids, no empty values; what import reads back as the same document.
      for (const record of records) write(JSON.stringify(normalizeRecord(record, getSchema)));
      written += records.length;
      options.onProgress?.(written);
    }
    counts.push(`${ids.length} ${type}${ids.length === 1 ? '' : 's'}`);
  }
  return { written, withoutKey, byType: counts.join(', ') };
};
