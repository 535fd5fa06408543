import type { Core } from '@strapi/strapi';

import { managedSlugFields } from '../document-middlewares/slugs';
import { findFormatProblems, type SchemaLookup } from '../lib/field-rules';
import {
  publishedLocales,
  RECORD_TYPES,
  recordFields,
  toDocumentData,
  type DocumentRecord,
  type RecordType,
  type SchemaInfo,
} from '../lib/records';
import { isValidSlug, slugCandidate, slugFromTitle } from '../lib/slug';
import { typeLayout, type TypeLayout } from './layout';
import type { RecordProblem } from './store';

/**
 * The set-based import of NEW documents (docs/import-export.md, "The fast path"): the rows the
 * Document Service would write for `create` of each locale and `publish` of the published ones,
 * written with multi-row INSERTs inside the import's one transaction. What the Document Service
 * middlewares do on those writes is done here in memory and in the same order: slugs (the slug
 * rules of src/lib/slug.ts over one read of the stored slugs), the format rules, and the
 * reprint-attribution plugin's save and publish rules. tests/integration/import-bulk.test.ts
 * proves that the result is what the Document Service path writes.
 */

type Row = Record<string, any>;
/** A record in import order; `documentId` when it updates a stored document. */
type Entry = { line: number; record: DocumentRecord; documentId?: string };
/** Slugs in use per `uid|field|locale`, each with the document that holds it. */
type UsedSlugs = Map<string, Map<string, string>>;
type Knex = any;

const uidOf = (type: RecordType) => RECORD_TYPES[type];
const refOf = (record: DocumentRecord) => `${record.type}:${record.key}`;
const typeOfTarget = (target: string) => (Object.keys(RECORD_TYPES) as RecordType[]).find((type) => RECORD_TYPES[type] === target);
const relationKeys = (value: unknown): string[] => (value === null || value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string]);
const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Row ids of one document's versions: locale → id, for drafts and for published versions. */
interface Versions {
  documentId: string;
  draft: Map<string, number>;
  published: Map<string, number>;
}

/**
 * What Strapi's database fields (@strapi/database, fields/*: toDB) do with a value on create, for
 * the attribute types records carry; a type not listed here makes the layout unsupported
 * (layout.ts), and the import falls back to the Document Service.
 */
export const SCALAR_CONVERTERS: Record<string, (value: any) => unknown> = {
  increments: (value) => value,
  string: (value) => String(value),
  text: (value) => String(value),
  uid: (value) => String(value),
  email: (value) => String(value),
  enumeration: (value) => String(value),
  boolean: (value) =>
    typeof value === 'boolean' ? value : ['true', 't', '1', 1].includes(value) ? true : ['false', 'f', '0', 0].includes(value) ? false : Boolean(value),
  date: (value) => {
    const day = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).match(/^\d{4}-\d{2}-\d{2}/)?.[0];
    if (!day) throw new Error(`Invalid format, expected yyyy-MM-dd: ${value}`);
    return day;
  },
  datetime: (value) => (value instanceof Date ? value : new Date(value)),
  json: (value) => (typeof value === 'object' ? JSON.stringify(value) : value),
  blocks: (value) => (typeof value === 'object' ? JSON.stringify(value) : value),
};

/** Bound parameters per INSERT: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_BINDINGS = 30000;

/** Why the fast path cannot write these types (an unknown storage layout), or [] when it can. */
export const bulkUnsupported = (strapi: Core.Strapi): string[] =>
  Object.values(RECORD_TYPES).flatMap((uid) => typeLayout(strapi, uid).unsupported.map((reason) => `${uid}: ${reason}`));

/** Whether imports take the fast path: IMPORT_BULK=false (or 0, no, off) turns it off. */
export const bulkEnabledByEnv = (env: NodeJS.ProcessEnv = process.env) => !/^(false|0|no|off)$/i.test(env.IMPORT_BULK ?? '');

