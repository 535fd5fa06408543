/**
 * The read model's tables (docs/architecture.md, "Read model"): one row per published document
 * and locale, holding the bytes of Strapi's own public answer for the detail and the list item,
 * and the columns lists filter and sort on. Plain knex on Strapi's connection (its schema, its
 * transactions); the tables are the app's own, created at start-up, not content types.
 *
 * On SQLite, the public reads (a detail, a list page) go through a read-only connection of their
 * own, straight to better-sqlite3 (direct-reader.ts): knex's runner (pool, promises, its query
 * compiler) cost about ten times the query itself. The file is in WAL mode, so that connection
 * reads the last committed state without waiting for, or holding up, a writer.
 */
import type { Knex } from 'knex';

import { openDirectReader, type DirectReader } from './direct-reader';

import type { RowColumns } from './requests';

export const ROWS = 'read_model_rows';
export const LINKS = 'read_model_links';
export const META = 'read_model_meta';
const FINGERPRINT = 'fingerprint';
/** After the direct reader could not be opened, how long the reads go through knex before it is tried again. */
const DIRECT_RETRY_MS = 30_000;

export interface StoredRow {
  id: number;
  uid: string;
  documentId: string;
  locale: string;
  gen: number;
}

/** A row's stored answers and the columns taken from its detail (requests.ts columnsOf). */
export interface RenderedRow extends RowColumns {
  detail: string;
  teaser: string | null;
}

export interface ListQuery {
  uid: string;
  locale: string;
  page: number;
  pageSize: number;
  section?: string[];
  from?: string;
  to?: string;
}

type Db = Knex | Knex.Transaction;

/** A list page in the list's order: newest first, then documentId (the list index's order, backwards). */
const ordered = (builder: Knex.QueryBuilder, query: Pick<ListQuery, 'page' | 'pageSize'>) =>
  builder
    .orderBy([
      { column: 'r.date', order: 'desc' },
      { column: 'r.published_at', order: 'desc' },
      { column: 'r.document_id', order: 'asc' },
    ])
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .select('r.id');

/** A statement written out: SQL with `?` placeholders (the same on both databases) and its values. */
interface Statement {
  sql: string;
  bindings: unknown[];
}
const STATEMENT = Symbol('statement');
const statement = (sql: string, bindings: unknown[]): Statement => ({ sql, bindings, [STATEMENT]: true }) as Statement;
const isStatement = (value: unknown): value is Statement => typeof value === 'object' && value !== null && STATEMENT in value;

/** The rows of a `knex.raw` select: an array on SQLite, `{ rows }` on PostgreSQL. */
const rawRows = (result: any): unknown[] => (Array.isArray(result) ? result : (result?.rows ?? []));

/**
 * One process's part of a render spread over several (scripts/lib/read-model.js): the rows whose
 * id modulo `of` is `index`. Every row is in exactly one share.
 */
export interface Share {
  index: number;
  of: number;
}
const inShare = (builder: Knex.QueryBuilder, share: Share | undefined) =>
  share && share.of > 1 ? builder.whereRaw('?? % ? = ?', ['id', share.of, share.index]) : builder;

