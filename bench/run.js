#!/usr/bin/env node
'use strict';

/**
 * npm run bench [-- --quick] [-- --articles N --duration S]
 *
 * Generates an archive, imports it into a fresh database (SQLite, or PostgreSQL with
 * DATABASE_CLIENT=postgres), starts the production server and measures with autocannon, one
 * scenario after another at concurrency 10 after a warm-up:
 *   by-slug        an article by slug, default population and attribution, random slugs/locales
 *   list           25 articles a page, a locale, newest first, random pages (the lean default: teasers)
 *   list-full      the same pages in the full shape every list had before #14 (institutions,
 *                  reprint, SEO, full attribution), asked for with populate; its bytes are printed too
 *   graphql-list   the list's shape through GraphQL
 *   *-no-plugin    by-slug and list with the reprint-attribution plugin disabled
 *   raw-ceiling    a bare Node http server (its own process) answering the same bytes as
 *                  by-slug (raw-ceiling-list: as a list page): this machine's ceiling
 *   cached-*       by-slug and list served by the response cache (memory), hot: a fixed set of
 *                  100 slugs / 20 pages that the warm-up has already cached
 *   cached-*-redis the same with the Redis store (when REDIS_URL or 127.0.0.1:6379 answers)
 * Scenarios 1-4 run with the response cache off (RESPONSE_CACHE_ENABLED=false): they measure
 * the work of an uncached response.
 * Prints a table and the ratios, and writes bench/results/<date>-<db>-<N>.json and latest.json.
 */
const { execFileSync, fork } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const zlib = require('node:zlib');

const autocannon = require('autocannon');
const { Client } = require('pg');

const { generateDataset } = require('../scripts/lib/dataset');
const { freePort, startServer, stopServer } = require('../scripts/lib/server');

const root = path.resolve(__dirname, '..');

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
  },
});
const ARTICLES = Number(args.articles ?? (args.quick ? 1000 : 10000));
const DURATION = Number(args.duration ?? (args.quick ? 5 : 20));
const WARMUP = Number(args.warmup ?? (args.quick ? 2 : 5));
const CONNECTIONS = 10;
const CLIENT = process.env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';

const log = (message) => console.log(`bench: ${message}`);
const secondsSince = (start) => (Date.now() - start) / 1000;

const rssMb = (pid) => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return null;
  }
};

/** A fresh database for this run; returns its env and how to drop it. */
const freshDatabase = async (dir) => {
  if (CLIENT === 'sqlite') {
    const filename = path.join(dir, 'bench.db');
    const analyze = async () => {
      const Database = require('better-sqlite3');
      const db = new Database(filename);
      db.exec('ANALYZE');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    };
    return { env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename }, analyze, drop: async () => {} };
  }
  const name = `newsroom_bench_${crypto.randomBytes(4).toString('hex')}`;
  const connect = (database) => new Client({ host: process.env.DATABASE_HOST || '127.0.0.1', port: Number(process.env.DATABASE_PORT || 5432), user: process.env.DATABASE_USERNAME || 'postgres', password: process.env.DATABASE_PASSWORD || '', database });
  const admin = () => connect('postgres');
  const client = admin();
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: '', DATABASE_NAME: name },
    analyze: async () => {
      const c = connect(name);
      await c.connect();
      await c.query('VACUUM ANALYZE');
      await c.end();
    },
    drop: async () => {
      const c = admin();
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
};

// Servers still running when the run fails: stopped on the way out, never left behind.
const running = new Set();
const startProductionServer = async (env) => {
  const server = await startServer({ ...env, NODE_ENV: 'production', CRON_ENABLED: 'false', SEED_ON_EMPTY: 'false', LOG_LEVEL: 'warn' });
  running.add(server.child);
  server.child.once('exit', () => running.delete(server.child));
  return server;
};

/** Runs one scenario: a warm-up, then the measured run. */
const measure = async (name, url, requestFor, pid) => {
  const options = (duration) => ({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, ...requestFor() }) }],
  });
  await autocannon(options(WARMUP));
  const result = await autocannon(options(DURATION));
  const non2xx = result.non2xx ?? 0;
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + non2xx,
    rssMb: pid ? rssMb(pid) : null,
    total: result.requests.total,
  };
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

const pick = (list) => list[Math.floor(Math.random() * list.length)];

