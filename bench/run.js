#!/usr/bin/env node
'use strict';

/**
 * npm run bench [-- --quick] [-- --articles N --duration S --warmup S]
 *               [-- --databases sqlite,postgres] [-- --scenarios a,b,c] [-- --cold-requests N]
 *
 * Generates an archive and, for each database (SQLite, and PostgreSQL when it answers on
 * 127.0.0.1:5432; DATABASE_CLIENT=postgres: PostgreSQL only), imports it into a fresh database,
 * rebuilds the read model (when package.json has read-model:rebuild), and measures with
 * autocannon, one server at a time, concurrency 10 after a warm-up (BENCHMARKS.md, "Method"):
 *   by-slug, list, list-full, graphql-list   the project's production server, response cache off
 *   raw-ceiling, raw-ceiling-list            a bare Node server sending the same bytes
 *   peer-*                                   a plain Strapi 5 app with the same schemas on a copy
 *                                            of the same database (bench/lib/peer.js)
 *   directus-*                               Directus 11.3.5 on PostgreSQL, the same content modelled
 *                                            its own way, loaded from the project's export through its
 *                                            REST API (timed); PostgreSQL only (bench/lib/directus.js)
 *   *-no-plugin                              REPRINT_ATTRIBUTION_ENABLED=false
 *   *-strapi-path                            READ_MODEL_ENABLED=false (Strapi's own read path)
 *   cold-first-*, peer-cold-first-*          the first N distinct reads after a start (cache on)
 *   cached-*, cached-*-redis                 the response cache, hot (memory; Redis when it answers)
 *   publish-*                                hot reads while an API-token client republishes an
 *                                            article every 200 ms (cache on): the share of misses
 *   translation-status                       the translation desk's status page (admin API, first
 *                                            page of 50, counts over every article) with an admin's
 *                                            JWT, concurrency 1; target p99 < 500 ms (TARGETS)
 * Prints a table per database with the project/peer, project/Directus and raw-ceiling ratios and writes
 * bench/results/<date>-<db>-<N>.json per database and latest.json (the first database's, with
 * the others under otherDatabases).
 */
const crypto = require('node:crypto');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const zlib = require('node:zlib');

const { generateDataset } = require('../scripts/lib/dataset');
const { freshDatabase, postgresAnswers } = require('./lib/databases');
const { measure, measureOnce } = require('./lib/load');
const { createPeerApp } = require('./lib/peer');
const directus = require('./lib/directus');
const { PROJECT_ENV, root, onCleanup, shutdown, startProject: startProjectServer, startApp, startRaw, runNode, runNpm, stop, rssMb } = require('./lib/processes');
const { GROUPS, PEER_OF, DIRECTUS_OF, TARGETS, ceilingOf, selectScenarios } = require('./lib/scenarios');
const { createApiToken, startRepublisher } = require('./lib/writer');

/** Strapi's bracket syntax for a nested query object: { populate: { cover: true } } → populate[cover]=true. */
const bracketQuery = (value, prefix = '') =>
  Object.entries(value).flatMap(([key, item]) => {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (Array.isArray(item)) return item.map((entry, index) => `${name}[${index}]=${encodeURIComponent(entry)}`);
    if (item && typeof item === 'object') return bracketQuery(item, name);
    return [`${name}=${encodeURIComponent(String(item))}`];
  });

// A list page in the shape every list had before lean lists (#14): each article with its
// institutions, reprint record, SEO and the full attribution. What `list` is compared with.
const INSTITUTION_FIELDS = ['key', 'name', 'shortName', 'slug', 'kind', 'city', 'province', 'country', 'website'];
const FULL_LIST_QUERY = bracketQuery({
  populate: {
    source: { fields: ['key', 'name', 'shortName', 'slug', 'kind', 'homepage', 'country'] },
    institutions: { fields: INSTITUTION_FIELDS },
    hostInstitution: { fields: INSTITUTION_FIELDS },
    cover: true,
    reprint: true,
    seo: { populate: { ogImage: true } },
  },
}).join('&');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    articles: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    // runs the plugin-off server first: to see whether the order of the runs moves the ratio
    'plugin-off-first': { type: 'boolean', default: false },
    databases: { type: 'string' },
    scenarios: { type: 'string' },
    'cold-requests': { type: 'string' },
  },
});
const ARTICLES = Number(args.articles ?? (args.quick ? 1000 : 10000));
const DURATION = Number(args.duration ?? (args.quick ? 5 : 20));
const WARMUP = Number(args.warmup ?? (args.quick ? 2 : 5));
const COLD_REQUESTS = Number(args['cold-requests'] ?? 200);
const CONNECTIONS = 10;
const LOCALES = ['zh-Hans', 'en', 'ru'];
const SELECTED = selectScenarios(args.scenarios);
// The environment of the first project server (and of the read model's rebuild).
const FIRST_SERVER_ENV = { RESPONSE_CACHE_ENABLED: 'false', REPRINT_ATTRIBUTION_ENABLED: 'true', REDIS_URL: '' };
const READ_MODEL_SETTLE_TIMEOUT = Number(process.env.BENCH_READ_MODEL_SETTLE_SECONDS || 300);

const log = (message) => console.log(`bench: ${message}`);
const secondsSince = (start) => (Date.now() - start) / 1000;
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const shuffle = (list) => {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};
const wants = (...names) => names.some((name) => SELECTED.has(name));
const groupWanted = (group) => wants(...GROUPS.find((g) => g.group === group).scenarios);

