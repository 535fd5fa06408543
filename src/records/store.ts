import { isDeepStrictEqual } from 'node:util';

import type { Core } from '@strapi/strapi';

import type { FieldProblem } from '../lib/field-rules';
import {
  normalizeRecord,
  publishedLocales,
  RECORD_TYPES,
  RECORD_TYPE_ORDER,
  recordFields,
  referencedKeys,
  toDocumentData,
  validateRecord,
  type DocumentRecord,
  type RecordType,
  type SchemaGetter,
  type SchemaInfo,
} from '../lib/records';

/** Strapi glue for the record format (src/lib/records.ts): read documents as records, write records as documents. */

export const schemaGetter = (strapi: Core.Strapi): SchemaGetter => (uid) => strapi.getModel(uid as never) as unknown as SchemaInfo;

const populateFor = (schema: SchemaInfo) => {
  const populate: Record<string, unknown> = {};
  const { relations } = recordFields(schema);
  for (const name of relations) populate[name] = { select: ['key'] };
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.type === 'component') populate[name] = true;
  }
  return populate;
};

type Row = Record<string, any>;

const rowToLocaleData = (row: Row, names: string[]) => {
  const data: Record<string, unknown> = {};
  for (const name of names) if (row[name] !== undefined) data[name] = row[name];
  return data;
};

/** Records for the given documents (or for one page of a type), as export writes them. */
export const readRecords = async (
  strapi: Core.Strapi,
  type: RecordType,
  where: Record<string, unknown>,
  /** 'published': what readers see (export); 'draft': what editors see (compared by the seed) */
  version: 'published' | 'draft' = 'published'
): Promise<DocumentRecord[]> => {
  const uid = RECORD_TYPES[type];
  const schema = schemaGetter(strapi)(uid) as SchemaInfo;
  const fields = recordFields(schema);
  const rows: Row[] = await strapi.db.query(uid as never).findMany({
    where,
    populate: populateFor(schema),
    orderBy: [{ id: 'asc' }],
  });

  const byDocument = new Map<string, Row[]>();
  for (const row of rows) {
    const list = byDocument.get(row.documentId) ?? [];
    list.push(row);
    byDocument.set(row.documentId, list);
  }

  const records: DocumentRecord[] = [];
  for (const versions of byDocument.values()) {
    const key = versions.find((row) => row.key)?.key;
    if (!key) continue; // documents without a key are not portable; export reports them
    const locales: Record<string, Record<string, unknown>> = {};
    const published: string[] = [];
    let representative: Row | undefined;
    const codes = [...new Set(versions.map((row) => row.locale as string))];
    for (const code of codes) {
      const live = versions.find((row) => row.locale === code && row.publishedAt);
      const draft = versions.find((row) => row.locale === code && !row.publishedAt);
      // Export archives what readers see (a locale never published: its draft); the seed compares
      // what editors see, so that an unpublished edit of a seeded document counts as a difference.
      const chosen = version === 'draft' ? (draft ?? live) : (live ?? draft);
      if (!chosen) continue;
      if (live) published.push(code);
      representative ??= chosen;
      locales[code] = rowToLocaleData(chosen, fields.localized);
    }
    if (!representative) continue;
    const relations: Record<string, string | string[] | null> = {};
    for (const name of fields.relations) {
      const value = representative[name];
      relations[name] = Array.isArray(value) ? value.map((target: Row) => target.key).filter(Boolean) : (value?.key ?? null);
    }
    records.push({
      type,
      key,
      publish: published.length === codes.length ? true : published.length === 0 ? false : published.sort(),
      shared: rowToLocaleData(representative, fields.shared),
      relations,
      locales,
    });
  }
  return records;
};

/** documentId by `type:key`, loaded for the keys asked and kept up to date as documents are created. */
export const createKeyIndex = (strapi: Core.Strapi) => {
  const ids = new Map<string, string>();
  return {
    get: (ref: string) => ids.get(ref),
    set: (ref: string, documentId: string) => ids.set(ref, documentId),
    async load(refs: Iterable<string>) {
      const byType = new Map<RecordType, string[]>();
      for (const ref of refs) {
        if (ids.has(ref)) continue;
        const [type, key] = ref.split(':') as [RecordType, string];
        byType.set(type, [...(byType.get(type) ?? []), key]);
      }
      for (const [type, keys] of byType) {
        for (let i = 0; i < keys.length; i += 500) {
          const rows: Row[] = await strapi.db.query(RECORD_TYPES[type] as never).findMany({
            where: { key: { $in: keys.slice(i, i + 500) } },
            select: ['key', 'documentId'],
          });
          for (const row of rows) ids.set(`${type}:${row.key}`, row.documentId);
        }
      }
    },
  };
};
export type KeyIndex = ReturnType<typeof createKeyIndex>;

export type UpsertResult = 'created' | 'updated' | 'unchanged';

