import { Client } from 'pg';

import { freshSecrets } from '../../scripts/lib/secrets';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { productionEnv, spawnInstance, stopInstance, waitHealthy, type Instance } from '../helpers/instances';

/**
 * Several instances started at the same moment on an empty PostgreSQL database (#19;
 * docs/operations.md, "Starting several instances at once"): all become healthy with no error
 * in their output, and the work a first start does happens exactly once: Strapi's schema sync and
 * migrations, the locales, the public role's permissions, the admin roles and their permissions,
 * the reference seed, the project's own bootstrap (unique indexes, settings in
 * strapi_core_store_settings, the read model). What "once" means is measured against instances
 * started one after the other on another empty database: the same tables, columns, indexes and
 * settings, the same number of rows in every table, and no duplicate by the keys each table
 * should be unique on.
 */
jest.setTimeout(900_000);

/**
 * What counts as an error in an instance's output: a log line at level warn or error (Strapi's
 * console format: `[time] warn: ...`), and the signs of a start-up race whatever the level:
 * PostgreSQL's duplicate key / already exists / deadlock / unique violation messages, an
 * unhandled rejection or an uncaught exception.
 */
const ERROR_LINE = /^\[[^\]]+\]\s+(warn|error)\b|duplicate key|already exists|deadlock detected|violates unique|unhandled|uncaught/i;