export const createReadModelStore = (knex: Knex, schema: string | undefined, { directReads = true }: { directReads?: boolean } = {}) => {
  const table = (db: Db, name: string) => (schema ? db(name).withSchema(schema) : db(name));
  const schemaBuilder = (db: Db) => (schema ? db.schema.withSchema(schema) : db.schema);
  const qualified = (name: string) => (schema ? `${schema}.${name}` : name);
  const isPostgres = ['postgres', 'postgresql', 'pg'].includes(String((knex as any).client?.dialect ?? (knex as any).client?.config?.client));
  // undefined: not tried yet; null: not SQLite on a file, or it could not be opened (knex reads;
  // a failed open is tried again after a while: the file may only have been busy).
  let direct: DirectReader | null | undefined;
  let closed = false;
  let retryAt = 0;
  const reader = () => {
    if (closed) return null;
    if (direct === null && retryAt > 0 && Date.now() >= retryAt) direct = undefined;
    if (direct === undefined) {
      const client = (knex as any).client;
      direct =
        isPostgres || !directReads
          ? null
          : openDirectReader(client?.config?.connection?.filename, ({ sql, bindings }) => {
              if (knex.listenerCount('query') > 0) knex.emit('query', { method: 'select', sql, bindings, options: {}, direct: true });
            });
      retryAt = direct === null && !isPostgres && directReads && typeof client?.config?.connection?.filename === 'string' ? Date.now() + DIRECT_RETRY_MS : 0;
    }
    return direct;
  };
  const native = (query: Knex.QueryBuilder) => {
    const { sql, bindings } = query.toSQL().toNative();
    return { sql, bindings: bindings as unknown[] };
  };
  // A detail read's SQL is the same text for every request of one shape (by slug, by
  // documentId); only the values change. Compiled once per shape with a placeholder value in each
  // slot, then filled per request: building and compiling the query with knex was most of a
  // detail read's time outside SQLite itself (BENCHMARKS.md, "Public read path, third round").
  const detailShapes = new Map<string, { native: { sql: string; bindings: unknown[] }; plain: { sql: string; bindings: unknown[] } }>();
  const SLOTS = ['uid', 'locale', 'value', 'fingerprint'] as const;
  const slot = (name: (typeof SLOTS)[number]) => `\u0000read-model-slot:${name}\u0000`;
  const filled = (bindings: unknown[], values: Record<(typeof SLOTS)[number], string>) =>
    bindings.map((binding) => {
      for (const name of SLOTS) if (binding === slot(name)) return values[name];
      return binding;
    });

  /**
   * SQLite: takes the write lock before a transaction's first read. A transaction that reads first
   * and then writes cannot wait for another process's writer (SQLITE_BUSY at once, whatever the
   * busy timeout); one that writes first waits for it (a running server, an import, several render
   * processes: scripts/lib/read-model.js).
   */
  const writeFirst = async (trx: Knex.Transaction) => {
    if (!isPostgres) await table(trx, META).where(knex.raw('0')).update({ name: knex.ref('name') });
  };

  return {
    /** Whether the public reads go through the direct reader (SQLite on a file in WAL mode). */
    readsDirectly(): boolean {
      return reader() !== null;
    },

    /** Closes the read-only connection of the public reads (SQLite), if one was opened. */
    close() {
      closed = true;
      direct?.close();
      direct = null;
    },

    async ensureTables() {
      const builder = () => schemaBuilder(knex);
      if (!(await builder().hasTable(ROWS))) {
        await builder().createTable(ROWS, (t) => {
          t.increments('id');
          t.string('uid', 120).notNullable();
          t.string('document_id', 64).notNullable();
          t.string('locale', 32).notNullable();
          t.string('slug', 255);
          t.string('key', 255);
          t.string('date', 32);
          t.string('published_at', 32);
          t.string('section', 64);
          t.string('source_id', 64);
          t.text('detail', 'longtext');
          t.text('teaser', 'longtext');
          t.integer('stale').notNullable().defaultTo(1);
          t.integer('gen').notNullable().defaultTo(0);
          t.unique(['uid', 'document_id', 'locale'], { indexName: 'read_model_rows_document' });
          t.index(['uid', 'locale', 'slug'], 'read_model_rows_slug');
        });
      }
      // A list page walks this index backwards, which is exactly the list's order (date and
      // publication time newest first, then documentId ascending): no sort at all, and only the
      // page's rows are read. The earlier index (documentId ascending too) left SQLite sorting
      // every group of equal dates in a temporary B-tree: 185 µs against 37 µs for a page of 25
      // at 1,000 articles (BENCHMARKS.md, "Public read path, third round").
      await knex.raw(`drop index if exists ${qualified('read_model_rows_order')}`);
      await knex.raw(`create index if not exists read_model_rows_list on ${qualified(ROWS)} (uid, locale, date, published_at, document_id desc)`);
      // Only the rows waiting for a render are in it. A full index on `stale` was a trap: SQLite,
      // without statistics (no ANALYZE), chose it for a detail read's `stale = 0` over the slug
      // index and walked every fresh row: 3.5 ms per read instead of microseconds. A partial
      // index cannot serve `stale = 0`, so the slug and document indexes do.
      await knex.raw(`drop index if exists ${qualified('read_model_rows_stale')}`);
      await knex.raw(`create index if not exists read_model_rows_waiting on ${qualified(ROWS)} (stale) where stale = 1`);
      if (!(await builder().hasTable(LINKS))) {
        await builder().createTable(LINKS, (t) => {
          t.integer('row_id').notNullable();
          t.string('relation', 64).notNullable();
          t.string('target_id', 64).notNullable();
          t.index(['row_id'], 'read_model_links_row');
          t.index(['relation', 'target_id', 'row_id'], 'read_model_links_target');
        });
      }
      if (!(await builder().hasTable(META))) {
        await builder().createTable(META, (t) => {
          t.string('name', 64).primary();
          t.text('value');
        });
      }
    },

    async fingerprint(db: Db = knex): Promise<string | null> {
      const row = await table(db, META).where({ name: FINGERPRINT }).first('value');
      return row?.value ?? null;
    },

    async setFingerprint(db: Db, value: string) {
      await table(db, META).insert({ name: FINGERPRINT, value }).onConflict('name').merge({ value });
    },

    /**
     * Marks the rows of these documents (every locale) as not to be served, creating them for
     * locales that have none yet (a first publish): in the writer's transaction, so no reader
     * sees the write without the mark. Each mark moves the row's generation on, so a render that
     * read the content before the write cannot store what it computed.
     */
    async markStale(db: Db, uid: string, documentIds: readonly string[], locales: readonly string[]) {
      if (documentIds.length === 0 || locales.length === 0) return;
      const rows = documentIds.flatMap((documentId) => locales.map((locale) => ({ uid, document_id: documentId, locale, stale: 1, gen: 1 })));
      for (let i = 0; i < rows.length; i += 300) {
        await table(db, ROWS)
          .insert(rows.slice(i, i + 300))
          .onConflict(['uid', 'document_id', 'locale'])
          .merge({ stale: 1, gen: knex.raw('?? + 1', [`${ROWS}.gen`]) });
      }
    },

    /** Every row not to be served: after a change that can touch any response (templates, media, locales). */
    async markAllStale(db: Db, uids?: readonly string[]) {
      const rows = table(db, ROWS);
      if (uids) rows.whereIn('uid', uids as string[]);
      await rows.update({ stale: 1, gen: knex.raw('?? + 1', ['gen']) });
    },

    async rowsOf(uid: string, documentId: string): Promise<StoredRow[]> {
      const rows = await table(knex, ROWS).where({ uid, document_id: documentId }).select('id', 'locale', 'gen');
      return rows.map((row: any) => ({ id: row.id, uid, documentId, locale: row.locale, gen: Number(row.gen) }));
    },

    /** Documents with rows waiting for a render, oldest mark first is not tracked: any order. */
    async staleDocuments(limit: number): Promise<Array<{ uid: string; documentId: string }>> {
      const rows = await table(knex, ROWS).where({ stale: 1 }).distinct('uid', 'document_id').limit(limit);
      return rows.map((row: any) => ({ uid: row.uid, documentId: row.document_id }));
    },

    /** Stale rows grouped by type and locale, in batches of at most `size` rows. */
    async staleBatches(size: number, batches: number, share?: Share): Promise<Array<{ uid: string; locale: string; rows: StoredRow[] }>> {
      const rows = await inShare(table(knex, ROWS).where({ stale: 1 }), share).orderBy(['uid', 'locale', 'id']).limit(size * batches).select('id', 'uid', 'document_id', 'locale', 'gen');
      const groups = new Map<string, { uid: string; locale: string; rows: StoredRow[] }>();
      const out: Array<{ uid: string; locale: string; rows: StoredRow[] }> = [];
      for (const row of rows as any[]) {
        const key = `${row.uid}\u0000${row.locale}`;
        let group = groups.get(key);
        if (!group || group.rows.length >= size) {
          group = { uid: row.uid, locale: row.locale, rows: [] };
          groups.set(key, group);
          out.push(group);
        }
        group.rows.push({ id: row.id, uid: row.uid, documentId: row.document_id, locale: row.locale, gen: Number(row.gen) });
      }
      return out;
    },

    async hasStale(db: Db = knex): Promise<boolean> {
      const row = await table(db, ROWS).where({ stale: 1 }).first('id');
      return Boolean(row);
    },

    /**
     * Stores a render if nothing marked the row since `gen` was read and the model is still this
     * code's (`fingerprint`): an instance running other code renders nothing.
     */
    async storeRender(row: StoredRow, rendered: RenderedRow, fingerprint: string): Promise<boolean> {
      return (await this.storeBatch([{ row, rendered }], fingerprint)) === 1;
    },

    /**
     * `storeRender` and `removeRow` for many rows in one transaction (a batch of a rebuild or a
     * sweep): one fingerprint check and one commit for the batch, the links of every stored row
     * replaced with one delete and multi-row inserts. A row marked since its `gen` was read is left
     * as it is, exactly as `storeRender` leaves it. `rendered: null` removes the row (its document
     * is not published in that locale). Returns how many rows were stored or removed.
     */
    async storeBatch(results: ReadonlyArray<{ row: StoredRow; rendered: RenderedRow | null }>, fingerprint: string): Promise<number> {
      if (results.length === 0) return 0;
      return knex.transaction(async (trx) => {
        await writeFirst(trx);
        if ((await this.fingerprint(trx)) !== fingerprint) return 0;
        const stored: Array<{ row: StoredRow; rendered: RenderedRow }> = [];
        const removed: number[] = [];
        for (const { row, rendered } of results) {
          if (rendered === null) {
            if ((await table(trx, ROWS).where({ id: row.id, gen: row.gen }).delete()) === 1) removed.push(row.id);
            continue;
          }
          const changed = await table(trx, ROWS).where({ id: row.id, gen: row.gen }).update({
            detail: rendered.detail,
            teaser: rendered.teaser,
            slug: rendered.slug,
            key: rendered.key,
            date: rendered.date,
            published_at: rendered.publishedAt,
            section: rendered.section,
            source_id: rendered.sourceId,
            stale: 0,
          });
          if (changed === 1) stored.push({ row, rendered });
        }
        const touched = [...removed, ...stored.map(({ row }) => row.id)];
        for (let i = 0; i < touched.length; i += 100) await table(trx, LINKS).whereIn('row_id', touched.slice(i, i + 100)).delete();
        const links = stored.flatMap(({ row, rendered }) => rendered.links.map((link) => ({ row_id: row.id, relation: link.relation, target_id: link.targetId })));
        for (let i = 0; i < links.length; i += 300) await table(trx, LINKS).insert(links.slice(i, i + 300));
        return touched.length;
      });
    },

    /** Removes a row whose document is not published in that locale (any more), unless marked since. */
    async removeRow(row: StoredRow, fingerprint: string): Promise<boolean> {
      return (await this.storeBatch([{ row, rendered: null }], fingerprint)) === 1;
    },

    /** The ids of an unfiltered list page (its plan is tested: the list index, no sort). */
    pageQuery(query: Pick<ListQuery, 'uid' | 'locale' | 'page' | 'pageSize'>) {
      return ordered(table(knex, `${ROWS} as r`).where({ 'r.uid': query.uid, 'r.locale': query.locale }), query);
    },

    /**
     * The query of `detail` (its plan is tested: it must use the slug or document index). `bytes`
     * (SQLite's direct reader): the stored answer read as bytes, `cast(detail as blob)`, sent as
     * it is, instead of decoded into a string and encoded again for the response.
     */
    detailQuery(uid: string, locale: string, by: 'slug' | 'documentId', value: string, fingerprint: string, { bytes = false }: { bytes?: boolean } = {}) {
      return table(knex, ROWS)
        .where({ uid, locale, [by === 'slug' ? 'slug' : 'document_id']: value, stale: 0 })
        .whereExists((sub) => {
          sub.select(knex.raw('1')).from(qualified(META)).where({ name: FINGERPRINT, value: fingerprint });
        })
        .limit(2)
        .select(bytes ? knex.raw('cast(?? as blob) as ??', ['detail', 'detail']) : 'detail');
    },

    /** `detailQuery` as SQL and values: compiled once per shape (`by`, `bytes`), filled per request. */
    detailStatement(uid: string, locale: string, by: 'slug' | 'documentId', value: string, fingerprint: string, { bytes = false }: { bytes?: boolean } = {}) {
      const key = `${by}:${bytes}`;
      let shape = detailShapes.get(key);
      if (!shape) {
        const query = this.detailQuery(slot('uid'), slot('locale'), by, slot('value'), slot('fingerprint'), { bytes });
        const plain = query.toSQL();
        shape = { native: native(query), plain: { sql: plain.sql, bindings: plain.bindings as unknown[] } };
        detailShapes.set(key, shape);
      }
      const values = { uid, locale, value, fingerprint };
      return {
        native: { sql: shape.native.sql, bindings: filled(shape.native.bindings, values) },
        plain: { sql: shape.plain.sql, bindings: filled(shape.plain.bindings, values) },
      };
    },

    /**
     * The stored detail answer, if the model is current and the row fresh; else null (Strapi
     * answers). Bytes from SQLite's direct reader, a string through knex: the same UTF-8 text.
     */
    async detail(uid: string, locale: string, by: 'slug' | 'documentId', value: string, fingerprint: string): Promise<string | Buffer | null> {
      const direct = reader()?.read((run) => run(this.detailStatement(uid, locale, by, value, fingerprint, { bytes: true }).native));
      let rows: Array<{ detail: string | Buffer }>;
      if (direct) rows = direct.value as Array<{ detail: Buffer }>;
      else {
        const { plain } = this.detailStatement(uid, locale, by, value, fingerprint);
        rows = rawRows(await knex.raw(plain.sql, plain.bindings as Knex.RawBinding[])) as Array<{ detail: string }>;
      }
      // Two documents with one slug is a conflict the slugs middleware prevents; Strapi's path decides.
      return rows.length === 1 ? rows[0].detail : null;
    },

    /**
     * One page of stored list items, newest first, and the total; null when lists cannot be
     * answered: the model is not this code's, or a row waits for a render (a list must hold every
     * published document). One read transaction, so the check and the page see one snapshot.
     */
    /**
     * The statements of an unfiltered list page (the one sites ask for most), written out once:
     * SQL text that never changes, so nothing is built or compiled per request. Its plan is tested
     * (the list index, no sort); a filtered page is built with knex (`pageQuery`'s order).
     */
    listStatements() {
      const rows = qualified(ROWS);
      return {
        check: `select (select value from ${qualified(META)} where name = ?) as fingerprint, (select id from ${rows} where stale = 1 limit 1) as waiting`,
        page: `select r.id from ${rows} as r where r.uid = ? and r.locale = ? order by r.date desc, r.published_at desc, r.document_id asc limit ? offset ?`,
        count: `select count(*) as total from ${rows} as r where r.uid = ? and r.locale = ?`,
        /**
         * PostgreSQL: the whole unfiltered page in one statement (one snapshot, one round trip, no
         * transaction): the fingerprint and the waiting-rows check, the total, and the page's
         * items in the list's order (a row with no item when the page is empty).
         */
        whole: (column: 'teaser' | 'detail') =>
          `with m as (select (select value from ${qualified(META)} where name = ?) as fingerprint, (select id from ${rows} where stale = 1 limit 1) as waiting), ` +
          `t as (select count(*) as total from ${rows} as r where r.uid = ? and r.locale = ?), ` +
          `p as (select r.id, r.date, r.published_at, r.document_id from ${rows} as r where r.uid = ? and r.locale = ? order by r.date desc, r.published_at desc, r.document_id asc limit ? offset ?) ` +
          `select m.fingerprint, m.waiting, t.total, p.id, x.${column} as item from m cross join t left join p on true left join ${rows} as x on x.id = p.id ` +
          `order by p.date desc, p.published_at desc, p.document_id asc`,
        /**
         * The page's stored items: list items (`teaser`) or single-read answers (`detail`, the full
         * shape); `bytes` (SQLite's direct reader): as bytes, sent as they are.
         */
        items: (n: number, column: 'teaser' | 'detail', bytes = false) =>
          `select id, ${bytes ? `cast(${column} as blob)` : column} as item from ${rows} where id in (${new Array(n).fill('?').join(', ')})`,
      };
    },

    /**
     * One page of stored list items, newest first, and the total; null when lists cannot be
     * answered: the model is not this code's, or a row waits for a render (a list must hold every
     * published document). One read transaction, so the check and the page see one snapshot.
     */
    async list(
      fingerprint: string,
      query: ListQuery,
      lookups: { sources?: string[]; institutions?: string[] },
      column: 'teaser' | 'detail' = 'teaser'
    ): Promise<{ items: Array<string | Buffer>; total: number } | null> {
      const sql = this.listStatements();
      const unfilteredRequest = !query.section && !query.from && !query.to && !lookups.sources && !lookups.institutions;
      if (isPostgres && unfilteredRequest) {
        const rows = rawRows(
          await knex.raw(sql.whole(column), [FINGERPRINT, query.uid, query.locale, query.uid, query.locale, query.pageSize, (query.page - 1) * query.pageSize])
        ) as Array<{ fingerprint: string | null; waiting: unknown; total: unknown; id: unknown; item: string | null }>;
        const [first] = rows;
        if (!first || first.fingerprint !== fingerprint || (first.waiting ?? null) !== null) return null;
        const page = rows.filter((row) => row.id !== null && row.id !== undefined);
        if (page.some((row) => typeof row.item !== 'string')) return null;
        return { items: page.map((row) => row.item as string), total: Number(first.total ?? 0) };
      }
      type Step = Knex.QueryBuilder | Statement;
      // One plan, run either on the direct reader (synchronously, in one read transaction) or
      // through knex in a read transaction: it yields each query and is sent back its rows.
      function* plan(bytes: boolean): Generator<Step, { items: Array<string | Buffer>; total: number } | null, any[]> {
        const [check] = yield statement(sql.check, [FINGERPRINT]);
        if (check?.fingerprint !== fingerprint || (check?.waiting ?? null) !== null) return null;
        // Keys and slugs name published sources and institutions in any locale (lib/article-query).
        function* idsOf(uid: string, values: string[] | undefined): Generator<Step, string[] | undefined, any[]> {
          if (!values) return undefined;
          const rows = yield table(knex, ROWS)
            .where({ uid })
            .where((q) => q.whereIn('key', values).orWhereIn('slug', values))
            .distinct('document_id');
          return rows.map((row: any) => row.document_id as string);
        }
        const sourceIds = yield* idsOf('api::source.source', lookups.sources);
        const institutionIds = yield* idsOf('api::institution.institution', lookups.institutions);
        const unfiltered = !query.section && !query.from && !query.to && !sourceIds && !institutionIds;
        const scoped = () => {
          const q = table(knex, `${ROWS} as r`).where({ 'r.uid': query.uid, 'r.locale': query.locale });
          if (query.section) q.whereIn('r.section', query.section);
          if (query.from) q.where('r.date', '>=', query.from);
          if (query.to) q.where('r.date', '<=', query.to);
          if (sourceIds) q.whereIn('r.source_id', sourceIds);
          if (institutionIds) {
            q.whereExists((sub) => {
              sub.select(knex.raw('1')).from(`${qualified(LINKS)} as l`).whereRaw('l.row_id = r.id').where('l.relation', 'institutions').whereIn('l.target_id', institutionIds);
            });
          }
          return q;
        };
        // The page's ids from the index alone, then their stored bytes: the rows skipped by the
        // offset are never read.
        const page = yield unfiltered
          ? statement(sql.page, [query.uid, query.locale, query.pageSize, (query.page - 1) * query.pageSize])
          : ordered(scoped(), query);
        const ids: number[] = page.map((row: any) => Number(row.id));
        const stored = ids.length > 0 ? yield statement(sql.items(ids.length, column, bytes), ids) : [];
        const teaserOf = new Map(stored.map((row: any) => [Number(row.id), row.item as string | Buffer]));
        const [count] = yield unfiltered ? statement(sql.count, [query.uid, query.locale]) : scoped().count({ total: '*' });
        return { items: ids.map((id) => teaserOf.get(id) as string | Buffer), total: Number(count?.total ?? 0) };
      }

      const direct = reader()?.read(
        (run) => {
          const steps = plan(true);
          let step = steps.next();
          while (!step.done) {
            const value = step.value as Step;
            step = steps.next(run(isStatement(value) ? value : native(value)));
          }
          return step.value;
        },
        { snapshot: true }
      );
      if (direct) return direct.value;
      return knex.transaction(
        async (trx) => {
          const steps = plan(false);
          let step = steps.next();
          while (!step.done) {
            const value = step.value as Step;
            step = steps.next(isStatement(value) ? rawRows(await trx.raw(value.sql, value.bindings as Knex.RawBinding[])) : await value.transacting(trx));
          }
          return step.value;
        },
        // SQLite's read transaction is a snapshot already (and knex warns about either option there).
        isPostgres ? { isolationLevel: 'repeatable read', readOnly: true } : undefined
      );
    },

    /** Every published (documentId, locale) of a content type, for a rebuild. */
    async publishedPairs(db: Db, tableName: string): Promise<Array<{ documentId: string; locale: string }>> {
      const rows = await table(db, tableName).whereNotNull('published_at').distinct('document_id', 'locale');
      return rows.map((row: any) => ({ documentId: row.document_id, locale: row.locale }));
    },

    async counts(share?: Share): Promise<{ rows: number; stale: number }> {
      const all: any = await inShare(table(knex, ROWS), share).count({ n: '*' }).first();
      const stale: any = await inShare(table(knex, ROWS).where({ stale: 1 }), share).count({ n: '*' }).first();
      return { rows: Number(all?.n ?? 0), stale: Number(stale?.n ?? 0) };
    },
  };
};

export type ReadModelStore = ReturnType<typeof createReadModelStore>;
