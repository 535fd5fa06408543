import { AsyncLocalStorage } from 'node:async_hooks';

import type { Core } from '@strapi/strapi';

import { defaultSource, fieldHashes, summarizeDocument, summaryStamp, versionHash, watchedTexts, type DeskType, type DocumentSummary, type RecordState, type VersionRow } from '../domain';
import { columnsOf, deskTypes, fromJson, RECORD_UID, SUMMARY_UID, withKnex } from '../utils';

type Knex = any;
type Row = Record<string, any>;

/** A version's draft as the desk sees it: its watched text and fingerprints. */
export interface DraftVersion {
  locale: string;
  createdAt: Date | null;
  updatedAt: Date | null;
  texts: Record<string, string>;
  fieldHashes: Record<string, string>;
  hash: string;
}

/** A stored record, decoded. */
export interface StoredRecord extends RecordState {
  documentId: string;
  locale: string;
  draftUpdatedAt: Date | null;
  hashChangedAt: Date | null;
  sourceSnapshot: Record<string, string> | null;
  sourceRecordedAt: Date | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  reviewedById: number | null;
}

/** "This write is a translation from that locale": set by a service call (`translatedFrom`) or the `X-Translated-From` header. */
const explicitSource = new AsyncLocalStorage<{ from: string }>();

const date = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as any));
const time = (value: Date | null) => (value ? value.getTime() : 0);
const CHUNK = 500;
/** How long start-up's reconcile waits for a document a write holds (PostgreSQL), before leaving that batch for later. */
const RECONCILE_LOCK_TIMEOUT = '5s';
const chunks = <T>(list: T[], size = CHUNK): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, index) => list.slice(index * size, (index + 1) * size));