/** A slug the record leaves out is whatever the slug rules generated: not a difference. */
const withStoredSlugs = (record: DocumentRecord, current: DocumentRecord): DocumentRecord => {
  const desired: DocumentRecord = { ...record, locales: { ...record.locales } };
  for (const [code, data] of Object.entries(desired.locales)) {
    if (data.slug === undefined && current.locales[code]?.slug) desired.locales[code] = { ...data, slug: current.locales[code].slug };
  }
  return desired;
};

/**
 * The records that would change stored documents (by `type:key`, with the stored slugs filled in
 * where they leave them out, as the write keeps them): the updates an import must check before
 * it writes. Unchanged records are not written, so no write rule applies to them.
 */
export const changedRecords = async (strapi: Core.Strapi, updates: Array<{ record: DocumentRecord; documentId: string }>) => {
  const getSchema = schemaGetter(strapi);
  const changed = new Map<string, DocumentRecord>();
  for (const type of RECORD_TYPE_ORDER) {
    const ofType = updates.filter(({ record }) => record.type === type);
    for (let i = 0; i < ofType.length; i += 200) {
      const chunk = ofType.slice(i, i + 200);
      const stored = await readRecords(strapi, type, { documentId: { $in: chunk.map((item) => item.documentId) } }, 'draft');
      const byKey = new Map(stored.map((current) => [current.key, current]));
      for (const { record } of chunk) {
        const current = byKey.get(record.key);
        const desired = current ? withStoredSlugs(record, current) : record;
        if (!current || !isDeepStrictEqual(normalizeRecord(current, getSchema), normalizeRecord(desired, getSchema))) changed.set(`${type}:${record.key}`, desired);
      }
    }
  }
  return changed;
};

/**
 * Writes one record as one document, all its locales in one transaction: created when its key is
 * new, updated when it differs from what is stored, left alone when it does not.
 */
export const upsertRecord = async (
  strapi: Core.Strapi,
  record: DocumentRecord,
  index: KeyIndex,
  /** beforeWrite: called when the record is going to be written (not when it is unchanged) */
  options: { beforeWrite?: () => Promise<void> } = {}
): Promise<UpsertResult> => {
  const getSchema = schemaGetter(strapi);
  const uid = RECORD_TYPES[record.type];
  const schema = getSchema(uid) as SchemaInfo;
  const documents = strapi.documents(uid as never) as any;
  const ref = `${record.type}:${record.key}`;

  await index.load([ref, ...referencedKeys(record, getSchema).map((item) => item.ref)]);
  let documentId = index.get(ref);

  let currentlyPublished: string[] = [];
  if (documentId) {
    const [current] = await readRecords(strapi, record.type, { documentId }, 'draft');
    if (current) {
      currentlyPublished = publishedLocales(current);
      if (isDeepStrictEqual(normalizeRecord(current, getSchema), normalizeRecord(withStoredSlugs(record, current), getSchema))) return 'unchanged';
    }
  }

  const created = !documentId;
  await options.beforeWrite?.();
  // Which locale and step a refusal came from: the import reports it on the record's line.
  const step = async <T>(locale: string, action: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      if (error && typeof error === 'object') Object.assign(error, { recordLocale: locale, recordAction: action });
      throw error;
    }
  };
  await strapi.db.transaction(async () => {
    for (const locale of Object.keys(record.locales)) {
      const data = toDocumentData(record, locale, schema, index.get);
      if (!documentId) {
        documentId = (await step(locale, 'create', () => documents.create({ locale, data })) as { documentId: string }).documentId;
      } else {
        await step(locale, 'update', () => documents.update({ documentId, locale, data }));
      }
    }
    const publish = publishedLocales(record);
    for (const locale of publish) await step(locale, 'publish', () => documents.publish({ documentId, locale }));
    for (const locale of currentlyPublished) {
      if (!publish.includes(locale)) await step(locale, 'unpublish', () => documents.unpublish({ documentId, locale }));
    }
  });
  index.set(ref, documentId as string);
  return created ? 'created' : 'updated';
};

export interface RecordProblem extends FieldProblem {
  /** 1-based position of the record in its file (its line in NDJSON) */
  line: number;
  /** the record's type and key ("article some-key"), when the line has them */
  key?: string;
}

/**
 * Validates every record and every reference (to a record of the same batch or to a stored
 * document), before anything is written. Returns the records in import order.
 */