/** The project's default detail population and lean list (the peer asks for them explicitly). */
const projectShapes = () => {
  const file = path.join(root, 'dist', 'src', 'api', 'article', 'middlewares', 'article-populate.js');
  const { DEFAULT_ARTICLE_POPULATE, LEAN_ARTICLE_FIELDS, LEAN_ARTICLE_POPULATE } = require(file);
  return {
    detail: bracketQuery({ populate: DEFAULT_ARTICLE_POPULATE }).join('&'),
    lean: [...bracketQuery({ fields: LEAN_ARTICLE_FIELDS }), ...bracketQuery({ populate: LEAN_ARTICLE_POPULATE })].join('&'),
  };
};

// The list's shape through GraphQL (graphql-list: POST, uncached; cached-graphql-list: GET, hot).
const GRAPHQL_LIST_QUERY =
  'query($locale: I18NLocaleCode, $page: Int) { articles(locale: $locale, sort: "date:desc", pagination: { page: $page, pageSize: 25 }) { documentId title slug date section source { name homepage } hostInstitution { name } institutions(pagination: { limit: 30 }) { name } reprint { isReprint originalTitle } attribution } }';
// A GraphQL GET needs a preflight header (Apollo's CSRF prevention; docs/api.md, "Caching GraphQL reads").
const GRAPHQL_GET_HEADERS = { 'apollo-require-preflight': 'true' };

const paths = {
  bySlug: ({ slug, locale }) => `/api/articles/slug/${encodeURIComponent(slug)}?locale=${locale}`,
  list: ({ locale, page }) => `/api/articles?locale=${locale}&pagination[pageSize]=25&pagination[page]=${page}`,
  graphqlList: ({ locale, page }) => `/graphql?query=${encodeURIComponent(GRAPHQL_LIST_QUERY)}&variables=${encodeURIComponent(JSON.stringify({ locale, page }))}`,
  listFull: (target) => `${paths.list(target)}&${FULL_LIST_QUERY}`,
  // The plain-Strapi equivalents: filter by slug with the default detail's population; the lean
  // list's fields and population, newest first (the project's default sort).
  peerBySlug: (shapes) => ({ slug, locale }) => `/api/articles?filters[slug][$eq]=${encodeURIComponent(slug)}&locale=${locale}&${shapes.detail}`,
  peerList: (shapes) => ({ locale, page }) => `/api/articles?locale=${locale}&pagination[pageSize]=25&pagination[page]=${page}&sort[0]=date:desc&sort[1]=publishedAt:desc&${shapes.lean}`,
  peerListFull: ({ locale, page }) => `/api/articles?locale=${locale}&pagination[pageSize]=25&pagination[page]=${page}&sort[0]=date:desc&sort[1]=publishedAt:desc&${FULL_LIST_QUERY}`,
};