const records = ({ strapi }: { strapi: Core.Strapi }) => {
  const cols = () => columnsOf(strapi, RECORD_UID);
  const typeOf = (uid: string): DeskType | undefined => deskTypes(strapi).get(uid);
  const postgres = () => strapi.db.dialect.client === 'postgres';

  const locales = async (): Promise<{ codes: string[]; defaultLocale: string | null }> => {
    const service = strapi.plugin('i18n').service('locales');
    const [list, defaultLocale] = await Promise.all([service.find(), service.getDefaultLocale()]);
    return { codes: (list as Row[]).map((locale) => locale.code), defaultLocale: defaultLocale ?? null };
  };

  /** The drafts (every version, for a type without draft & publish) of some documents, with their watched text. */
  const loadDrafts = async (knex: Knex, type: DeskType, documentIds: string[]): Promise<Map<string, DraftVersion[]>> => {
    const { table, column } = columnsOf(strapi, type.uid);
    const found = new Map<string, DraftVersion[]>();
    for (const ids of chunks(documentIds)) {
      let query = knex(table)
        .select([
          `${column('documentId')} as documentId`,
          `${column('locale')} as locale`,
          `${column('createdAt')} as createdAt`,
          `${column('updatedAt')} as updatedAt`,
          ...type.fields.map((field) => `${column(field.name)} as f_${field.name}`),
        ])
        .whereIn(column('documentId'), ids);
      if (type.draftAndPublish) query = query.whereNull(column('publishedAt'));
      for (const row of (await query) as Row[]) {
        const values = Object.fromEntries(type.fields.map((field) => [field.name, row[`f_${field.name}`]]));
        const texts = watchedTexts(values, type.fields);
        const hashes = fieldHashes(texts);
        const version: DraftVersion = { locale: row.locale, createdAt: date(row.createdAt), updatedAt: date(row.updatedAt), texts, fieldHashes: hashes, hash: versionHash(hashes) };
        if (!found.has(row.documentId)) found.set(row.documentId, []);
        found.get(row.documentId)!.push(version);
      }
    }
    return found;
  };

  /** The versions of a type (of some documents, or all), with what the status table shows and filters on: one query per 500 documents. */
  const loadVersions = async (knex: Knex, type: DeskType, documentIds?: string[]): Promise<VersionRow[]> => {
    const { table, column } = columnsOf(strapi, type.uid);
    const select = [
      `${column('documentId')} as documentId`,
      `${column('locale')} as locale`,
      `${column('createdAt')} as createdAt`,
      `${column('updatedAt')} as updatedAt`,
      ...(type.draftAndPublish ? [`${column('publishedAt')} as publishedAt`] : []),
      ...(type.title ? [`${column(type.title)} as title`] : []),
      ...(type.date ? [`${column(type.date)} as date`] : []),
      ...type.filters.map((filter) => `${column(filter.name)} as v_${filter.name}`),
    ];
    const rows: Row[] = [];
    if (documentIds) {
      for (const ids of chunks(documentIds)) rows.push(...(await knex(table).select(select).whereIn(column('documentId'), ids)));
    } else {
      rows.push(...(await knex(table).select(select)));
    }
    return rows.map((row) => ({
      documentId: row.documentId,
      locale: row.locale,
      published: type.draftAndPublish ? row.publishedAt !== null && row.publishedAt !== undefined : false,
      createdAt: row.createdAt === null ? null : new Date(row.createdAt),
      updatedAt: row.updatedAt === null ? null : new Date(row.updatedAt),
      title: row.title ?? null,
      date: row.date instanceof Date ? row.date : row.date === null || row.date === undefined ? null : typeof row.date === 'number' ? new Date(row.date).toISOString() : String(row.date),
      values: Object.fromEntries(type.filters.map((filter) => [filter.name, row[`v_${filter.name}`]])),
    })) as VersionRow[];
  };

  const decode = (row: Row): StoredRecord => ({
    documentId: row.entryDocumentId,
    locale: row.entryLocale,
    hash: row.hash,
    fieldHashes: fromJson<Record<string, string>>(row.fieldHashes) ?? {},
    draftUpdatedAt: date(row.draftUpdatedAt),
    hashChangedAt: date(row.hashChangedAt),
    translatedFrom: row.translatedFrom ?? null,
    sourceHash: row.sourceHash ?? null,
    sourceFieldHashes: fromJson<Record<string, string>>(row.sourceFieldHashes),
    sourceSnapshot: fromJson<Record<string, string>>(row.sourceSnapshot),
    sourceRecordedAt: date(row.sourceRecordedAt),
    reviewedAt: date(row.reviewedAt),
    reviewedBy: row.reviewedBy ?? null,
    reviewedById: row.reviewedById === null || row.reviewedById === undefined ? null : Number(row.reviewedById),
  });

  const RECORD_FIELDS = [
    'entryDocumentId',
    'entryLocale',
    'hash',
    'fieldHashes',
    'draftUpdatedAt',
    'hashChangedAt',
    'translatedFrom',
    'sourceHash',
    'sourceFieldHashes',
    'sourceSnapshot',
    'sourceRecordedAt',
    'reviewedAt',
    'reviewedBy',
    'reviewedById',
  ];

  /** Records of a type: of some documents, or (no ids) all of them, in one query. `full`: with the snapshots. */
  const loadRecords = async (knex: Knex, uid: string, documentIds?: string[], { full = true } = {}): Promise<StoredRecord[]> => {
    const { table, column } = cols();
    const fields = full ? RECORD_FIELDS : RECORD_FIELDS.filter((field) => field !== 'sourceSnapshot');
    const select = () => knex(table).select(fields.map((field) => `${column(field)} as ${field}`)).where(column('contentType'), uid);
    if (!documentIds) return ((await select()) as Row[]).map(decode);
    const found: StoredRecord[] = [];
    for (const ids of chunks(documentIds)) found.push(...((await select().whereIn(column('entryDocumentId'), ids)) as Row[]).map(decode));
    return found;
  };

  const encode = (uid: string, record: StoredRecord, now: Date) => {
    const { column } = cols();
    const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
    return {
      [column('contentType')]: uid,
      [column('entryDocumentId')]: record.documentId,
      [column('entryLocale')]: record.locale,
      [column('hash')]: record.hash,
      [column('fieldHashes')]: json(record.fieldHashes),
      [column('draftUpdatedAt')]: record.draftUpdatedAt,
      [column('hashChangedAt')]: record.hashChangedAt,
      [column('translatedFrom')]: record.translatedFrom,
      [column('sourceHash')]: record.sourceHash,
      [column('sourceFieldHashes')]: json(record.sourceFieldHashes),
      [column('sourceSnapshot')]: json(record.sourceSnapshot),
      [column('sourceRecordedAt')]: record.sourceRecordedAt,
      [column('reviewedAt')]: record.reviewedAt,
      [column('reviewedBy')]: record.reviewedBy,
      [column('reviewedById')]: record.reviewedById,
      [column('updatedAt')]: now,
    };
  };

  /**
   * Inserts or updates records, one statement per batch: the unique index on (contentType,
   * entryDocumentId, entryLocale) makes concurrent writers of one version update one row.
   */
  const upsert = async (knex: Knex, uid: string, list: StoredRecord[]) => {
    if (list.length === 0) return;
    const { table, column } = cols();
    const now = new Date();
    const newId = (strapi.db.metadata.get(RECORD_UID as never) as any).attributes.documentId.default;
    for (const batch of chunks(list, 100)) {
      const rows = batch.map((record) => ({
        ...encode(uid, record, now),
        [column('documentId')]: String(newId()),
        [column('createdAt')]: now,
        [column('publishedAt')]: now,
      }));
      const keep = new Set([column('documentId'), column('createdAt'), column('publishedAt')]);
      await knex(table)
        .insert(rows)
        .onConflict([column('contentType'), column('entryDocumentId'), column('entryLocale')])
        .merge(Object.keys(rows[0]).filter((name) => !keep.has(name)));
    }
  };

  const remove = async (knex: Knex, uid: string, gone: Array<{ documentId: string; locale: string }>) => {
    const { table, column } = cols();
    for (const batch of chunks(gone, 200)) {
      await knex(table)
        .where(column('contentType'), uid)
        .andWhere((builder: any) => {
          for (const { documentId, locale } of batch) builder.orWhere({ [column('entryDocumentId')]: documentId, [column('entryLocale')]: locale });
        })
        .delete();
    }
  };

  /**
   * Recomputes the summaries of these documents from their versions now and their records
   * (given, else read): upserts one row per document that has a version, deletes the others.
   */
  const summarizeWith = async (knex: Knex, uid: string, documentIds: string[], known?: Map<string, RecordState>) => {
    const type = typeOf(uid);
    if (!type || documentIds.length === 0) return;
    const ids = [...new Set(documentIds)];
    const versions = await loadVersions(knex, type, ids);
    let states = known;
    if (!states) {
      states = new Map();
      for (const record of await loadRecords(knex, uid, ids, { full: false })) states.set(`${record.documentId}|${record.locale}`, record);
    }
    const byDocument = new Map<string, VersionRow[]>();
    for (const version of versions) {
      if (!byDocument.has(version.documentId)) byDocument.set(version.documentId, []);
      byDocument.get(version.documentId)!.push(version);
    }
    const fields = type.fields.map((field) => field.name);
    const { table, column } = columnsOf(strapi, SUMMARY_UID);
    const now = new Date();
    const newId = (strapi.db.metadata.get(SUMMARY_UID as never) as any).attributes.documentId.default;
    const rows = [...byDocument].map(([documentId, list]) => {
      const summary: DocumentSummary = summarizeDocument(documentId, list, states!, { fields, draftAndPublish: type.draftAndPublish });
      return {
        [column('contentType')]: uid,
        [column('entryDocumentId')]: documentId,
        [column('stamp')]: summaryStamp(type, list),
        [column('cells')]: JSON.stringify(summary.cells),
        [column('updatedAt')]: now,
        [column('documentId')]: String(newId()),
        [column('createdAt')]: now,
        [column('publishedAt')]: now,
      };
    });
    for (const batch of chunks(rows, 100)) {
      await knex(table)
        .insert(batch)
        .onConflict([column('contentType'), column('entryDocumentId')])
        .merge([column('stamp'), column('cells'), column('updatedAt')]);
    }
    const gone = ids.filter((documentId) => !byDocument.has(documentId));
    for (const batch of chunks(gone)) await knex(table).where(column('contentType'), uid).whereIn(column('entryDocumentId'), batch).delete();
  };

  /** The stored summaries of a type: one query. */
  const loadSummaries = async (uid: string): Promise<DocumentSummary[]> => {
    const { table, column } = columnsOf(strapi, SUMMARY_UID);
    const rows: Row[] = await strapi.db.connection(table).select([`${column('entryDocumentId')} as documentId`, `${column('cells')} as cells`]).where(column('contentType'), uid);
    const summaries: DocumentSummary[] = [];
    for (const row of rows) {
      const cells = fromJson<DocumentSummary['cells']>(row.cells);
      if (cells) summaries.push({ documentId: row.documentId, cells });
    }
    return summaries;
  };

  /**
   * One writer at a time per document until the transaction ends (PostgreSQL, MySQL): a summary
   * is computed from every locale's version, so two transactions writing two locales of one
   * document would otherwise each keep the other's old cell. The writer first upserts the
   * documents' summary rows (an empty one for a new document), which locks them until its
   * commit; a second writer of the same document waits there, then reads what the first
   * committed. Row locks live in the rows, not in PostgreSQL's shared lock table, so a
   * transaction may lock thousands (an import of 10,000 documents held that many advisory locks
   * and ran out of it). Rows are locked in documentId order, so two writers of several documents
   * cannot deadlock each other. SQLite runs one write transaction at a time and needs none; nor
   * do documents created in this very transaction (`fresh`: the set-based import's), which no
   * other transaction can see yet.
   */
  const lockDocuments = async (knex: Knex, uid: string, documentIds: string[], { fresh = false } = {}) => {
    if (strapi.db.dialect.client === 'sqlite' || fresh || documentIds.length === 0) return;
    const { table, column } = columnsOf(strapi, SUMMARY_UID);
    const newId = (strapi.db.metadata.get(SUMMARY_UID as never) as any).attributes.documentId.default;
    const now = new Date();
    for (const batch of chunks([...new Set(documentIds)].sort())) {
      await knex(table)
        .insert(batch.map((documentId) => ({ [column('contentType')]: uid, [column('entryDocumentId')]: documentId, [column('documentId')]: String(newId()), [column('createdAt')]: now, [column('updatedAt')]: now, [column('publishedAt')]: now })))
        .onConflict([column('contentType'), column('entryDocumentId')])
        .merge([column('updatedAt')]);
    }
  };

  /**
   * What the record of each version of one document becomes, given its drafts now and its
   * records so far (pure but for the clock): a new version records where it was translated from
   * (the explicit source, else the version created first) and that source's text now; a version
   * whose watched text changed records its new hash and, being a translation saved with new
   * text, its source's text now; an unchanged version keeps its source state (so it stays stale
   * until its text changes or it is reviewed). Returns the records to write and to delete.
   */
  const plan = (
    documentId: string,
    drafts: DraftVersion[],
    existing: StoredRecord[],
    { explicit, defaultLocale, codes, now }: { explicit?: { locale: string; from: string } | null; defaultLocale: string | null; codes: string[]; now: Date }
  ) => {
    const byLocale = new Map(drafts.map((draft) => [draft.locale, draft]));
    const records = new Map(existing.map((record) => [record.locale, record]));
    const write: StoredRecord[] = [];
    const sourceState = (from: string | null) => {
      const source = from ? byLocale.get(from) : undefined;
      return source
        ? { sourceHash: source.hash, sourceFieldHashes: source.fieldHashes, sourceSnapshot: source.texts, sourceRecordedAt: now }
        : { sourceHash: null, sourceFieldHashes: null, sourceSnapshot: null, sourceRecordedAt: null };
    };
    for (const draft of drafts) {
      const record = records.get(draft.locale);
      const explicitFrom = explicit && explicit.locale === draft.locale && explicit.from !== draft.locale && byLocale.has(explicit.from) ? explicit.from : null;
      if (!record) {
        const from = explicitFrom ?? defaultSource(draft.locale, drafts, { defaultLocale, locales: codes });
        write.push({
          documentId,
          locale: draft.locale,
          hash: draft.hash,
          fieldHashes: draft.fieldHashes,
          draftUpdatedAt: draft.updatedAt,
          hashChangedAt: now,
          translatedFrom: from,
          ...sourceState(from),
          reviewedAt: null,
          reviewedBy: null,
          reviewedById: null,
        });
        continue;
      }
      const textChanged = record.hash !== draft.hash;
      const sourceChanged = explicitFrom !== null && explicitFrom !== record.translatedFrom;
      if (!textChanged && !sourceChanged && time(record.draftUpdatedAt) === time(draft.updatedAt)) continue;
      const from = explicitFrom ?? record.translatedFrom;
      write.push({
        ...record,
        hash: draft.hash,
        fieldHashes: draft.fieldHashes,
        draftUpdatedAt: draft.updatedAt,
        hashChangedAt: textChanged ? now : record.hashChangedAt,
        translatedFrom: from,
        ...(textChanged || sourceChanged ? sourceState(from) : {}),
      });
    }
    const gone = existing.filter((record) => !byLocale.has(record.locale)).map((record) => ({ documentId, locale: record.locale }));
    return { write, gone };
  };

  /**
   * Brings the records of these documents up to date with their drafts (in the caller's
   * transaction when there is one). `explicit`: the version in `locale` was translated from `from`;
   * `fresh`: the documents were created in this transaction (no lock needed, see lockDocuments).
   */
  const recordWith = async (knex: Knex, uid: string, documentIds: string[], { explicit = null as { locale: string; from: string } | null, fresh = false } = {}) => {
    const type = typeOf(uid);
    if (!type || documentIds.length === 0) return;
    const { codes, defaultLocale } = await locales();
    const ids = [...new Set(documentIds)];
    await lockDocuments(knex, uid, ids, { fresh });
    const drafts = await loadDrafts(knex, type, ids);
    const existing = new Map<string, StoredRecord[]>();
    for (const record of await loadRecords(knex, uid, ids)) {
      if (!existing.has(record.documentId)) existing.set(record.documentId, []);
      existing.get(record.documentId)!.push(record);
    }
    const now = new Date();
    const write: StoredRecord[] = [];
    const gone: Array<{ documentId: string; locale: string }> = [];
    for (const documentId of ids) {
      const planned = plan(documentId, drafts.get(documentId) ?? [], existing.get(documentId) ?? [], { explicit, defaultLocale, codes, now });
      write.push(...planned.write);
      gone.push(...planned.gone);
    }
    await upsert(knex, uid, write);
    await remove(knex, uid, gone);
    // The records now, for the summaries: what was there, what was written, less what went.
    const states = new Map<string, RecordState>();
    for (const list of existing.values()) for (const record of list) states.set(`${record.documentId}|${record.locale}`, record);
    for (const record of write) states.set(`${record.documentId}|${record.locale}`, record);
    for (const { documentId, locale } of gone) states.delete(`${documentId}|${locale}`);
    await summarizeWith(knex, uid, ids, states);
  };

  /**
   * Brings the records of these documents up to date with their drafts, in the caller's
   * transaction when there is one, else in its own (the summaries' locks last until it ends).
   * `explicit`: the version in `locale` was translated from `from`; `fresh`: the documents were
   * created in this transaction (no lock needed, see lockDocuments).
   */
  const recordDocuments = async (uid: string, documentIds: string[], options: { explicit?: { locale: string; from: string } | null; fresh?: boolean } = {}) => {
    await strapi.db.transaction(({ trx }) => recordWith(trx, uid, documentIds, options));
  };

  /** Records the review of a translation: its source's text now becomes what it is compared with. Null when there is no such version. */
  const review = async (uid: string, documentId: string, locale: string, by: { id?: number | null; name: string | null }) =>
    strapi.db.transaction(async () => {
      await recordDocuments(uid, [documentId]);
      const type = typeOf(uid)!;
      return withKnex(strapi, async (knex) => {
        const drafts = (await loadDrafts(knex, type, [documentId])).get(documentId) ?? [];
        const record = (await loadRecords(knex, uid, [documentId])).find((candidate) => candidate.locale === locale);
        if (!record || !drafts.some((draft) => draft.locale === locale)) return null;
        const source = record.translatedFrom ? drafts.find((draft) => draft.locale === record.translatedFrom) : undefined;
        const now = new Date();
        await upsert(knex, uid, [
          {
            ...record,
            ...(source ? { sourceHash: source.hash, sourceFieldHashes: source.fieldHashes, sourceSnapshot: source.texts, sourceRecordedAt: now } : {}),
            reviewedAt: now,
            reviewedBy: by.name,
            reviewedById: by.id ?? null,
          },
        ]);
        await summarizeWith(knex, uid, [documentId]);
        return true;
      });
    });

  /**
   * Versions whose record is missing or older than their draft (written without the Document
   * Service: an import, a script; or a record that failed), records of versions that are gone,
   * and documents whose summary is missing, left over or computed from other versions (or
   * another config): recorded and summarized again, in batches. Three queries to find them,
   * whatever the size. Returns how many documents it brought up to date.
   */
  const reconcile = async (uid: string, { records: withRecords = true } = {}): Promise<number> => {
    const type = typeOf(uid);
    if (!type) return 0;
    const { table, column } = columnsOf(strapi, uid);
    const knex = strapi.db.connection;
    const select = [`${column('documentId')} as documentId`, `${column('locale')} as locale`, `${column('updatedAt')} as updatedAt`, ...(type.draftAndPublish ? [`${column('publishedAt')} as publishedAt`] : [])];
    const versions: Row[] = await knex(table).select(select);
    const recorded = new Map((await loadRecords(knex, uid, undefined, { full: false })).map((record) => [`${record.documentId}|${record.locale}`, record]));
    const summaries = columnsOf(strapi, SUMMARY_UID);
    const stamps = new Map<string, string>(
      ((await knex(summaries.table).select([`${summaries.column('entryDocumentId')} as documentId`, `${summaries.column('stamp')} as stamp`]).where(summaries.column('contentType'), uid)) as Row[]).map((row) => [row.documentId, row.stamp])
    );
    const due = new Set<string>();
    const seen = new Set<string>();
    const byDocument = new Map<string, Array<{ locale: string; published: boolean; updatedAt: Date | null }>>();
    for (const version of versions) {
      const published = type.draftAndPublish && version.publishedAt !== null && version.publishedAt !== undefined;
      if (!byDocument.has(version.documentId)) byDocument.set(version.documentId, []);
      byDocument.get(version.documentId)!.push({ locale: version.locale, published, updatedAt: date(version.updatedAt) });
      if (published) continue;
      const key = `${version.documentId}|${version.locale}`;
      seen.add(key);
      const record = recorded.get(key);
      if (!record || time(record.draftUpdatedAt) !== time(date(version.updatedAt))) due.add(version.documentId);
    }
    for (const [key, record] of recorded) if (!seen.has(key)) due.add(record.documentId);
    if (!withRecords) due.clear();
    const summarize = new Set<string>();
    for (const [documentId, list] of byDocument) if (!due.has(documentId) && stamps.get(documentId) !== summaryStamp(type, list)) summarize.add(documentId);
    for (const documentId of stamps.keys()) if (!byDocument.has(documentId) && !due.has(documentId)) summarize.add(documentId);
    // One batch that fails (a lock held too long by a long import on another instance, a hiccup)
    // is logged and left for the next start; the others go on.
    let done = 0;
    const inBatches = async (ids: string[], size: number, what: string, work: (trx: Knex, batch: string[]) => Promise<void>) => {
      for (const batch of chunks(ids, size)) {
        try {
          await strapi.db.transaction(async ({ trx }) => {
            if (postgres()) await trx.raw(`set local lock_timeout = '${RECONCILE_LOCK_TIMEOUT}'`);
            await work(trx, batch);
          });
          done += batch.length;
        } catch (error: any) {
          strapi.log.error(`translation-desk: ${what} ${batch.length} ${uid} documents failed (left for the next start or save): ${error?.message ?? error}`);
        }
      }
    };
    await inBatches([...due], 200, 'recording', (trx, batch) => recordWith(trx, uid, batch));
    await inBatches([...summarize], CHUNK, 'summarizing', async (trx, batch) => {
      // another instance may be writing these documents meanwhile
      await lockDocuments(trx, uid, batch);
      await summarizeWith(trx, uid, batch);
    });
    return done;
  };

  /**
   * recordDocuments under a savepoint of the current transaction (the write's): when recording
   * fails it is undone alone and logged, and the write goes on (the record is repaired at the
   * next start or save). Returns whether it recorded.
   */
  const recordSafely = async (uid: string, documentIds: string[], options: { explicit?: { locale: string; from: string } | null; action?: string; fresh?: boolean } = {}) => {
    if (!typeOf(uid) || documentIds.length === 0) return true;
    try {
      await withKnex(strapi, (knex) => knex.transaction((savepoint: Knex) => recordWith(savepoint, uid, documentIds, options)));
      return true;
    } catch (error: any) {
      strapi.log.error(
        `translation-desk: could not record ${uid} ${documentIds.slice(0, 5).join(', ')}${documentIds.length > 5 ? ` and ${documentIds.length - 5} more` : ''}${options.action ? ` after ${options.action}` : ''} (the write is kept; the record is repaired at the next start): ${error?.message ?? error}`
      );
      return false;
    }
  };

  return {
    locales,
    recordSafely,
    loadDrafts: (type: DeskType, documentIds: string[]) => withKnex(strapi, (knex) => loadDrafts(knex, type, documentIds)),
    loadRecords: (uid: string, documentIds?: string[], options?: { full?: boolean }) => withKnex(strapi, (knex) => loadRecords(knex, uid, documentIds, options)),
    loadVersions: (type: DeskType, documentIds?: string[]) => withKnex(strapi, (knex) => loadVersions(knex, type, documentIds)),
    loadSummaries,
    /** Recomputes the summaries of these documents (in the caller's transaction when there is one). */
    summarizeDocuments: async (uid: string, documentIds: string[]) => {
      await strapi.db.transaction(async ({ trx }) => {
        await lockDocuments(trx, uid, documentIds);
        await summarizeWith(trx, uid, documentIds);
      });
    },
    plan,
    recordDocuments,
    /** The same with a given knex (a savepoint). */
    recordDocumentsWith: recordWith,
    review,
    reconcile,
    /** Runs `fn` (Document Service writes) as a translation from `from`: the versions it creates or saves record it. */
    translatedFrom: <T>(from: string, fn: () => Promise<T>): Promise<T> => explicitSource.run({ from }, fn),
    explicitSource: (): string | null => explicitSource.getStore()?.from ?? null,
  };
};

export default records;