const errorLines = (log: string[]) =>
  log
    .join('')
    .split('\n')
    // Colours off: Strapi's console format colours the level.
    .map((line) => line.replace(/\u001b\[[0-9;]*m/g, ''))
    .filter((line) => ERROR_LINE.test(line));

const connect = async (database: TestDatabase) => {
  const env = database.env;
  const client = new Client(
    env.DATABASE_URL
      ? { connectionString: env.DATABASE_URL }
      : { host: env.DATABASE_HOST, port: Number(env.DATABASE_PORT), user: env.DATABASE_USERNAME, password: env.DATABASE_PASSWORD, database: env.DATABASE_NAME }
  );
  await client.connect();
  return client;
};

/**
 * Rows beyond the first sharing what must be unique in each table the first start fills, with
 * the key shown (`table: key`), so that a failure names the duplicate.
 */
const DUPLICATE_QUERIES: Record<string, string> = {
  locales: `select code as key, count(*)::int as n from i18n_locale group by code having count(*) > 1`,
  'public and authenticated roles': `select type as key, count(*)::int as n from up_roles group by type having count(*) > 1`,
  'users-permissions permissions (action and role)': `
    select p.action || ' @ ' || coalesce(r.type, '(no role)') as key, count(*)::int as n
    from up_permissions p
    left join up_permissions_role_lnk l on l.permission_id = p.id
    left join up_roles r on r.id = l.role_id
    group by p.action, r.type having count(*) > 1`,
  'admin roles': `select code as key, count(*)::int as n from admin_roles group by code having count(*) > 1`,
  'admin permissions (action, subject, properties, conditions, role)': `
    select p.action || ' ' || coalesce(p.subject, '') || ' @ ' || coalesce(r.code, '(no role)') as key, count(*)::int as n
    from admin_permissions p
    left join admin_permissions_role_lnk l on l.permission_id = p.id
    left join admin_roles r on r.id = l.role_id
    group by p.action, p.subject, p.properties::text, p.conditions::text, r.code having count(*) > 1`,
  'core store settings': `
    select coalesce(type, '') || ':' || key || ':' || coalesce(environment, '') || ':' || coalesce(tag, '') as key, count(*)::int as n
    from strapi_core_store_settings group by type, key, environment, tag having count(*) > 1`,
  migrations: `select name as key, count(*)::int as n from strapi_migrations group by name having count(*) > 1`,
  'internal migrations': `select name as key, count(*)::int as n from strapi_migrations_internal group by name having count(*) > 1`,
};

/** Each content type's rows: one per document, locale and version; one slug per locale and version. */
const CONTENT_TABLES = ['articles', 'sources', 'institutions'];
const contentDuplicates = (table: string) => ({
  [`${table}: document, locale and version`]: `
    select document_id || ' ' || coalesce(locale, '') || ' ' || (case when published_at is null then 'draft' else 'published' end) as key, count(*)::int as n
    from ${table} group by document_id, locale, published_at is null having count(*) > 1`,
  [`${table}: slug per locale and version`]: `
    select slug || ' ' || coalesce(locale, '') || ' ' || (case when published_at is null then 'draft' else 'published' end) as key, count(distinct document_id)::int as n
    from ${table} where slug is not null group by slug, locale, published_at is null having count(distinct document_id) > 1`,
});

interface Snapshot {
  /** `table.column type` for every column of the public schema */
  columns: string[];
  /** `table: index definition` (names and columns) */
  indexes: string[];
  /** row count per table */
  rows: Record<string, number>;
  /** what each duplicate query found */
  duplicates: Record<string, string[]>;
  /** the keys in strapi_core_store_settings */
  settings: string[];
}

const snapshot = async (database: TestDatabase): Promise<Snapshot> => {
  const client = await connect(database);
  try {
    const columns = (
      await client.query(`select table_name || '.' || column_name || ' ' || data_type as c from information_schema.columns where table_schema = 'public' order by 1`)
    ).rows.map((row) => row.c as string);
    const indexes = (await client.query(`select tablename || ': ' || indexdef as i from pg_indexes where schemaname = 'public' order by 1`)).rows.map((row) => row.i as string);
    const tables = (await client.query(`select tablename from pg_tables where schemaname = 'public' order by 1`)).rows.map((row) => row.tablename as string);
    const rows: Record<string, number> = {};
    for (const table of tables) rows[table] = (await client.query(`select count(*)::int as n from "${table}"`)).rows[0].n;
    const duplicates: Record<string, string[]> = {};
    const queries = { ...DUPLICATE_QUERIES, ...Object.assign({}, ...CONTENT_TABLES.map(contentDuplicates)) };
    for (const [name, sql] of Object.entries(queries)) {
      duplicates[name] = (await client.query(sql)).rows.map((row) => `${row.key} ×${row.n}`);
    }
    const settings = (await client.query(`select coalesce(type, '') || ':' || key as k from strapi_core_store_settings order by 1`)).rows.map((row) => row.k as string);
    return { columns, indexes, rows, duplicates, settings };
  } finally {
    await client.end();
  }
};

const secrets = freshSecrets();
const environment = (database: TestDatabase, name: string): Record<string, string> =>
  productionEnv({ ...secrets, ...database.env, LOG_LEVEL: 'info', SEED_ON_EMPTY: 'true', RESPONSE_CACHE_ENABLED: 'false', INSTANCE_NAME: name });

/** Waits until no read-model row waits for a render (at most 5 minutes). */
const readModelSettled = async (database: TestDatabase) => {
  const client = await connect(database);
  try {
    const until = Date.now() + 300_000;
    for (;;) {
      const { rows } = await client.query(`select count(*)::int as n from read_model_rows where stale = 1`);
      if (rows[0].n === 0) return;
      if (Date.now() > until) throw new Error(`the read model still has ${rows[0].n} rows to render after 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
};

const databases: TestDatabase[] = [];
const running: Instance[] = [];

/** Starts `count` instances on `database` at the same moment; resolves once all are healthy, stopped again, with their output. */
const startTogether = async (database: TestDatabase, count: number) => {
  const instances = await Promise.all(Array.from({ length: count }, (_, index) => spawnInstance(`instance ${index + 1}`, environment(database, `instance-${index + 1}`), { keepLines: 2000 })));
  running.push(...instances);
  try {
    await Promise.all(instances.map((instance) => waitHealthy(instance, 600_000)));
    // Each answers content over HTTP (the seed's documents), not only its health check.
    for (const instance of instances) {
      const response = await fetch(`${instance.base}/api/articles?locale=en`);
      expect(response.status).toBe(200);
    }
    // The read model renders every published document in the background after a first start:
    // the database is compared once that is done.
    await readModelSettled(database);
  } finally {
    await Promise.all(instances.map((instance) => stopInstance(instance)));
  }
  return instances;
};

const fresh = async () => {
  const database = await createTestDatabase();
  databases.push(database);
  if (database.client !== 'postgres') throw new Error('the fault suite runs on PostgreSQL: DATABASE_CLIENT=postgres');
  return database;
};

let sequential: Snapshot;

beforeAll(async () => {
  // One instance started alone, then a second one after it (a restart): what starting the
  // instances one after the other leaves in the database. (A start after the first writes one row
  // of its own: the upload plugin's "Media Library changed" notice, shown once to an existing app.)
  const database = await fresh();
  const [first] = await startTogether(database, 1);
  const [second] = await startTogether(database, 1);
  expect([...errorLines(first.log), ...errorLines(second.log)]).toEqual([]);
  sequential = await snapshot(database);
  // The comparison means something only if the first start did its work.
  expect(sequential.rows.i18n_locale).toBe(3);
  expect(sequential.rows.articles).toBeGreaterThan(0);
  expect(sequential.rows.up_permissions).toBeGreaterThan(0);
  expect(sequential.rows.admin_permissions).toBeGreaterThan(0);
  expect(sequential.rows.read_model_rows).toBeGreaterThan(0);
  for (const [name, found] of Object.entries(sequential.duplicates)) expect([name, found]).toEqual([name, []]);
}, 900_000);

afterAll(async () => {
  await Promise.all(running.map((instance) => stopInstance(instance)));
  await Promise.all(databases.map((database) => database.drop()));
});

describe.each([2, 3])('%i instances started at the same moment on an empty database', (count) => {
  it('all become healthy with no error, and every first-start row exists exactly once', async () => {
    const database = await fresh();
    const instances = await startTogether(database, count);
    const after = await snapshot(database);

    const errors = instances.flatMap((instance) => errorLines(instance.log).map((line) => `${instance.name}: ${line}`));
    const differentCounts = Object.keys({ ...sequential.rows, ...after.rows })
      .filter((table) => sequential.rows[table] !== after.rows[table])
      .map((table) => `${table}: ${after.rows[table] ?? "missing"} rows, one after the other ${sequential.rows[table] ?? 'missing'}`);
    const duplicates = Object.entries(after.duplicates).flatMap(([name, found]) => found.map((key) => `${name}: ${key}`));
    const schema = [
      ...after.columns.filter((column) => !sequential.columns.includes(column)).map((column) => `extra column ${column}`),
      ...sequential.columns.filter((column) => !after.columns.includes(column)).map((column) => `missing column ${column}`),
      ...after.indexes.filter((index) => !sequential.indexes.includes(index)).map((index) => `extra index ${index}`),
      ...sequential.indexes.filter((index) => !after.indexes.includes(index)).map((index) => `missing index ${index}`),
      ...after.settings.filter((key) => !sequential.settings.includes(key)).map((key) => `extra setting ${key}`),
      ...sequential.settings.filter((key) => !after.settings.includes(key)).map((key) => `missing setting ${key}`),
    ];
    // Which instance waited for which: one line each (the start-up lock).
    const waited = instances.filter((instance) => instance.log.join('').includes('waiting for another instance')).length;
    console.log(
      `concurrent-startup ×${count}: error lines ${errors.length}, tables with other row counts ${differentCounts.length}, duplicates ${duplicates.length}, schema differences ${schema.length}; instances that waited ${waited}`
    );
    expect({ errors, differentCounts, duplicates, schema }).toEqual({ errors: [], differentCounts: [], duplicates: [], schema: [] });
    // The starts really overlapped: at least one instance found another's start-up under way.
    expect(waited).toBeGreaterThanOrEqual(1);
  });
});