export const checkRecords = async (
  strapi: Core.Strapi,
  entries: Array<{ line: number; record: unknown }>
): Promise<{ problems: RecordProblem[]; ordered: Array<{ line: number; record: DocumentRecord }> }> => {
  const getSchema = schemaGetter(strapi);
  const locales: string[] = (await strapi.plugin('i18n').service('locales').find()).map((locale: Row) => locale.code);
  const problems: RecordProblem[] = [];
  const valid: Array<{ line: number; record: DocumentRecord }> = [];
  const inBatch = new Map<string, number>();

  for (const { line, record } of entries) {
    const found = validateRecord(record, { getSchema, locales });
    if (found.length > 0) {
      problems.push(...found.map((problem) => ({ ...problem, line })));
      continue;
    }
    const typed = record as DocumentRecord;
    const ref = `${typed.type}:${typed.key}`;
    if (inBatch.has(ref)) {
      problems.push({ line, path: ['key'], message: `key "${typed.key}" already appears on line ${inBatch.get(ref)}`, value: typed.key });
      continue;
    }
    inBatch.set(ref, line);
    valid.push({ line, record: typed });
  }

  const index = createKeyIndex(strapi);
  const refs = valid.flatMap(({ record }) => referencedKeys(record, getSchema).map((item) => item.ref));
  await index.load(refs.filter((ref) => !inBatch.has(ref)));
  // A locale version links to the same locale of what it refers to: Strapi refuses a draft whose
  // target has no version in its locale ("Document with id …, locale … not found").
  const targetLocales = await storedLocales(strapi, refs.filter((ref) => index.get(ref) || inBatch.has(ref)));
  const byRef = new Map(valid.map((entry) => [`${entry.record.type}:${entry.record.key}`, entry.record]));
  for (const { line, record } of valid) {
    const localized = isLocalizedType(strapi, RECORD_TYPES[record.type]);
    for (const { path, ref } of referencedKeys(record, getSchema)) {
      if (!inBatch.has(ref) && !index.get(ref)) {
        problems.push({ line, path, message: `${path.join('.')} refers to ${ref.replace(':', ' "')}", which is neither in this file nor in the CMS`, value: ref });
        continue;
      }
      const [targetType] = ref.split(':') as [RecordType];
      if (!localized || !isLocalizedType(strapi, RECORD_TYPES[targetType])) continue;
      const available = new Set([...(targetLocales.get(ref) ?? []), ...Object.keys(byRef.get(ref)?.locales ?? {})]);
      const missing = Object.keys(record.locales).filter((code) => !available.has(code));
      if (missing.length > 0) {
        problems.push({
          line,
          path,
          message: `${path.join('.')} refers to ${ref.replace(':', ' "')}", which has no ${missing.join(', ')} version: each locale of a document links to the same locale of the documents it refers to`,
          value: ref,
        });
      }
    }
  }

  return { problems, ordered: orderForImport(valid, getSchema, problems) };
};

const isLocalizedType = (strapi: Core.Strapi, uid: string) => Boolean((strapi.getModel(uid as never) as any)?.pluginOptions?.i18n?.localized);

/** The locales of the drafts of stored documents, by `type:key`. */
const storedLocales = async (strapi: Core.Strapi, refs: string[]) => {
  const locales = new Map<string, Set<string>>();
  const byType = new Map<RecordType, Set<string>>();
  for (const ref of refs) {
    const [type, key] = ref.split(':') as [RecordType, string];
    if (!byType.has(type)) byType.set(type, new Set());
    byType.get(type)!.add(key);
  }
  for (const [type, keySet] of byType) {
    const keys = [...keySet];
    for (let i = 0; i < keys.length; i += 500) {
      const rows: Row[] = await strapi.db.query(RECORD_TYPES[type] as never).findMany({
        where: { key: { $in: keys.slice(i, i + 500) }, publishedAt: null },
        select: ['key', 'locale'],
      });
      for (const row of rows) {
        const ref = `${type}:${row.key}`;
        if (!locales.has(ref)) locales.set(ref, new Set());
        locales.get(ref)!.add(row.locale);
      }
    }
  }
  return locales;
};

/** Types in dependency order; within a type, a document after those it points to (e.g. parent institutions). */
const orderForImport = (
  entries: Array<{ line: number; record: DocumentRecord }>,
  getSchema: SchemaGetter,
  problems: RecordProblem[]
) => {
  const ordered: Array<{ line: number; record: DocumentRecord }> = [];
  for (const type of RECORD_TYPE_ORDER) {
    const ofType = entries.filter(({ record }) => record.type === type);
    const pending = new Map(ofType.map((entry) => [`${type}:${entry.record.key}`, entry]));
    const done = new Set<string>();
    const visit = (ref: string, trail: string[]) => {
      if (done.has(ref) || !pending.has(ref)) return;
      const entry = pending.get(ref)!;
      if (trail.includes(ref)) {
        problems.push({ line: entry.line, path: ['relations'], message: `relations form a cycle: ${[...trail, ref].join(' → ')}` });
        return;
      }
      for (const dependency of referencedKeys(entry.record, getSchema)) visit(dependency.ref, [...trail, ref]);
      if (!done.has(ref)) {
        done.add(ref);
        ordered.push(entry);
      }
    };
    for (const ref of pending.keys()) visit(ref, []);
  }
  return ordered;
};

