'use strict';

/**
 * The Directus column: Directus 11 on PostgreSQL with the same content modelled its own way
 * (a `languages` collection, `*_translations` collections, M2O and M2M through a junction, a
 * `status` field read through the public policy's filter), loaded from the project's own export
 * through Directus's REST API (timed as the Directus import), then read anonymously with the
 * requests that answer the project's by-slug, lean list and full list.
 *
 * Nothing of Directus is in the repository: the bench installs exactly DIRECTUS_VERSION from the
 * npm registry into .tmp/bench-directus/ (its own package.json; kept between runs) the first time
 * it needs it. 11.3.5 is the last Directus 11 that declares Node 18+ (11.4 and later need Node
 * 22; the project runs on Node 20).
 */
const crypto = require('node:crypto');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const { Client } = require('pg');

const { freePort, stopServer } = require('../../scripts/lib/server');
const { root, track } = require('./processes');
const { components } = require('./peer');

const DIRECTUS_VERSION = '11.3.5';
const LANGUAGES = [
  { code: 'zh-Hans', name: '简体中文', direction: 'ltr' },
  { code: 'en', name: 'English', direction: 'ltr' },
  { code: 'ru', name: 'Русский', direction: 'ltr' },
];
// Items per POST during the import (each article carries its three translations and its
// institutions' junction rows, created by Directus in the same request).
const IMPORT_BATCH = 100;

const installDir = () => path.join(root, '.tmp', 'bench-directus');
const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A command run to completion (tracked); its output goes to logFile. Rejects with the log's tail. */
const runCommand = (command, args, { cwd, env = process.env, logFile }) =>
  new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    const child = track(spawn(command, args, { cwd, env, stdio: ['ignore', out, out] }));
    fs.closeSync(out);
    const tail = () => fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    child.once('error', (error) => reject(new Error(`${command} ${args.join(' ')}: ${error.message}`)));
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}\n--- ${logFile} (end) ---\n${tail()}`))));
  });

// Written once npm install has finished: an install interrupted halfway has directus's
// package.json without all of its dependencies, and is installed again.
const MARKER = 'installed.json';

const installedVersion = (dir) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'directus', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
};

const completeInstall = (dir) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')).version === installedVersion(dir);
  } catch {
    return false;
  }
};

/**
 * Directus DIRECTUS_VERSION in .tmp/bench-directus (npm install the first time; minutes, as
 * isolated-vm and sqlite3 may compile). Returns { dir, version, installSeconds, cached, engines }.
 */
const ensureDirectus = async ({ log = () => {} } = {}) => {
  const dir = installDir();
  if (installedVersion(dir) === DIRECTUS_VERSION && completeInstall(dir)) {
    const engines = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'directus', 'package.json'), 'utf8')).engines;
    return { dir, version: DIRECTUS_VERSION, installSeconds: 0, cached: true, engines };
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(path.join(dir, MARKER), { force: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'bench-directus', private: true, version: '0.0.0', description: 'Installed by bench/lib/directus.js at run time: the Directus column of npm run bench' }, null, 2)}\n`
  );
  log(`installing directus@${DIRECTUS_VERSION} into ${path.relative(root, dir)} (once; npm install from the registry, several minutes)…`);
  const started = Date.now();
  await runCommand('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `directus@${DIRECTUS_VERSION}`], { cwd: dir, logFile: path.join(dir, 'install.log') });
  const version = installedVersion(dir);
  if (version !== DIRECTUS_VERSION) throw new Error(`npm install directus@${DIRECTUS_VERSION} left ${version ?? 'no directus'} in ${dir}`);
  const engines = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'directus', 'package.json'), 'utf8')).engines;
  const installSeconds = (Date.now() - started) / 1000;
  fs.writeFileSync(path.join(dir, MARKER), `${JSON.stringify({ version, node: process.version, installedAt: new Date().toISOString(), installSeconds }, null, 2)}\n`);
  return { dir, version, installSeconds, cached: false, engines };
};

const pgSettings = () => ({
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || '',
});