const redisAnswers = async (url) => {
  const Redis = require('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
};

const clearRedisPrefix = async (url, prefix) => {
  const Redis = require('ioredis');
  const client = new Redis(url);
  const keys = await client.keys(`${prefix}*`);
  if (keys.length > 0) await client.del(...keys);
  client.disconnect();
};

/** Which databases this run measures: --databases, else DATABASE_CLIENT=postgres, else both when PostgreSQL answers. */
const chooseDatabases = async () => {
  if (args.databases) {
    const list = args.databases.split(',').map((s) => s.trim()).filter(Boolean);
    for (const client of list) if (!['sqlite', 'postgres'].includes(client)) throw new Error(`--databases: unknown database "${client}" (sqlite, postgres)`);
    if (list.includes('postgres') && !(await postgresAnswers())) throw new Error('--databases postgres: PostgreSQL does not answer on 127.0.0.1:5432');
    return list;
  }
  if (process.env.DATABASE_CLIENT === 'postgres') return ['postgres'];
  if (await postgresAnswers()) return ['sqlite', 'postgres'];
  log('PostgreSQL does not answer on 127.0.0.1:5432: SQLite only');
  return ['sqlite'];
};

/** One database: import, then the selected scenarios; returns its results (the format of earlier runs, plus the new fields). */
const benchDatabase = async (client, { dir, file, documents, directusInstall }) => {
  const measureOptions = (server) => ({ pid: server.child.pid, connections: CONNECTIONS, duration: DURATION, warmup: WARMUP });
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1e9), node: process.version, loadAverage: os.loadavg() },
    database: client,
    articles: ARTICLES,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    scenarioSelection: [...SELECTED],
    scenarios: [],
    skipped: {},
  };
  const add = (scenario) => {
    results.scenarios.push(scenario);
    log(`${client} ${scenario.name}: ${scenario.requestsPerSecond.toFixed(1)} req/s, p50 ${scenario.p50} ms, p99 ${scenario.p99} ms, ${scenario.errors} errors${scenario.missFraction !== undefined ? `, MISS ${(100 * scenario.missFraction).toFixed(0)}%` : ''}`);
  };

  const database = await freshDatabase(client, dir);
  const undoCleanup = onCleanup(() => database.drop());
  try {
    const importStarted = Date.now();
    const output = await runNode([path.join(root, 'scripts', 'import.js'), file], { env: { ...process.env, ...database.env, LOG_LEVEL: 'error' } });
    // The import's own summary line ("import: … in N s"); since the import renders the read
    // model too, its line ("read model: … rendered in N s") comes after it.
    const outputLines = output.trim().split('\n');
    const summary = outputLines.filter((line) => line.startsWith('import:')).pop() ?? outputLines[outputLines.length - 1];
    const readModelLine = outputLines.find((line) => line.startsWith('read model:'));
    const importSeconds = Number(/ in ([\d.]+) s/.exec(summary)?.[1] ?? NaN);
    results.import = { seconds: importSeconds, wallSeconds: secondsSince(importStarted), documents, summary, ...(readModelLine ? { readModel: readModelLine } : {}) };
    log(`${client} import: ${summary}`);

    // The read model (#15), when the project has one: rebuilt after the bulk load, as after any import.
    const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
    if (scripts['read-model:rebuild']) {
      const started = Date.now();
      // With the first server's environment: the read model keeps what it rendered only for the
      // code and configuration that rendered it (its fingerprint), and renders everything again
      // at a start with others.
      await runNpm('read-model:rebuild', { env: { ...process.env, ...PROJECT_ENV, ...database.env, ...FIRST_SERVER_ENV, LOG_LEVEL: 'error' } });
      results.readModelRebuild = { seconds: secondsSince(started) };
      log(`${client} read model rebuilt in ${results.readModelRebuild.seconds.toFixed(1)} s`);
    } else {
      results.readModelRebuild = null;
    }
    // Fresh statistics before measuring: otherwise PostgreSQL's autovacuum analyzes the new
    // tables while the first scenarios run, and SQLite plans without statistics.
    await database.analyze();

    const published = await database.publishedArticles();
    const byLocale = Object.fromEntries(LOCALES.map((locale) => [locale, published.filter((row) => row.locale === locale)]));
    const pagesPerLocale = Math.max(1, Math.ceil(Math.min(...LOCALES.map((l) => byLocale[l].length)) / 25));
    const randomSlug = () => pick(published);
    const randomPage = () => ({ locale: pick(LOCALES), page: 1 + Math.floor(Math.random() * pagesPerLocale) });
    // The hot set of the cached and publish scenarios: 34 articles a locale, 20 pages.
    const hot = LOCALES.flatMap((locale) => byLocale[locale].slice(-34));
    const hotPages = Array.from({ length: 20 }, (_, i) => ({ locale: LOCALES[i % 3], page: 1 + Math.floor(i / 3) }));
    // The cold scenarios: slugs and pages never requested before, the same ones for the project and the peer.
    const coldSlugs = shuffle(published).slice(0, COLD_REQUESTS + 1);
    const coldPages = shuffle(LOCALES.flatMap((locale) => Array.from({ length: pagesPerLocale }, (_, i) => ({ locale, page: i + 1 })))).slice(0, COLD_REQUESTS + 1);

    // The peer's copy of the database, taken now: the same content the project's servers read.
    let peer = null;
    if (groupWanted('peer') || groupWanted('peer-cold-first')) {
      const connection = await database.copyForPeer();
      const peerDir = createPeerApp(path.join(root, '.tmp', 'bench-peer', client));
      peer = { dir: peerDir, env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', BENCH_PEER_DATABASE: JSON.stringify(connection) }, shapes: projectShapes() };
      results.peer = { app: path.relative(root, peerDir), strapi: JSON.parse(fs.readFileSync(path.join(root, 'node_modules', '@strapi', 'strapi', 'package.json'), 'utf8')).version };
    }

    // A project server whose configuration differs from the one the read model was rendered
    // with (plugin off, Redis) renders every published document again in the background at
    // start: measured once that is done (and how long it took, in readModelSettle).
    results.readModelSettle = [];
    const startProject = async (env, label = JSON.stringify(env)) => {
      const server = await startProjectServer({ ...database.env, ...env });
      const started = Date.now();
      let stale = await database.readModelStale();
      if (stale === null) return server;
      const initial = stale;
      let progressed = Date.now();
      while (stale > 0) {
        // fails only when the rendering stops progressing: at 10,000 articles it renders 30,000 rows
        if (secondsSince(progressed) > READ_MODEL_SETTLE_TIMEOUT) {
          await stop(server);
          throw new Error(`${label}: the read model rendered nothing for ${READ_MODEL_SETTLE_TIMEOUT} s (${stale} of ${initial} rows still stale)`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = await database.readModelStale();
        if (now < stale) progressed = Date.now();
        stale = now;
      }
      if (initial > 0) {
        results.readModelSettle.push({ server: label, rows: initial, seconds: secondsSince(started) });
        log(`${client} server ${label}: waited ${secondsSince(started).toFixed(1)} s for the read model to render ${initial} rows again`);
      }
      return server;
    };

    const uncachedProject = async (label, env, names) => {
      const server = await startProject({ RESPONSE_CACHE_ENABLED: 'false', REDIS_URL: '', ...env }, label);
      log(`${client} server ${label} up in ${server.startup.toFixed(1)} s`);
      try {
        const [bySlug, list] = names;
        if (wants(bySlug)) add(await measure(bySlug, server.base, () => ({ path: paths.bySlug(randomSlug()) }), measureOptions(server)));
        if (wants(list)) add(await measure(list, server.base, () => ({ path: paths.list(randomPage()) }), measureOptions(server)));
        return server;
      } catch (error) {
        await stop(server);
        throw error;
      }
    };

    const projectGroup = async () => {
      const server = await uncachedProject('with the plugin', { REPRINT_ATTRIBUTION_ENABLED: 'true' }, ['by-slug', 'list']);
      results.startupSeconds = server.startup;
      try {
        const pages = pagesPerLocale;
        if (wants('list-full')) add(await measure('list-full', server.base, () => ({ path: paths.listFull(randomPage()) }), measureOptions(server)));
        if (wants('graphql-list')) {
          const query = GRAPHQL_LIST_QUERY;
          add(
            await measure('graphql-list', server.base, () => ({
              method: 'POST',
              path: '/graphql',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query, variables: { locale: pick(LOCALES), page: 1 + Math.floor(Math.random() * pages) } }),
            }), measureOptions(server))
          );
        }
        // The same bytes from a bare Node server: what this machine can do at all.
        const samples = { 'raw-ceiling': paths.bySlug(published[0]), 'raw-ceiling-list': paths.list({ locale: 'en', page: 1 }) };
        // What a 25-item page weighs, lean (the default) and in the full shape, as sent and compressed.
        for (const [name, sample] of Object.entries({ list: samples['raw-ceiling-list'], 'list-full': `${samples['raw-ceiling-list']}&${FULL_LIST_QUERY}` })) {
          const bytes = Buffer.from(await (await fetch(`${server.base}${sample}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
          results.pageBytes = { ...results.pageBytes, [name]: { identity: bytes.length, gzip: zlib.gzipSync(bytes).length, br: zlib.brotliCompressSync(bytes).length } };
        }
        for (const [name, sample] of Object.entries(samples)) {
          const bytes = Buffer.from(await (await fetch(`${server.base}${sample}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
          results.responseBytes = { ...results.responseBytes, [name]: bytes.length };
          if (!wants(name)) continue;
          const sampleFile = path.join(dir, `${name}.json`);
          fs.writeFileSync(sampleFile, bytes);
          const raw = await startRaw(sampleFile);
          try {
            add(await measure(name, raw.base, () => ({ path: '/' }), measureOptions(raw)));
          } finally {
            await stop(raw);
          }
        }
        results.serverRssMb = rssMb(server.child.pid);
      } finally {
        await stop(server);
      }
    };

    const peerGroup = async () => {
      const server = await startApp(peer.dir, peer.env);
      results.peer.startupSeconds = server.startup;
      log(`${client} peer (plain Strapi) up in ${server.startup.toFixed(1)} s`);
      try {
        // The equivalent request answers the same article: checked once, so a broken peer cannot pass for a fast one.
        const check = await (await fetch(`${server.base}${paths.peerBySlug(peer.shapes)(published[0])}`)).json();
        if (check?.data?.[0]?.slug !== published[0].slug) throw new Error(`the peer did not find the article ${published[0].slug}: ${JSON.stringify(check).slice(0, 300)}`);
        const list = await (await fetch(`${server.base}${paths.peerList(peer.shapes)({ locale: 'en', page: 1 })}`)).json();
        if (!(list?.data?.length > 0)) throw new Error(`the peer's list is empty: ${JSON.stringify(list).slice(0, 300)}`);
        if (wants('peer-by-slug')) add(await measure('peer-by-slug', server.base, () => ({ path: paths.peerBySlug(peer.shapes)(randomSlug()) }), measureOptions(server)));
        if (wants('peer-list')) add(await measure('peer-list', server.base, () => ({ path: paths.peerList(peer.shapes)(randomPage()) }), measureOptions(server)));
        if (wants('peer-list-full')) add(await measure('peer-list-full', server.base, () => ({ path: paths.peerListFull(randomPage()) }), measureOptions(server)));
        results.peer.serverRssMb = rssMb(server.child.pid);
      } finally {
        await stop(server);
      }
    };

    // The Directus column: the project's database exported (scripts/export.js, the code of `npm
    // run export`), a fresh Directus on its own scratch database, the export pushed through its
    // REST API (timed), then Directus restarted and read anonymously. A failure is reported and
    // the run goes on without the column.
    const directusGroup = async () => {
      results.directus = { version: directus.DIRECTUS_VERSION, install: directusInstall?.info ?? null };
      if (client !== 'postgres') throw new Error('the Directus column runs on PostgreSQL only (Directus is measured on PostgreSQL, loaded from that run\'s export)');
      if (!directusInstall?.info) throw new Error(`Directus ${directus.DIRECTUS_VERSION} is not available: ${directusInstall?.error ?? 'not installed'}`);
      const exportFile = path.join(dir, `export-${client}.ndjson`);
      const exportStarted = Date.now();
      const exportOutput = await runNode([path.join(root, 'scripts', 'export.js'), exportFile], { env: { ...process.env, ...database.env, LOG_LEVEL: 'error' } });
      results.directus.export = { summary: exportOutput.trim().split('\n').pop(), wallSeconds: secondsSince(exportStarted), bytes: fs.statSync(exportFile).size };
      log(`${client} directus: ${results.directus.export.summary}`);

      const instance = await directus.createDirectusInstance({ dir: directusInstall.info.dir });
      results.directus.database = instance.database;
      const undoDrop = onCleanup(() => instance.drop());
      let server = null;
      try {
        const bootstrapStarted = Date.now();
        await instance.bootstrap();
        results.directus.bootstrapSeconds = secondsSince(bootstrapStarted);
        server = await instance.start();
        const token = await instance.login(server.base);
        const schemaStarted = Date.now();
        const plan = await directus.createSchema(server.base, token);
        results.directus.schemaSeconds = secondsSince(schemaStarted);
        log(`${client} directus ${directus.DIRECTUS_VERSION}: bootstrapped in ${results.directus.bootstrapSeconds.toFixed(1)} s, schema created through its API in ${results.directus.schemaSeconds.toFixed(1)} s; importing the export through its REST API…`);
        let lastLog = Date.now();
        const imported = await directus.importExport(server.base, token, exportFile, plan.columns, {
          onProgress: (collection, done, total) => {
            if (done === total || Date.now() - lastLog > 10000) {
              lastLog = Date.now();
              log(`${client} directus import: ${collection} ${done}/${total}`);
            }
          },
        });
        results.directus.import = imported;
        log(`${client} directus import: ${imported.documents} documents in ${imported.seconds.toFixed(1)} s (${imported.requests} requests of up to ${imported.batchSize} items)`);
        await stop(server);
        server = null;
        // As for the project: fresh statistics, then a fresh server for the measurements.
        await instance.analyze();
        server = await instance.start();
        results.directus.startupSeconds = server.startup;
        log(`${client} directus up in ${server.startup.toFixed(1)} s`);
        const urls = directus.directusPaths(plan.columns);
        results.directus.urls = {
          bySlug: urls.bySlug(published[0]),
          list: urls.list({ locale: 'en', page: 1 }),
          listFull: urls.listFull({ locale: 'en', page: 1 }),
        };
        // As for the peer: the equivalent request answers the same article, and anonymously.
        const check = await (await fetch(`${server.base}${urls.bySlug(published[0])}`)).json();
        if (check?.data?.[0]?.slug !== published[0].slug) throw new Error(`Directus did not find the article ${published[0].slug}: ${JSON.stringify(check).slice(0, 300)}`);
        const list = await (await fetch(`${server.base}${urls.list({ locale: 'en', page: 1 })}`)).json();
        if (list?.data?.length !== Math.min(25, byLocale.en.length)) throw new Error(`Directus's list has ${list?.data?.length} items: ${JSON.stringify(list).slice(0, 300)}`);
        if (wants('directus-by-slug')) add(await measure('directus-by-slug', server.base, () => ({ path: urls.bySlug(randomSlug()) }), measureOptions(server)));
        if (wants('directus-list')) add(await measure('directus-list', server.base, () => ({ path: urls.list(randomPage()) }), measureOptions(server)));
        if (wants('directus-list-full')) add(await measure('directus-list-full', server.base, () => ({ path: urls.listFull(randomPage()) }), measureOptions(server)));
        results.directus.serverRssMb = rssMb(server.child.pid);
      } catch (error) {
        results.directus.serverLog = instance.tail();
        throw error;
      } finally {
        await stop(server);
        await instance.drop();
        undoDrop();
      }
    };
    const directusColumn = async () => {
      try {
        await directusGroup();
      } catch (error) {
        results.directus.error = error.message;
        results.skipped.directus = error.message.split('\n')[0];
        log(`${client}: no Directus column: ${error.message}`);
      }
    };

    // The first reads after a start: a fresh server for each scenario; the very first response
    // is timed alone, then N distinct requests that nobody asked for before at concurrency 10.
    const coldFirst = async (name, start, firstPath, coldPaths) => {
      const server = await start();
      try {
        const started = Date.now();
        const first = await fetch(`${server.base}${firstPath}`);
        await first.arrayBuffer();
        const firstResponseMs = Date.now() - started;
        if (!first.ok) throw new Error(`${name}: the first request answered ${first.status}`);
        add(await measureOnce(name, server.base, coldPaths, { pid: server.child.pid, connections: CONNECTIONS, extra: { firstResponseMs, firstXCache: first.headers.get('x-cache'), startupSeconds: server.startup } }));
      } finally {
        await stop(server);
      }
    };
    const coldGroup = async (prefix, start, bySlugPath, listPath) => {
      if (wants(`${prefix}cold-first-by-slug`)) await coldFirst(`${prefix}cold-first-by-slug`, start, bySlugPath(coldSlugs[0]), coldSlugs.slice(1).map(bySlugPath));
      if (wants(`${prefix}cold-first-list`)) await coldFirst(`${prefix}cold-first-list`, start, listPath(coldPages[0]), coldPages.slice(1).map(listPath));
    };

    // Every hot slug and page requested once, one after the other: cached before the load starts,
    // however slow the machine is (the warm-up alone left some out on a loaded machine).
    const warmHotSet = async (server) => {
      for (const target of [...hot.map(paths.bySlug), ...hotPages.map(paths.list)]) {
        const response = await fetch(`${server.base}${target}`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`warming the cache: ${target} answered ${response.status}`);
      }
    };

    // The cached path, hot: memory store, then Redis when one answers.
    const cachedGroup = async (suffix, env) => {
      // the Redis entries go on a failure or a signal too
      const undoRedis = env.RESPONSE_CACHE_PREFIX ? onCleanup(() => clearRedisPrefix(env.REDIS_URL, env.RESPONSE_CACHE_PREFIX)) : () => {};
      const server = await startProject({ RESPONSE_CACHE_ENABLED: 'true', ...env }, `cached${suffix}`);
      try {
        await warmHotSet(server);
        if (wants(`cached-by-slug${suffix}`)) add(await measure(`cached-by-slug${suffix}`, server.base, () => ({ path: paths.bySlug(pick(hot)) }), measureOptions(server)));
        if (wants(`cached-list${suffix}`)) add(await measure(`cached-list${suffix}`, server.base, () => ({ path: paths.list(pick(hotPages)) }), measureOptions(server)));
        if (suffix === '' && wants('cached-graphql-list')) {
          // The GraphQL list sent by GET, the hot pages answered by the response cache.
          for (const page of hotPages) {
            const response = await fetch(`${server.base}${paths.graphqlList(page)}`, { headers: GRAPHQL_GET_HEADERS });
            await response.arrayBuffer();
            if (!response.ok) throw new Error(`warming the cache: the GraphQL list answered ${response.status}`);
          }
          add(await measure('cached-graphql-list', server.base, () => ({ path: paths.graphqlList(pick(hotPages)), headers: GRAPHQL_GET_HEADERS }), measureOptions(server)));
          const graphqlCheck = await fetch(`${server.base}${paths.graphqlList(hotPages[0])}`, { headers: GRAPHQL_GET_HEADERS });
          await graphqlCheck.arrayBuffer();
          results.cacheCheckGraphql = graphqlCheck.headers.get('x-cache');
          if (results.cacheCheckGraphql !== 'HIT') throw new Error(`cached-graphql-list was not served from the cache (X-Cache: ${results.cacheCheckGraphql})`);
        }
        const check = await fetch(`${server.base}${paths.bySlug(hot[0])}`);
        await check.arrayBuffer();
        results[`cacheCheck${suffix}`] = check.headers.get('x-cache');
        if (check.headers.get('x-cache') !== 'HIT') throw new Error(`the cached scenario was not served from the cache (X-Cache: ${check.headers.get('x-cache')})`);
      } finally {
        await stop(server);
        undoRedis();
        if (env.RESPONSE_CACHE_PREFIX) await clearRedisPrefix(env.REDIS_URL, env.RESPONSE_CACHE_PREFIX);
      }
    };

    // Reads right after publishes: the hot set, warmed, read while an API-token client
    // republishes one of its articles every 200 ms (memory cache).
    let accessKey = null;
    const publishGroup = async () => {
      const server = await startProject({ RESPONSE_CACHE_ENABLED: 'true', REDIS_URL: '' }, 'cache on');
      try {
        accessKey ??= await createApiToken(server.base);
        await warmHotSet(server);
        const targets = shuffle(hot).map(({ documentId, locale }) => ({ documentId, locale }));
        for (const [name, requestFor] of [
          ['publish-by-slug', () => ({ path: paths.bySlug(pick(hot)) })],
          ['publish-list', () => ({ path: paths.list(pick(hotPages)) })],
        ]) {
          if (!wants(name)) continue;
          // warm-up with no writes: the hot set is cached when the writer starts
          await measure(`${name}-warm-up`, server.base, requestFor, { ...measureOptions(server), warmup: 0, duration: WARMUP });
          const writer = startRepublisher(server.base, accessKey, targets, { intervalMs: 200 });
          let writes;
          try {
            const scenario = await measure(name, server.base, requestFor, { ...measureOptions(server), warmup: 0 });
            writes = await writer.stop();
            scenario.writes = writes;
            add(scenario);
          } finally {
            writes ??= await writer.stop();
          }
          log(`${client} ${name}: ${writes.writes} writes (${writes.failed} failed${writes.firstError ? `: ${writes.firstError}` : ''}), p50 ${writes.p50} ms, p99 ${writes.p99} ms`);
          if (writes.failed > 0) throw new Error(`${name}: ${writes.failed} of ${writes.writes} writes failed: ${writes.firstError}`);
        }
      } finally {
        await stop(server);
      }
    };

    // The translation desk's status page (issue #18): the whole table's counts and its first page,
    // as an admin (the first admin, registered through the admin's own sign-up of the first user).
    const deskGroup = async () => {
      const server = await startProject({ RESPONSE_CACHE_ENABLED: 'false' }, 'translation desk');
      try {
        const email = `bench-${crypto.randomBytes(4).toString('hex')}@example.edu`;
        const password = `Bench-${crypto.randomBytes(8).toString('hex')}-1a`;
        const registered = await fetch(`${server.base}/admin/register-admin`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password, firstname: 'Bench', lastname: 'Desk' }),
        });
        if (!registered.ok) throw new Error(`translation-status: registering the bench's admin answered ${registered.status}`);
        const token = (await registered.json()).data.token;
        const target = TARGETS['translation-status'];
        const path = `/translation-desk/status?type=${encodeURIComponent('api::article.article')}&pageSize=50`;
        const check = await fetch(`${server.base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
        if (!check.ok) throw new Error(`translation-status: ${path} answered ${check.status}`);
        const body = await check.json();
        const scenario = await measure('translation-status', server.base, () => ({ path, headers: { Authorization: `Bearer ${token}` } }), {
          ...measureOptions(server),
          connections: target.connections,
          extra: { documents: body.meta.pagination.total },
        });
        scenario.target = { ...target, met: scenario.p99 < target.p99Ms && scenario.errors === 0 };
        add(scenario);
        log(`${client} translation-status: ${body.meta.pagination.total} documents, p50 ${scenario.p50} ms, p99 ${scenario.p99} ms: target p99 < ${target.p99Ms} ms ${scenario.target.met ? 'met' : 'NOT met'}`);
      } finally {
        await stop(server);
      }
    };

    // The order: the project's uncached server and the peer next to each other; the servers
    // whose configuration makes the read model render everything again (plugin off, Redis) last.
    const uncachedVariants = async () => {
      if (groupWanted('no-plugin')) await stop(await uncachedProject('without the plugin', { REPRINT_ATTRIBUTION_ENABLED: 'false' }, ['by-slug-no-plugin', 'list-no-plugin']));
    };
    if (args['plugin-off-first']) await uncachedVariants();
    if (groupWanted('project')) await projectGroup();
    if (groupWanted('peer')) await peerGroup();
    if (groupWanted('directus')) await directusColumn();
    if (groupWanted('strapi-path')) await stop(await uncachedProject('with READ_MODEL_ENABLED=false', { READ_MODEL_ENABLED: 'false' }, ['by-slug-strapi-path', 'list-strapi-path']));
    if (groupWanted('cold-first')) await coldGroup('', () => startProject({ RESPONSE_CACHE_ENABLED: 'true', REDIS_URL: '' }, 'cache on'), paths.bySlug, paths.list);
    if (groupWanted('peer-cold-first')) await coldGroup('peer-', () => startApp(peer.dir, peer.env), paths.peerBySlug(peer.shapes), paths.peerList(peer.shapes));
    if (groupWanted('cached')) await cachedGroup('', { REDIS_URL: '' });
    if (groupWanted('publish')) await publishGroup();
    if (!args['plugin-off-first']) await uncachedVariants();
    if (groupWanted('desk')) await deskGroup();
    if (groupWanted('cached-redis')) {
      const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
      if (await redisAnswers(redisUrl)) await cachedGroup('-redis', { REDIS_URL: redisUrl, RESPONSE_CACHE_PREFIX: `newsroom-bench:${crypto.randomBytes(4).toString('hex')}:` });
      else {
        results.skipped['cached-redis'] = `no Redis at ${redisUrl}`;
        log(`no Redis at ${redisUrl}: the Redis cached scenarios are left out`);
      }
    }
  } finally {
    // Dropped before its cleanup is withdrawn: a signal meanwhile (whose shutdown exits once the
    // cleanups are done) drops it too, instead of leaving it behind.
    await database.drop();
    undoCleanup();
  }

  // Ratios: the earlier runs' named ones, and for every scenario its peer and raw-ceiling ratio.
  const by = (name) => results.scenarios.find((scenario) => scenario.name === name);
  // none when either scenario answered nothing in its window (a 0 or an infinite ratio says nothing)
  const ratio = (a, b) => (by(a)?.total > 0 && by(b)?.total > 0 ? by(a).requestsPerSecond / by(b).requestsPerSecond : null);
  for (const scenario of results.scenarios) {
    scenario.peerRatio = PEER_OF[scenario.name] ? ratio(scenario.name, PEER_OF[scenario.name]) : null;
    scenario.ceilingRatio = ceilingOf(scenario.name) ? ratio(scenario.name, ceilingOf(scenario.name)) : null;
    scenario.directusRatio = DIRECTUS_OF[scenario.name] ? ratio(scenario.name, DIRECTUS_OF[scenario.name]) : null;
  }
  results.ratios = {
    pluginOnOffBySlug: ratio('by-slug', 'by-slug-no-plugin'),
    pluginOnOffList: ratio('list', 'list-no-plugin'),
    leanToFullList: ratio('list', 'list-full'),
    uncachedBySlugToCeiling: ratio('by-slug', 'raw-ceiling'),
    cachedBySlugToCeiling: ratio('cached-by-slug', 'raw-ceiling'),
    cachedListToCeiling: ratio('cached-list', 'raw-ceiling-list'),
    uncachedListToCeiling: ratio('list', 'raw-ceiling-list'),
    cachedBySlugRedisToCeiling: ratio('cached-by-slug-redis', 'raw-ceiling'),
    readModelOnOffBySlug: ratio('by-slug', 'by-slug-strapi-path'),
    readModelOnOffList: ratio('list', 'list-strapi-path'),
    // the issue's "GraphQL list within 2× of the REST list": uncached (POST) and cached (GET), each against REST's
    graphqlToRestList: ratio('graphql-list', 'list'),
    cachedGraphqlToCachedRestList: ratio('cached-graphql-list', 'cached-list'),
    // > 1: the project imports faster than Directus (its import as it reports it; Directus's REST import)
    importProjectVsDirectus: results.directus?.import && results.import ? results.directus.import.seconds / results.import.seconds : null,
  };
  results.peerRatios = Object.fromEntries(results.scenarios.filter((s) => s.peerRatio !== null).map((s) => [s.name, s.peerRatio]));
  results.directusRatios = Object.fromEntries(results.scenarios.filter((s) => s.directusRatio !== null).map((s) => [s.name, s.directusRatio]));
  results.ceilingRatios = Object.fromEntries(results.scenarios.filter((s) => s.ceilingRatio !== null).map((s) => [s.name, s.ceilingRatio]));
  return results;
};

const fixed = (value, digits, width) => (value === null || value === undefined || Number.isNaN(value) ? '-' : value.toFixed(digits)).padStart(width);

const printResults = (results) => {
  console.log('');
  console.log(`${results.database}, ${results.articles} articles, ${results.durationSeconds} s per scenario, concurrency ${results.connections}`);
  console.log(`${'scenario'.padEnd(26)}${'req/s'.padStart(10)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}${'errors'.padStart(8)}${'bytes'.padStart(9)}${'RSS MB'.padStart(8)}${'MISS %'.padStart(8)}${'×peer'.padStart(8)}${'×Directus'.padStart(10)}${'×ceiling'.padStart(10)}`);
  for (const s of results.scenarios) {
    console.log(
      `${s.name.padEnd(26)}${fixed(s.requestsPerSecond, 1, 10)}${String(s.p50).padStart(8)}${String(s.p99).padStart(8)}${String(s.errors).padStart(8)}${String(s.bytesPerResponse ?? '-').padStart(9)}${fixed(s.rssMb, 0, 8)}${fixed(s.missFraction === undefined ? null : 100 * s.missFraction, 0, 8)}${fixed(s.peerRatio, 2, 8)}${fixed(s.directusRatio, 2, 10)}${fixed(s.ceilingRatio, 3, 10)}`
    );
  }
  console.log('');
  if (results.import) console.log(`import of ${results.import.documents} documents: ${results.import.seconds.toFixed(1)} s${results.readModelRebuild ? `; read model rebuilt in ${results.readModelRebuild.seconds.toFixed(1)} s` : ''}`);
  if (results.startupSeconds !== undefined) console.log(`server start-up: ${results.startupSeconds.toFixed(1)} s; server RSS at the end of the uncached scenarios: ${results.serverRssMb?.toFixed(0)} MB`);
  if (results.peer?.startupSeconds !== undefined) console.log(`peer (plain Strapi ${results.peer.strapi}, ${results.peer.app}) start-up: ${results.peer.startupSeconds.toFixed(1)} s; RSS ${results.peer.serverRssMb?.toFixed(0)} MB`);
  if (results.directus?.import) {
    const d = results.directus;
    console.log(`Directus ${d.version} (PostgreSQL, .tmp/bench-directus): import of ${d.import.documents} documents through its REST API ${d.import.seconds.toFixed(1)} s (the project: ${results.import?.seconds?.toFixed(1)} s); start-up ${d.startupSeconds?.toFixed(1) ?? '-'} s; RSS ${d.serverRssMb?.toFixed(0) ?? '-'} MB`);
  }
  for (const s of results.scenarios.filter((scenario) => scenario.firstResponseMs !== undefined)) console.log(`${s.name}: first response ${s.firstResponseMs} ms after a ${s.startupSeconds.toFixed(1)} s start-up`);
  for (const s of results.scenarios.filter((scenario) => scenario.writes)) console.log(`${s.name}: ${s.writes.writes} republishes (p50 ${s.writes.p50} ms, p99 ${s.writes.p99} ms), ${fixed(100 * (s.missFraction ?? 0), 0, 0)}% of reads X-Cache MISS`);
  for (const [name, bytes] of Object.entries(results.pageBytes ?? {})) {
    console.log(`${name} page of 25: ${(bytes.identity / 1024).toFixed(1)} KB, gzip ${(bytes.gzip / 1024).toFixed(1)} KB, br ${(bytes.br / 1024).toFixed(1)} KB`);
  }
  for (const [name, value] of Object.entries(results.ratios)) console.log(`${name}: ${value === null ? '-' : value.toFixed(3)}`);
  for (const [name, value] of Object.entries(results.peerRatios)) console.log(`project/peer ${name}: ${value.toFixed(2)}`);
  for (const [name, value] of Object.entries(results.directusRatios)) console.log(`project/Directus ${name}: ${value.toFixed(2)}`);
  for (const [name, reason] of Object.entries(results.skipped)) console.log(`skipped ${name}: ${reason}`);
};

const main = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  onCleanup(() => fs.rmSync(dir, { recursive: true, force: true }));
  const databases = await chooseDatabases();
  log(`${ARTICLES} articles on ${databases.join(' and ')}, ${DURATION} s per scenario after a ${WARMUP} s warm-up, concurrency ${CONNECTIONS}; scenarios: ${SELECTED.size === GROUPS.flatMap((g) => g.scenarios).length ? 'all' : [...SELECTED].join(', ')}`);

  if (!fs.existsSync(path.join(root, 'dist', 'build', 'index.html')) || !fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
    log('building (dist/ is missing)…');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }

  // Directus, once for the run (and cached in .tmp/bench-directus between runs): its absence is
  // reported in the Directus column, never a failure of the run.
  let directusInstall = null;
  if (groupWanted('directus') && databases.includes('postgres')) {
    try {
      directusInstall = { info: await directus.ensureDirectus({ log }) };
      log(`Directus ${directusInstall.info.version} ${directusInstall.info.cached ? 'in' : `installed in ${directusInstall.info.installSeconds.toFixed(0)} s into`} ${path.relative(root, directusInstall.info.dir)} (engines: node ${directusInstall.info.engines?.node})`);
    } catch (error) {
      directusInstall = { error: error.message };
      log(`Directus ${directus.DIRECTUS_VERSION} could not be installed: ${error.message}`);
    }
  }

  const file = path.join(dir, `dataset-${ARTICLES}.ndjson`);
  const lines = [];
  generateDataset({ articles: ARTICLES, seed: 2025 }, (record) => lines.push(JSON.stringify(record)));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  log(`dataset: ${lines.length} documents, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);

  const all = [];
  for (const client of databases) {
    const results = await benchDatabase(client, { dir, file, documents: lines.length, directusInstall });
    all.push(results);
    const stamp = results.date.replace(/[:.]/g, '-');
    results.file = `${stamp}-${client}-${ARTICLES}.json`;
    fs.writeFileSync(path.join(__dirname, 'results', results.file), `${JSON.stringify(results, null, 2)}\n`);
    printResults(results);
  }
  const [first, ...others] = all;
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(others.length > 0 ? { ...first, otherDatabases: others } : first, null, 2)}\n`);
  await shutdown();
  log(`done: ${all.map((r) => `${r.scenarios.length} scenarios on ${r.database} (bench/results/${r.file})`).join(', ')}; bench/results/latest.json`);
};

main().catch(async (error) => {
  console.error(`bench: ${error.stack || error.message}`);
  await shutdown();
  process.exit(1);
});