const main = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-bench-'));
  log(`${ARTICLES} articles on ${CLIENT}, ${DURATION} s per scenario after a ${WARMUP} s warm-up, concurrency ${CONNECTIONS}`);

  if (!fs.existsSync(path.join(root, 'dist', 'build', 'index.html')) || !fs.existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
    log('building (dist/ is missing)…');
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }

  const file = path.join(dir, `dataset-${ARTICLES}.ndjson`);
  const lines = [];
  generateDataset({ articles: ARTICLES, seed: 2025 }, (record) => lines.push(JSON.stringify(record)));
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  log(`dataset: ${lines.length} documents, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB`);

  const database = await freshDatabase(dir);
  const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1e9), node: process.version }, database: CLIENT, articles: ARTICLES, durationSeconds: DURATION, connections: CONNECTIONS, scenarios: [] };
  try {
    const importStarted = Date.now();
    const output = execFileSync(process.execPath, [path.join(root, 'scripts', 'import.js'), file], { cwd: root, env: { ...process.env, ...database.env, LOG_LEVEL: 'error' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const summary = output.trim().split('\n').pop();
    const importSeconds = Number(/ in ([\d.]+) s/.exec(summary)?.[1] ?? NaN);
    results.import = { seconds: importSeconds, wallSeconds: secondsSince(importStarted), documents: lines.length, summary };
    log(`import: ${summary}`);
    // Fresh statistics before measuring: otherwise PostgreSQL's autovacuum analyzes the new
    // tables while the first scenarios run, and SQLite plans without statistics.
    await database.analyze();

    // Scenarios with the plugin, then without it; uncached.
    for (const plugin of args['plugin-off-first'] ? [false, true] : [true, false]) {
      const server = await startProductionServer({ ...database.env, REPRINT_ATTRIBUTION_ENABLED: String(plugin), RESPONSE_CACHE_ENABLED: 'false' });
      if (plugin) results.startupSeconds = server.startup;
      log(`server ${plugin ? 'with' : 'without'} the plugin up in ${server.startup.toFixed(1)} s`);
      const targets = [];
      for (const locale of ['zh-Hans', 'en', 'ru']) {
        const page = await (await fetch(`${server.base}/api/articles?locale=${locale}&fields[0]=slug&pagination[pageSize]=100&pagination[page]=${1 + Math.floor(Math.random() * Math.max(1, ARTICLES / 100 - 1))}`)).json();
        for (const item of page.data ?? []) targets.push({ locale, slug: item.slug });
      }
      const pages = Math.max(1, Math.floor(ARTICLES / 25));
      const suffix = plugin ? '' : '-no-plugin';
      results.scenarios.push(
        await measure(`by-slug${suffix}`, server.base, () => {
          const target = pick(targets);
          return { path: `/api/articles/slug/${target.slug}?locale=${target.locale}` };
        }, server.child.pid)
      );
      results.scenarios.push(
        await measure(`list${suffix}`, server.base, () => ({ path: `/api/articles?locale=${pick(['zh-Hans', 'en', 'ru'])}&pagination[pageSize]=25&pagination[page]=${1 + Math.floor(Math.random() * pages)}` }), server.child.pid)
      );
      if (plugin) {
        const query = 'query($locale: I18NLocaleCode, $page: Int) { articles(locale: $locale, sort: "date:desc", pagination: { page: $page, pageSize: 25 }) { documentId title slug date section source { name homepage } hostInstitution { name } institutions(pagination: { limit: 30 }) { name } reprint { isReprint originalTitle } attribution } }';
        results.scenarios.push(
          await measure('list-full', server.base, () => ({ path: `/api/articles?locale=${pick(['zh-Hans', 'en', 'ru'])}&pagination[pageSize]=25&pagination[page]=${1 + Math.floor(Math.random() * pages)}&${FULL_LIST_QUERY}` }), server.child.pid)
        );
        results.scenarios.push(
          await measure('graphql-list', server.base, () => ({
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables: { locale: pick(['zh-Hans', 'en', 'ru']), page: 1 + Math.floor(Math.random() * pages) } }),
          }), server.child.pid)
        );
        // The same bytes from a bare Node server: what this machine can do at all.
        const samples = {
          'raw-ceiling': `/api/articles/slug/${targets[0].slug}?locale=${targets[0].locale}`,
          'raw-ceiling-list': `/api/articles?locale=en&pagination[pageSize]=25&pagination[page]=1`,
        };
        // What a 25-item page weighs, lean (the default) and in the full shape, as sent and compressed.
        for (const [name, sample] of Object.entries({ list: samples['raw-ceiling-list'], 'list-full': `${samples['raw-ceiling-list']}&${FULL_LIST_QUERY}` })) {
          const bytes = Buffer.from(await (await fetch(`${server.base}${sample}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
          results.pageBytes = { ...results.pageBytes, [name]: { identity: bytes.length, gzip: zlib.gzipSync(bytes).length, br: zlib.brotliCompressSync(bytes).length } };
        }
        for (const [name, sample] of Object.entries(samples)) {
          const bytes = Buffer.from(await (await fetch(`${server.base}${sample}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer());
          results.responseBytes = { ...results.responseBytes, [name]: bytes.length };
          const file = path.join(dir, `${name}.json`);
          fs.writeFileSync(file, bytes);
          const rawPort = await freePort();
          const raw = fork(path.join(__dirname, 'raw-server.js'), [file, String(rawPort)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
          await new Promise((resolve) => raw.once('message', resolve));
          results.scenarios.push(await measure(name, `http://127.0.0.1:${rawPort}`, () => ({ path: '/' }), raw.pid));
          await stopServer(raw);
        }
        results.serverRssMb = rssMb(server.child.pid);
      }
      await stopServer(server.child);
    }

    // The cached path, hot: memory store, then Redis when one answers.
    const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
    const stores = [['', { REDIS_URL: '' }]];
    if (await redisAnswers(redisUrl)) stores.push(['-redis', { REDIS_URL: redisUrl, RESPONSE_CACHE_PREFIX: `newsroom-bench:${crypto.randomBytes(4).toString('hex')}:` }]);
    else log(`no Redis at ${redisUrl}: the Redis cached scenarios are left out`);
    for (const [suffix, env] of stores) {
      const server = await startProductionServer({ ...database.env, RESPONSE_CACHE_ENABLED: 'true', ...env });
      const hot = [];
      for (const locale of ['zh-Hans', 'en', 'ru']) {
        const page = await (await fetch(`${server.base}/api/articles?locale=${locale}&fields[0]=slug&pagination[pageSize]=34`)).json();
        for (const item of page.data ?? []) hot.push({ locale, slug: item.slug });
      }
      const hotPages = Array.from({ length: 20 }, (_, i) => `/api/articles?locale=${['zh-Hans', 'en', 'ru'][i % 3]}&pagination[pageSize]=25&pagination[page]=${1 + Math.floor(i / 3)}`);
      const bySlug = (target) => `/api/articles/slug/${target.slug}?locale=${target.locale}`;
      results.scenarios.push(await measure(`cached-by-slug${suffix}`, server.base, () => ({ path: bySlug(pick(hot)) }), server.child.pid));
      results.scenarios.push(await measure(`cached-list${suffix}`, server.base, () => ({ path: pick(hotPages) }), server.child.pid));
      const check = await fetch(`${server.base}${bySlug(hot[0])}`);
      results[`cacheCheck${suffix}`] = check.headers.get('x-cache');
      if (check.headers.get('x-cache') !== 'HIT') throw new Error(`the cached scenario was not served from the cache (X-Cache: ${check.headers.get('x-cache')})`);
      if (env.RESPONSE_CACHE_PREFIX) await clearRedisPrefix(redisUrl, env.RESPONSE_CACHE_PREFIX);
      await stopServer(server.child);
    }
  } finally {
    await database.drop();
  }

  const by = (name) => results.scenarios.find((scenario) => scenario.name === name);
  const ratio = (a, b) => (by(a) && by(b) ? by(a).requestsPerSecond / by(b).requestsPerSecond : null);
  results.ratios = {
    pluginOnOffBySlug: ratio('by-slug', 'by-slug-no-plugin'),
    pluginOnOffList: ratio('list', 'list-no-plugin'),
    leanToFullList: ratio('list', 'list-full'),
    uncachedBySlugToCeiling: ratio('by-slug', 'raw-ceiling'),
    cachedBySlugToCeiling: ratio('cached-by-slug', 'raw-ceiling'),
    cachedListToCeiling: ratio('cached-list', 'raw-ceiling-list'),
    uncachedListToCeiling: ratio('list', 'raw-ceiling-list'),
    cachedBySlugRedisToCeiling: ratio('cached-by-slug-redis', 'raw-ceiling'),
  };

  console.log('');
  console.log('scenario               req/s     p50 ms   p99 ms   errors   RSS MB');
  for (const s of results.scenarios) {
    console.log(`${s.name.padEnd(20)} ${s.requestsPerSecond.toFixed(1).padStart(7)} ${String(s.p50).padStart(9)} ${String(s.p99).padStart(8)} ${String(s.errors).padStart(8)} ${s.rssMb ? s.rssMb.toFixed(0).padStart(8) : '       -'}`);
  }
  console.log('');
  console.log(`import of ${results.import.documents} documents: ${results.import.seconds.toFixed(1)} s; server start-up: ${results.startupSeconds.toFixed(1)} s; server RSS at the end: ${results.serverRssMb?.toFixed(0)} MB`);
  for (const [name, bytes] of Object.entries(results.pageBytes ?? {})) {
    console.log(`${name} page of 25: ${(bytes.identity / 1024).toFixed(1)} KB, gzip ${(bytes.gzip / 1024).toFixed(1)} KB, br ${(bytes.br / 1024).toFixed(1)} KB`);
  }
  for (const [name, value] of Object.entries(results.ratios)) console.log(`${name}: ${value === null ? '-' : value.toFixed(3)}`);

  const stamp = results.date.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(__dirname, 'results', `${stamp}-${CLIENT}-${ARTICLES}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`done: ${results.scenarios.length} scenarios; results in bench/results/latest.json`);
};

main().catch(async (error) => {
  console.error(`bench: ${error.stack || error.message}`);
  await Promise.all([...running].map((child) => stopServer(child).catch(() => child.kill('SIGKILL'))));
  process.exit(1);
});