const withPg = async (database, fn) => {
  const client = new Client({ ...pgSettings(), database, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

// ---------------------------------------------------------------------------------------------
// The schema: the project's three types as Directus models them.

const field = (name, type, { schema = {}, meta = {} } = {}) => ({ field: name, type, schema, meta });
const primaryKey = () => field('id', 'integer', { schema: { is_primary_key: true, has_auto_increment: true }, meta: { hidden: true, readonly: true } });
const string = (name, length = 255, extra = {}) => field(name, 'string', { schema: { max_length: length, ...extra } });
const statusField = () =>
  field('status', 'string', {
    schema: { default_value: 'draft', is_nullable: false, is_indexed: true },
    meta: { interface: 'select-dropdown', options: { choices: ['published', 'draft', 'archived'].map((value) => ({ text: value, value })) } },
  });
const foreignKey = (name, type = 'integer', special = ['m2o']) => field(name, type, { schema: { is_indexed: true }, meta: { special, interface: special[0] === 'file' ? 'file-image' : 'select-dropdown-m2o' } });
const alias = (name, special, iface) => ({ field: name, type: 'alias', meta: { special, interface: iface } });

/** Strapi attribute → Directus field type (the scalar attributes the components use). */
const directusType = (attribute) => ({ string: 'string', text: 'text', boolean: 'boolean', date: 'date', enumeration: 'string', integer: 'integer', json: 'json', blocks: 'json' }[attribute.type] ?? null);

/** The per-locale component fields flattened into the translations row: reprint_is_reprint, seo_meta_title, … */
const componentColumns = () => {
  const byName = Object.fromEntries(components().map((c) => [`${c.category}.${c.name}`, c.schema.attributes]));
  const columns = [];
  for (const [prefix, uid] of [['reprint', 'attribution.reprint'], ['seo', 'shared.seo']]) {
    for (const [name, attribute] of Object.entries(byName[uid] ?? {})) {
      // reprintType → reprint_type (not reprint_reprint_type)
      const column = snake(name).startsWith(`${prefix}_`) ? snake(name) : `${prefix}_${snake(name)}`;
      if (attribute.type === 'media') columns.push({ prefix, name, column, file: true });
      else if (directusType(attribute)) columns.push({ prefix, name, column, type: directusType(attribute), length: attribute.maxLength });
    }
  }
  return columns;
};

const translationCollection = (collection, parentKey, fields) => ({
  collection: `${collection}_translations`,
  schema: {},
  meta: { hidden: true, icon: 'import_export' },
  fields: [primaryKey(), foreignKey(parentKey), foreignKey('languages_code', 'string'), ...fields],
});

/** The collections, fields and relations, in the order Directus needs them. */
const schemaPlan = () => {
  const columns = componentColumns();
  const institutionFields = [string('key', 100, { is_unique: true }), statusField(), string('kind', 50), string('country', 2), string('website', 2048), foreignKey('parent'), alias('translations', ['translations'], 'translations')];
  const collections = [
    { collection: 'languages', schema: {}, meta: { icon: 'translate' }, fields: [field('code', 'string', { schema: { is_primary_key: true, max_length: 16 } }), string('name'), string('direction', 3)] },
    { collection: 'institutions', schema: {}, meta: { archive_field: 'status', archive_value: 'archived', unarchive_value: 'draft' }, fields: [primaryKey(), ...institutionFields] },
    translationCollection('institutions', 'institutions_id', [string('name', 200), string('short_name', 50), string('slug', 120, { is_indexed: true }), string('city', 100), string('province', 100), field('description', 'json')]),
    {
      collection: 'sources',
      schema: {},
      meta: { archive_field: 'status', archive_value: 'archived', unarchive_value: 'draft' },
      fields: [primaryKey(), string('key', 100, { is_unique: true }), statusField(), string('kind', 50), string('homepage', 2048), string('country', 2), foreignKey('institution'), alias('translations', ['translations'], 'translations')],
    },
    translationCollection('sources', 'sources_id', [string('name', 200), string('short_name', 50), string('slug', 120, { is_indexed: true })]),
    {
      collection: 'articles',
      schema: {},
      meta: { archive_field: 'status', archive_value: 'archived', unarchive_value: 'draft', sort_field: null },
      fields: [
        primaryKey(),
        string('key', 100, { is_unique: true }),
        statusField(),
        field('date', 'date', { schema: { is_nullable: false, is_indexed: true } }),
        string('section', 50),
        field('date_created', 'timestamp', { meta: { special: ['date-created'], readonly: true } }),
        field('date_updated', 'timestamp', { meta: { special: ['date-updated'], readonly: true } }),
        foreignKey('source'),
        foreignKey('host_institution'),
        foreignKey('cover', 'uuid', ['file']),
        alias('translations', ['translations'], 'translations'),
        alias('institutions', ['m2m'], 'list-m2m'),
      ],
    },
    translationCollection('articles', 'articles_id', [
      string('title', 200),
      string('slug', 120, { is_indexed: true }),
      field('summary', 'text'),
      field('body', 'json'),
      ...columns.map((c) => (c.file ? foreignKey(c.column, 'uuid', ['file']) : field(c.column, c.type, { schema: c.type === 'string' ? { max_length: c.length ?? 255 } : {} }))),
    ]),
    {
      collection: 'articles_institutions',
      schema: {},
      meta: { hidden: true, icon: 'import_export' },
      fields: [primaryKey(), foreignKey('articles_id'), foreignKey('institutions_id'), field('sort', 'integer', { meta: { hidden: true } })],
    },
  ];
  const translationRelations = (collection, parentKey) => [
    { collection: `${collection}_translations`, field: parentKey, related_collection: collection, meta: { one_field: 'translations', junction_field: 'languages_code', sort_field: null }, schema: { on_delete: 'CASCADE' } },
    { collection: `${collection}_translations`, field: 'languages_code', related_collection: 'languages', meta: { one_field: null, junction_field: parentKey, sort_field: null }, schema: { on_delete: 'SET NULL' } },
  ];
  const relations = [
    ...translationRelations('institutions', 'institutions_id'),
    { collection: 'institutions', field: 'parent', related_collection: 'institutions', schema: { on_delete: 'SET NULL' } },
    ...translationRelations('sources', 'sources_id'),
    { collection: 'sources', field: 'institution', related_collection: 'institutions', schema: { on_delete: 'SET NULL' } },
    ...translationRelations('articles', 'articles_id'),
    { collection: 'articles', field: 'source', related_collection: 'sources', schema: { on_delete: 'SET NULL' } },
    { collection: 'articles', field: 'host_institution', related_collection: 'institutions', schema: { on_delete: 'SET NULL' } },
    { collection: 'articles', field: 'cover', related_collection: 'directus_files', schema: { on_delete: 'SET NULL' } },
    ...columns.filter((c) => c.file).map((c) => ({ collection: 'articles_translations', field: c.column, related_collection: 'directus_files', schema: { on_delete: 'SET NULL' } })),
    { collection: 'articles_institutions', field: 'articles_id', related_collection: 'articles', meta: { one_field: 'institutions', junction_field: 'institutions_id', sort_field: 'sort' }, schema: { on_delete: 'CASCADE' } },
    { collection: 'articles_institutions', field: 'institutions_id', related_collection: 'institutions', meta: { one_field: null, junction_field: 'articles_id' }, schema: { on_delete: 'CASCADE' } },
  ];
  return { collections, relations, columns };
};

// ---------------------------------------------------------------------------------------------
// The requests the Directus column answers, equivalent to the project's.

const SOURCE_FIELDS = ['key', 'kind', 'homepage', 'country'];
const SOURCE_TRANSLATED = ['name', 'short_name', 'slug'];
const INSTITUTION_FIELDS = ['key', 'kind', 'country', 'website'];
const INSTITUTION_TRANSLATED = ['name', 'short_name', 'slug', 'city', 'province'];
// The project's media fields (name, alternativeText, caption, width, height, formats, url, mime) in directus_files.
const FILE_FIELDS = ['id', 'filename_download', 'title', 'description', 'width', 'height', 'type'];

const query = (params) => params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
const prefixed = (prefix, names) => names.map((name) => `${prefix}${name}`);
const inLocale = (deepPath, locale) => [`deep${deepPath}[translations][_filter][languages_code][_eq]`, locale];

/** Everything the project's detail carries: the article, its source, institutions and host institution, each in the locale; reprint and SEO. */
const detailFields = (articlePrefix, columns) => [
  ...prefixed(articlePrefix, ['id', 'key', 'date', 'section', 'status', 'date_updated']),
  ...prefixed(`${articlePrefix}cover.`, FILE_FIELDS),
  ...prefixed(`${articlePrefix}source.`, SOURCE_FIELDS),
  ...prefixed(`${articlePrefix}source.translations.`, SOURCE_TRANSLATED),
  ...prefixed(`${articlePrefix}institutions.institutions_id.`, INSTITUTION_FIELDS),
  ...prefixed(`${articlePrefix}institutions.institutions_id.translations.`, INSTITUTION_TRANSLATED),
  ...prefixed(`${articlePrefix}host_institution.`, INSTITUTION_FIELDS),
  ...prefixed(`${articlePrefix}host_institution.translations.`, INSTITUTION_TRANSLATED),
  ...(columns ?? []),
];

const translatedArticleFields = (columns) => ['languages_code', 'title', 'slug', 'summary', 'body', ...columns.flatMap((c) => (c.file ? prefixed(`${c.column}.`, FILE_FIELDS) : [c.column]))];

/** A list page's filter, order and paging, the same for the lean and the full list. */
const listPage = (locale, page) => [
  ['filter[status][_eq]', 'published'],
  ['filter[translations][_some][languages_code][_eq]', locale],
  ['sort', '-date,-id'],
  ['limit', '25'],
  ['page', String(page)],
  ['meta', 'filter_count'],
];

const directusPaths = (columns) => ({
  // By slug: one row of articles_translations (slug and locale), its article through the M2O,
  // every related item's translation in the same locale (deep filters).
  bySlug: ({ slug, locale }) =>
    `/items/articles_translations?${query([
      ['filter[slug][_eq]', slug],
      ['filter[languages_code][_eq]', locale],
      ['filter[articles_id][status][_eq]', 'published'],
      ['limit', '1'],
      ['fields', [...translatedArticleFields(columns), ...detailFields('articles_id.')].join(',')],
      inLocale('[articles_id][source]', locale),
      inLocale('[articles_id][institutions][institutions_id]', locale),
      inLocale('[articles_id][host_institution]', locale),
    ])}`,
  // The lean list: 25 published articles that have the locale, newest first, with the teaser's
  // fields (key, date, section, updated, cover, source's key/name/short name/slug) and the
  // locale's title/slug/summary; the total count as the project's pagination meta has it.
  list: ({ locale, page }) =>
    `/items/articles?${query([
      ...listPage(locale, page),
      ['fields', ['id', 'key', 'date', 'section', 'date_updated', ...prefixed('cover.', FILE_FIELDS), 'source.key', ...prefixed('source.translations.', ['name', 'short_name', 'slug']), ...prefixed('translations.', ['languages_code', 'title', 'slug', 'summary'])].join(',')],
      inLocale('', locale),
      inLocale('[source]', locale),
    ])}`,
  // The full list: the same pages with everything the detail carries (list-full's shape).
  listFull: ({ locale, page }) =>
    `/items/articles?${query([
      ...listPage(locale, page),
      ['fields', [...detailFields(''), ...prefixed('translations.', translatedArticleFields(columns))].join(',')],
      inLocale('', locale),
      inLocale('[source]', locale),
      inLocale('[institutions][institutions_id]', locale),
      inLocale('[host_institution]', locale),
    ])}`,
});

// ---------------------------------------------------------------------------------------------
// The server.

const api = (base, token) => async (method, pathname, body) => {
  const response = await fetch(`${base}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { text };
  }
  if (!response.ok) throw new Error(`Directus ${method} ${pathname.slice(0, 120)}: ${response.status} ${JSON.stringify(json).slice(0, 400)}`);
  return json;
};

/**
 * A Directus instance on a scratch PostgreSQL database (newsroom_bench_directus_<hex>):
 * bootstrap() installs its system tables and first admin, start() runs `directus start`
 * (tracked like every bench process) and resolves once /server/ping answers, drop() removes the
 * database. The server log is <install dir>/server.log.
 */
const createDirectusInstance = async ({ dir }) => {
  const database = `newsroom_bench_directus_${crypto.randomBytes(4).toString('hex')}`;
  await withPg('postgres', (c) => c.query(`CREATE DATABASE "${database}"`));
  const admin = { email: 'bench@example.com', password: `Bench-${crypto.randomBytes(8).toString('hex')}` };
  const settings = pgSettings();
  const logFile = path.join(dir, 'server.log');
  fs.writeFileSync(logFile, '');
  const env = (port) => ({
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port ?? 8055),
    PUBLIC_URL: `http://127.0.0.1:${port ?? 8055}`,
    DB_CLIENT: 'pg',
    DB_HOST: settings.host,
    DB_PORT: String(settings.port),
    DB_DATABASE: database,
    DB_USER: settings.user,
    DB_PASSWORD: settings.password,
    KEY: `bench-${database}`,
    SECRET: crypto.randomBytes(24).toString('hex'),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    // Like the project's uncached scenarios: no response cache (the schema is still cached in
    // memory, as Strapi keeps its own), no rate limiter, no telemetry, no request log.
    CACHE_ENABLED: 'false',
    RATE_LIMITER_ENABLED: 'false',
    RATE_LIMITER_GLOBAL_ENABLED: 'false',
    RATE_LIMITER_REGISTRATION_ENABLED: 'false',
    // Directus answers 503 "under pressure" once its event loop lags 500 ms: at concurrency 10 on
    // a loaded machine the full-shape list did (1,235 errors in 5 s); the project has no such valve.
    PRESSURE_LIMITER_ENABLED: 'false',
    TELEMETRY: 'false',
    LOG_LEVEL: 'warn',
    LOG_STYLE: 'raw',
    WEBSOCKETS_ENABLED: 'false',
    // The import's batches carry bodies: 100 articles are a few MB.
    MAX_PAYLOAD_SIZE: '64mb',
    EXTENSIONS_PATH: path.join(dir, 'extensions'),
    STORAGE_LOCATIONS: 'local',
    STORAGE_LOCAL_ROOT: path.join(dir, 'uploads'),
  });
  // The CLI behind `directus` (node_modules/directus/cli.js imports it after an update check
  // against registry.npmjs.org, which the bench leaves out).
  const cli = path.join(dir, 'node_modules', '@directus', 'api', 'dist', 'cli', 'run.js');
  fs.mkdirSync(path.join(dir, 'extensions'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'uploads'), { recursive: true });

  const tail = () => `\n--- ${logFile} (end) ---\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`;
  return {
    database,
    admin,
    bootstrap: () => runCommand(process.execPath, [cli, 'bootstrap'], { cwd: dir, env: env(), logFile }),
    start: async ({ timeoutMs = 180000 } = {}) => {
      const port = await freePort();
      const out = fs.openSync(logFile, 'a');
      const started = Date.now();
      // `directus start`, with the heap bound the project's server gets.
      const child = track(spawn(process.execPath, ['--max-old-space-size=320', cli, 'start'], { cwd: dir, env: env(port), stdio: ['ignore', out, out] }));
      fs.closeSync(out);
      const base = `http://127.0.0.1:${port}`;
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`directus start exited with ${child.exitCode ?? child.signalCode}${tail()}`);
        try {
          const ping = await fetch(`${base}/server/ping`);
          if (ping.ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() - started > timeoutMs) {
          await stopServer(child);
          throw new Error(`directus did not start in ${timeoutMs / 1000} s${tail()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return { child, base, startup: (Date.now() - started) / 1000, kind: 'directus' };
    },
    login: async (base) => (await api(base)('POST', '/auth/login', admin)).data.access_token,
    analyze: () => withPg(database, (c) => c.query('VACUUM ANALYZE')),
    drop: () => withPg('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)),
    tail,
  };
};

/** The collections, fields and relations (POST /collections, /relations), and the public policy's read permissions. */
const createSchema = async (base, token) => {
  const call = api(base, token);
  const plan = schemaPlan();
  for (const collection of plan.collections) {
    const scalar = collection.fields.filter((f) => f.type !== 'alias' || !['translations', 'm2m'].includes(f.meta.special[0]));
    await call('POST', '/collections', { ...collection, fields: scalar });
  }
  for (const relation of plan.relations) await call('POST', '/relations', relation);
  for (const collection of plan.collections) {
    for (const aliasField of collection.fields.filter((f) => f.type === 'alias')) {
      await call('PATCH', `/fields/${collection.collection}/${aliasField.field}`, { meta: aliasField.meta }).catch(() => call('POST', `/fields/${collection.collection}`, aliasField));
    }
  }
  // The public policy (Directus 11: the policy attached to no role and no user): reads of the
  // published items and of everything the published items show.
  const access = await call('GET', '/access?filter[role][_null]=true&filter[user][_null]=true&fields=policy&limit=1');
  const policy = access?.data?.[0]?.policy;
  if (!policy) throw new Error(`no public policy in Directus's /access: ${JSON.stringify(access).slice(0, 300)}`);
  const published = { status: { _eq: 'published' } };
  const permissions = [
    ['articles', published],
    ['sources', published],
    ['institutions', published],
    ['articles_translations', null],
    ['sources_translations', null],
    ['institutions_translations', null],
    ['articles_institutions', null],
    ['languages', null],
    ['directus_files', null],
  ].map(([collection, permissionFilter]) => ({ policy, collection, action: 'read', fields: ['*'], permissions: permissionFilter, validation: null, presets: null }));
  await call('POST', '/permissions', permissions);
  return plan;
};

const readRecords = async (file) => {
  const records = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) records.push(JSON.parse(line));
  return records;
};

const statusOf = (record) => (record.publish === false || (Array.isArray(record.publish) && record.publish.length === 0) ? 'draft' : 'published');

/** The export's localized fields of an article as a row of articles_translations. */
const articleTranslation = (code, fields, columns) => {
  const row = { languages_code: code, title: fields.title ?? null, slug: fields.slug ?? null, summary: fields.summary ?? null, body: fields.body ?? null };
  for (const c of columns) {
    if (c.file) continue;
    const value = fields[c.prefix]?.[c.name];
    if (value !== undefined) row[c.column] = value;
  }
  return row;
};

/**
 * The project's export pushed through Directus's REST API: languages, institutions (parents in
 * a second pass), sources, articles (each with its translations and its institutions' junction
 * rows, nested in the same POST), IMPORT_BATCH items per request. Returns { seconds, documents, requests }.
 */
const importExport = async (base, token, file, columns, { onProgress = () => {} } = {}) => {
  const call = api(base, token);
  const records = await readRecords(file);
  const started = Date.now();
  let requests = 0;
  const post = async (collection, items) => {
    const ids = new Map();
    for (let i = 0; i < items.length; i += IMPORT_BATCH) {
      const batch = items.slice(i, i + IMPORT_BATCH);
      const created = await call('POST', `/items/${collection}?fields=id,key`, batch);
      requests += 1;
      for (const row of created.data) ids.set(row.key, row.id);
      onProgress(collection, Math.min(items.length, i + IMPORT_BATCH), items.length);
    }
    return ids;
  };
  const byType = (type) => records.filter((record) => record.type === type);
  const translations = (record, pick) => Object.entries(record.locales ?? {}).map(([code, fields]) => ({ languages_code: code, ...pick(fields) }));

  await call('POST', '/items/languages', LANGUAGES);
  requests += 1;
  const institutions = byType('institution');
  const institutionIds = await post(
    'institutions',
    institutions.map((record) => ({
      key: record.key,
      status: statusOf(record),
      kind: record.shared?.kind ?? null,
      country: record.shared?.country ?? null,
      website: record.shared?.website ?? null,
      translations: translations(record, (f) => ({ name: f.name ?? null, short_name: f.shortName ?? null, slug: f.slug ?? null, city: f.city ?? null, province: f.province ?? null, description: f.description ?? null })),
    }))
  );
  const parents = institutions.filter((record) => record.relations?.parent).map((record) => ({ id: institutionIds.get(record.key), parent: institutionIds.get(record.relations.parent) ?? null }));
  if (parents.length > 0) {
    await call('PATCH', '/items/institutions', parents);
    requests += 1;
  }
  const sourceIds = await post(
    'sources',
    byType('source').map((record) => ({
      key: record.key,
      status: statusOf(record),
      kind: record.shared?.kind ?? null,
      homepage: record.shared?.homepage ?? null,
      country: record.shared?.country ?? null,
      institution: record.relations?.institution ? institutionIds.get(record.relations.institution) ?? null : null,
      translations: translations(record, (f) => ({ name: f.name ?? null, short_name: f.shortName ?? null, slug: f.slug ?? null })),
    }))
  );
  const articles = byType('article');
  await post(
    'articles',
    articles.map((record) => ({
      key: record.key,
      status: statusOf(record),
      date: record.shared?.date ?? null,
      section: record.shared?.section ?? null,
      source: record.relations?.source ? sourceIds.get(record.relations.source) ?? null : null,
      host_institution: record.relations?.hostInstitution ? institutionIds.get(record.relations.hostInstitution) ?? null : null,
      institutions: (record.relations?.institutions ?? []).map((key, index) => ({ institutions_id: institutionIds.get(key), sort: index + 1 })),
      translations: Object.entries(record.locales ?? {}).map(([code, fields]) => articleTranslation(code, fields, columns)),
    }))
  );
  return { seconds: (Date.now() - started) / 1000, documents: institutions.length + sourceIds.size + articles.length, records: records.length, requests, batchSize: IMPORT_BATCH };
};

module.exports = { DIRECTUS_VERSION, ensureDirectus, createDirectusInstance, createSchema, importExport, directusPaths, schemaPlan };