export const createBulkWriter = (strapi: Core.Strapi) => {
  const layouts = new Map<string, TypeLayout>(Object.values(RECORD_TYPES).map((uid) => [uid, typeLayout(strapi, uid)]));
  const getModel = (uid: string) => strapi.getModel(uid as never) as any;
  const getSchema: SchemaLookup = (uid) => getModel(uid);
  const postgres = strapi.db.dialect.client === 'postgres';
  /** The connection, or the transaction the caller runs in (knex does not join Strapi's transaction by itself). */
  const withKnex = <T>(fn: (k: Knex) => Promise<T>): Promise<T> =>
    strapi.db.inTransaction() ? (strapi.db.transaction(({ trx }) => fn(trx)) as Promise<T>) : fn(strapi.db.connection);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

  /** Versions of the documents this import created, by `type:key`. */
  const created = new Map<string, Versions>();
  /** Stored slugs per `uid|field|locale`, read once; forgotten after a Document Service write. */
  let usedSlugs: UsedSlugs | null = null;
  /** What check() prepared (slugs included), while nothing else has written since. */
  let planned = new Map<DocumentRecord, ReturnType<typeof prepare>['prepared'][number]>();
  /** SQLite: the next free id per table (rows reserved here are not in the table yet). */
  const nextIds = new Map<string, number>();

  const loadSlugs = (uids: string[]) => withKnex(async (k) => {
    const slugs: UsedSlugs = new Map();
    for (const uid of uids) {
      const layout = layouts.get(uid)!;
      for (const { field } of managedSlugFields(getModel(uid))) {
        const column = layout.columns[field];
        const rows: Row[] = await k(layout.table).select({ slug: column, locale: layout.columns.locale, documentId: layout.columns.documentId }).whereNotNull(column);
        for (const row of rows) {
          const key = `${uid}|${field}|${row.locale}`;
          if (!slugs.has(key)) slugs.set(key, new Map());
          slugs.get(key)!.set(row.slug, row.documentId);
        }
      }
    }
    return slugs;
  });

  /**
   * What the slug middleware does on `create` or `update` in one locale, against `used`: a slug
   * given is kept unless another document (than `owner`) has it (a problem), a missing one of a
   * new document is generated from the title with the first free suffix. An update's missing
   * slug is left to the middleware: it keeps or generates one, which never fails. Mutates
   * `data`; returns the problems.
   */
  const assignSlugs = (uid: string, locale: string, data: Row, used: UsedSlugs, owner: string, updating: boolean): Array<{ path: string[]; message: string; value?: unknown }> => {
    const problems: Array<{ path: string[]; message: string; value?: unknown }> = [];
    for (const { field, targetField } of managedSlugFields(getModel(uid))) {
      const key = `${uid}|${field}|${locale}`;
      if (!used.has(key)) used.set(key, new Map());
      const taken = used.get(key)!;
      const provided = data[field];
      if (!isBlank(provided)) {
        if (!isValidSlug(provided)) continue;
        const holder = taken.get(provided);
        if (holder !== undefined && holder !== owner) {
          problems.push({
            path: [field],
            message: `${field} "${provided}" is already used by another document in locale ${locale}; choose another or leave it empty to generate one`,
            value: provided,
          });
        } else taken.set(provided, owner);
        continue;
      }
      if (updating) continue;
      const title = data[targetField];
      const base = typeof title === 'string' ? slugFromTitle(title, { locale }) : '';
      if (!base) {
        if (provided !== undefined) data[field] = null;
        continue;
      }
      // pickFreeSlug's rule (the first free of base, base-2, …) on the set itself, without a copy per slug.
      let attempt = 1;
      while (taken.has(slugCandidate(base, attempt))) attempt += 1;
      data[field] = slugCandidate(base, attempt);
      taken.set(data[field], owner);
    }
    return problems;
  };

  /** Stored versions (and the fields the attribution rules read) of the documents `refs` name, by ref. */
  const loadStored = (refs: Iterable<string>, extra: Partial<Record<RecordType, string[]>> = {}) => withKnex(async (k) => {
    const byType = new Map<RecordType, Set<string>>();
    for (const ref of refs) {
      if (created.has(ref)) continue;
      const [type, key] = ref.split(':') as [RecordType, string];
      if (!byType.has(type)) byType.set(type, new Set());
      byType.get(type)!.add(key);
    }
    const stored = new Map<string, Versions & { rows: Row[] }>();
    for (const [type, keys] of byType) {
      const layout = layouts.get(uidOf(type))!;
      const c = layout.columns;
      const select: Record<string, string> = { id: c.id, documentId: c.documentId, key: c.key, locale: c.locale, publishedAt: c.publishedAt };
      for (const name of extra[type] ?? []) select[name] = c[name];
      const list = [...keys];
      for (let i = 0; i < list.length; i += 1000) {
        const rows: Row[] = await k(layout.table).select(select).whereIn(c.key, list.slice(i, i + 1000));
        for (const row of rows) {
          const ref = `${type}:${row.key}`;
          if (!stored.has(ref)) stored.set(ref, { documentId: row.documentId, draft: new Map(), published: new Map(), rows: [] });
          const versions = stored.get(ref)!;
          versions.rows.push(row);
          (row.publishedAt ? versions.published : versions.draft).set(row.locale, Number(row.id));
        }
      }
    }
    return stored;
  });

  /** The Document Service `data` of each locale of a new record, with its slugs; and the problems the write-time rules would raise. */
  const prepare = (entries: Entry[], used: UsedSlugs) => {
    const problems: RecordProblem[] = [];
    const prepared = entries.map(({ line, record, documentId }) => {
      const uid = uidOf(record.type);
      const schema = getModel(uid) as SchemaInfo;
      const fields = recordFields(schema);
      const locales = new Map<string, Row>();
      const seen = new Set<string>();
      for (const locale of Object.keys(record.locales)) {
        // Relations are resolved at write time; here only the fields the rules look at.
        const data = toDocumentData(record, locale, schema, () => undefined);
        for (const name of fields.relations) delete data[name];
        for (const problem of findFormatProblems(getSchema, uid, data)) {
          const where = fields.localized.includes(problem.path[0]) ? ['locales', locale] : [];
          const path = [...where, ...(where.length === 0 && fields.shared.includes(problem.path[0]) ? ['shared'] : []), ...problem.path];
          if (seen.has(path.join('.'))) continue;
          seen.add(path.join('.'));
          problems.push({ line, path, message: `${path.join('.')}: ${problem.message}`, value: problem.value });
        }
        for (const problem of assignSlugs(uid, locale, data, used, documentId ?? `new:${refOf(record)}`, Boolean(documentId))) {
          problems.push({ line, path: ['locales', locale, ...problem.path], message: `locales.${locale}.${problem.message}`, value: problem.value });
        }
        locales.set(locale, data);
      }
      return { line, record, locales };
    });
    return { prepared, problems };
  };

  /**
   * The reprint-attribution plugin's rules, as its Document Service middleware applies them: the
   * reprint's values on every save, and on publish a complete reprint whose source is published
   * in the reprint's locale.
   */
  const attributionProblems = async (prepared: ReturnType<typeof prepare>['prepared']): Promise<RecordProblem[]> => {
    const plugin = strapi.plugin('reprint-attribution');
    if (!plugin) return [];
    const attributable: Record<string, any> = (strapi.config.get('plugin::reprint-attribution') as any)?.contentTypes ?? {};
    const service = plugin.service('attribution');
    const problems: RecordProblem[] = [];
    const sourceRefs = new Set<string>();
    const sourceTypes = new Map<string, RecordType>();
    for (const { record } of prepared) {
      const fields = attributable[uidOf(record.type)];
      if (!fields) continue;
      const sourceType = typeOfTarget(getModel(uidOf(record.type)).attributes[fields.source]?.target);
      if (!sourceType) continue;
      sourceTypes.set(record.type, sourceType);
      for (const key of relationKeys(record.relations?.[fields.source])) sourceRefs.add(`${sourceType}:${key}`);
    }
    const sourceFields = ['name', 'homepage'];
    const stored = await loadStored(sourceRefs, Object.fromEntries([...new Set(sourceTypes.values())].map((type) => [type, sourceFields])));
    const inBatch = new Map(prepared.map((item) => [refOf(item.record), item]));
    const now = new Date();
    const toPublish: Array<{ uid: string; row: Row; report: (problem: { path: string[]; message: string }) => void }> = [];

    for (const { line, record, locales } of prepared) {
      const uid = uidOf(record.type);
      const fields = attributable[uid];
      const sourceType = sourceTypes.get(record.type);
      if (!fields || !sourceType) continue;
      const componentUid = getModel(uid).attributes[fields.reprint]?.component;
      const componentDefaults = Object.fromEntries(
        Object.entries(getModel(componentUid)?.attributes ?? {}).filter(([, a]: [string, any]) => 'default' in a).map(([name, a]: [string, any]) => [name, a.default])
      );
      const [sourceKey] = relationKeys(record.relations?.[fields.source]);
      const sourceRef = sourceKey ? `${sourceType}:${sourceKey}` : null;
      const publish = publishedLocales(record);
      const report = (locale: string, problem: { path: string[]; message: string }) => {
        const [head, ...rest] = problem.path;
        const path = head === 'source' ? ['relations', fields.source] : ['locales', locale, fields[head] ?? head, ...rest];
        problems.push({ line, path, message: `${path.join('.')}: [${locale}] ${problem.message}` });
      };
      for (const [locale, data] of locales) {
        for (const problem of service.saveProblems(data[fields.reprint])) if (problem.severity === 'error') report(locale, problem);
        if (!publish.includes(locale)) continue;
        const batchSource = sourceRef ? inBatch.get(sourceRef) : undefined;
        const storedSource = sourceRef ? stored.get(sourceRef) : undefined;
        let source: Row | null = null;
        let sourcePublished = false;
        if (batchSource) {
          const sourceData = batchSource.locales.get(locale);
          if (sourceData) source = { id: 0, name: sourceData.name ?? null, homepage: sourceData.homepage ?? null };
          sourcePublished = publishedLocales(batchSource.record).includes(locale);
        } else if (storedSource) {
          const row = storedSource.rows.find((item) => item.locale === locale && !item.publishedAt);
          if (row) source = { id: row.id, name: row.name ?? null, homepage: row.homepage ?? null };
          sourcePublished = storedSource.published.has(locale);
        }
        const reprint = data[fields.reprint] ? { ...componentDefaults, ...data[fields.reprint] } : null;
        const row: Row = { ...data, locale, [fields.reprint]: reprint, [fields.source]: source, updatedAt: now };
        if (fields.image) row[fields.image] = null;
        toPublish.push({ uid, row, report: (problem) => report(locale, problem) });
        if (reprint?.isReprint && source && !sourcePublished) {
          report(locale, { path: ['source'], message: `The source of a reprint must be published in ${locale} first: publish it, or choose a published source` });
        }
      }
    }
    // The plugin's publish rules, one call per type for all the versions to publish.
    for (const uid of new Set(toPublish.map((item) => item.uid))) {
      const items = toPublish.filter((item) => item.uid === uid);
      const results: Array<{ problems: Array<{ path: string[]; message: string; severity: string }> }> = await service.publishProblems(uid, items.map((item) => item.row));
      results.forEach((result, i) => {
        for (const problem of result.problems) if (problem.severity === 'error') items[i].report(problem);
      });
    }
    return problems;
  };

  /**
   * Every problem the Document Service would raise while writing these records (new ones, and
   * changed ones with the `documentId` they update), in import order, before anything is written.
   */
  const check = async (entries: Entry[]): Promise<RecordProblem[]> => {
    if (entries.length === 0) return [];
    const used = await loadSlugs(Object.values(RECORD_TYPES));
    const { prepared, problems } = prepare(entries, used);
    problems.push(...(await attributionProblems(prepared)));
    // Until a Document Service write changes what is stored, the writes use what was checked.
    planned = new Map(prepared.map((item) => [item.record, item]));
    usedSlugs = used;
    return problems;
  };

  /** `count` fresh ids of `table`, in ascending order. */
  const reserveIds = (table: string, count: number): Promise<number[]> => withKnex(async (k) => {
    if (count === 0) return [];
    if (postgres) {
      const result = await k.raw(`select nextval(pg_get_serial_sequence(?, 'id')) as id from generate_series(1, ?)`, [table, count]);
      return result.rows.map((row: Row) => Number(row.id)).sort((a: number, b: number) => a - b);
    }
    let next = nextIds.get(table);
    if (next === undefined) {
      const [{ max }] = await k(table).max({ max: 'id' });
      const sequence = await k.raw('select seq from sqlite_sequence where name = ?', [table]).catch(() => []);
      next = Math.max(Number(max ?? 0), Number(sequence?.[0]?.seq ?? 0)) + 1;
    }
    nextIds.set(table, next + count);
    return Array.from({ length: count }, (_, i) => next! + i);
  });

  /** Multi-row INSERTs of plain values (link and component join tables). */
  const insertRows = (table: string, columns: string[], rows: unknown[][]) => withKnex(async (k) => {
    const perStatement = Math.max(1, Math.floor(MAX_BINDINGS / columns.length));
    const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await k.raw(head + chunk.map(() => tuple).join(', '), chunk.flat());
    }
  });

  /**
   * Entity and component rows: every scalar column of the table (Strapi's metadata), each value
   * converted as Strapi's fields convert it on create (defaults for what is missing, dates as
   * YYYY-MM-DD, datetimes as Date, JSON and blocks as JSON text, booleans), in multi-row INSERTs.
   */
  const createRows = async (uid: string, rows: Row[]) => {
    const attributes = Object.entries(strapi.db.metadata.get(uid).attributes as Record<string, any>).filter(([, a]) => SCALAR_CONVERTERS[a.type] && a.columnName);
    const columns = attributes.map(([, attribute]) => attribute.columnName as string);
    const values = rows.map((row) =>
      attributes.map(([name, attribute]) => {
        let value = row[name];
        if (value === undefined) value = typeof attribute.default === 'function' ? attribute.default() : attribute.default;
        return value === undefined || value === null ? null : SCALAR_CONVERTERS[attribute.type](value);
      })
    );
    await insertRows(strapi.db.metadata.get(uid).tableName, columns, values);
  };

  /**
   * Writes new records (in import order; what they refer to is stored or written earlier in
   * this import) inside the caller's transaction. Returns each record's documentId.
   */
  const write = async (entries: Entry[]): Promise<Map<string, string>> => {
    const documentIds = new Map<string, string>();
    if (entries.length === 0) return documentIds;
    const checked = entries.every(({ record }) => planned.has(record));
    const { prepared, problems } = checked
      ? { prepared: entries.map(({ record }) => planned.get(record)!), problems: [] as RecordProblem[] }
      : prepare(entries, (usedSlugs ??= await loadSlugs(Object.values(RECORD_TYPES))));
    if (problems.length > 0) {
      // Only when Document Service writes earlier in this import changed what was checked.
      throw Object.assign(new Error(`line ${problems[0].line}: ${problems[0].message}`), { problems });
    }
    const refs = new Set<string>();
    for (const { record } of entries) {
      const schema = getModel(uidOf(record.type));
      for (const [name, value] of Object.entries(record.relations ?? {})) {
        const type = typeOfTarget(schema.attributes[name]?.target);
        if (type) for (const key of relationKeys(value)) refs.add(`${type}:${key}`);
      }
    }
    const stored = await loadStored(refs);
    const versionsOf = (ref: string) => created.get(ref) ?? stored.get(ref);
    const now = new Date();

    // Rows in the order the Document Service creates them: per document, each locale's draft,
    // then each published locale's version. Ids are given in that order too, so that documents
    // and versions sort as they would (export lists documents by their first row's id).
    type Version = { uid: string; data: Row; locale: string; published: boolean; ref: string; record: DocumentRecord };
    const versions: Version[] = [];
    for (const { record, locales } of prepared) {
      const uid = uidOf(record.type);
      const ref = refOf(record);
      const documentId = String((strapi.db.metadata.get(uid).attributes as any).documentId.default());
      documentIds.set(ref, documentId);
      created.set(ref, { documentId, draft: new Map(), published: new Map() });
      for (const [locale, data] of locales) versions.push({ uid, data: { ...data, documentId }, locale, published: false, ref, record });
      for (const locale of publishedLocales(record)) {
        versions.push({ uid, data: { ...locales.get(locale)!, documentId }, locale, published: true, ref, record });
      }
    }

    const rowsByUid = new Map<string, Row[]>();
    const componentRows = new Map<string, Row[]>();
    const linkRows = new Map<string, { columns: string[]; rows: unknown[][] }>();
    const addLink = (table: string, columns: string[], row: unknown[]) => {
      if (!linkRows.has(table)) linkRows.set(table, { columns, rows: [] });
      linkRows.get(table)!.rows.push(row);
    };

    const counts = new Map<string, number>();
    for (const version of versions) counts.set(version.uid, (counts.get(version.uid) ?? 0) + 1);
    const ids = new Map<string, number[]>();
    for (const [uid, count] of counts) ids.set(uid, await reserveIds(layouts.get(uid)!.table, count));
    const componentCounts = new Map<string, number>();
    for (const version of versions) {
      for (const component of layouts.get(version.uid)!.components) {
        if (version.data[component.name] !== null && version.data[component.name] !== undefined) {
          componentCounts.set(component.component, (componentCounts.get(component.component) ?? 0) + 1);
        }
      }
    }
    const componentIds = new Map<string, number[]>();
    for (const [uid, count] of componentCounts) componentIds.set(uid, await reserveIds(strapi.db.metadata.get(uid).tableName, count));

    const cursors = new Map<string, number>();
    const take = (reserved: Map<string, number[]>, uid: string) => {
      const at = cursors.get(uid) ?? 0;
      cursors.set(uid, at + 1);
      return reserved.get(uid)![at];
    };
    for (const version of versions) {
      const layout = layouts.get(version.uid)!;
      const id = take(ids, version.uid);
      const own = created.get(version.ref)!;
      (version.published ? own.published : own.draft).set(version.locale, id);
      const row: Row = { id, locale: version.locale, publishedAt: version.published ? now : null, createdAt: now, updatedAt: now };
      for (const [name, value] of Object.entries(version.data)) {
        if (layout.components.some((component) => component.name === name)) continue;
        row[name] = value;
      }
      if (!rowsByUid.has(version.uid)) rowsByUid.set(version.uid, []);
      rowsByUid.get(version.uid)!.push(row);

      for (const component of layout.components) {
        const value = version.data[component.name];
        if (value === null || value === undefined) continue;
        const componentId = take(componentIds, component.component);
        const { id: _ignored, ...values } = value as Row;
        if (!componentRows.has(component.component)) componentRows.set(component.component, []);
        componentRows.get(component.component)!.push({ ...values, id: componentId });
        addLink(
          component.table,
          [component.sourceColumn, component.targetColumn, component.fieldColumn, component.typeColumn, component.orderColumn],
          // Strapi leaves the order of a single component empty.
          [id, componentId, component.name, component.component, null]
        );
      }

      for (const relation of layout.relations) {
        const type = typeOfTarget(relation.target)!;
        const targets: number[] = [];
        for (const key of relationKeys(version.record.relations?.[relation.name])) {
          const target = versionsOf(`${type}:${key}`);
          const targetId = (version.published ? target?.published : target?.draft)?.get(version.locale);
          if (targetId === undefined) {
            // A draft links to the target's draft in its locale (checked up front); a published
            // version to the published one, when there is one.
            if (!version.published) throw new Error(`${version.ref}: ${relation.name} → ${type}:${key} has no ${version.locale} draft`);
            continue;
          }
          if (!targets.includes(targetId)) targets.push(targetId);
        }
        targets.forEach((targetId, index) => {
          const columns = relation.orderColumn ? [relation.sourceColumn, relation.targetColumn, relation.orderColumn] : [relation.sourceColumn, relation.targetColumn];
          addLink(relation.table, columns, relation.orderColumn ? [id, targetId, index + 1] : [id, targetId]);
        });
      }
    }

    for (const [uid, rows] of componentRows) await createRows(uid, rows);
    for (const [uid, rows] of rowsByUid) await createRows(uid, rows);
    for (const [table, { columns, rows }] of linkRows) await insertRows(table, columns, rows);
    // The read model (src/read-model) learns of the published documents in this transaction, as
    // it does of a Document Service write: their rows are created stale, and rendered after the
    // commit (scripts/import.js, a server's sweep).
    if (strapi.has('readModel')) {
      const published = new Map<string, Set<string>>();
      for (const version of versions) if (version.published) published.set(version.uid, (published.get(version.uid) ?? new Set()).add(String(version.data.documentId)));
      const readModel = strapi.get('readModel') as { markWritten: (uid: string, documentIds: string[]) => Promise<void> };
      for (const [uid, ids] of published) await readModel.markWritten(uid, [...ids]);
    }
    // The translation desk (src/plugins/translation-desk) records each new locale version, in
    // this transaction, as its Document Service middleware does for other writes.
    // They are new: no other transaction can write them before the commit (`fresh`: no per-document lock).
    const desk = strapi.plugin('translation-desk')?.service('records') as { recordSafely: (uid: string, documentIds: string[], options?: { fresh?: boolean }) => Promise<boolean> } | undefined;
    if (desk) {
      const written = new Map<string, Set<string>>();
      for (const version of versions) written.set(version.uid, (written.get(version.uid) ?? new Set()).add(String(version.data.documentId)));
      for (const [uid, ids] of written) await desk.recordSafely(uid, [...ids], { fresh: true });
    }
    return documentIds;
  };

  return {
    check,
    write,
    /** After a Document Service write inside the import: stored slugs and ids are read again. */
    forget() {
      planned = new Map();
      usedSlugs = null;
      nextIds.clear();
    },
  };
};
export type BulkWriter = ReturnType<typeof createBulkWriter>;

/**
 * After a bulk write: the response cache emptied once. (The read model's rows of what was written
 * were marked in the write's transaction; the import command renders them, a server's sweep does
 * otherwise.)
 */
export const afterBulkWrite = async (strapi: Core.Strapi) => {
  if (strapi.has('responseCache')) await (strapi.get('responseCache') as { clear: () => Promise<void> }).clear();
};
