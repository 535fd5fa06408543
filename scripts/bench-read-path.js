#!/usr/bin/env node
'use strict';

/**
 * In-process timing of Strapi's read path (issue #15, "cheap wins"; BENCHMARKS.md, "Cheap wins
 * (#15)"): boots the compiled app (dist/, as `npm start` runs it: NODE_ENV=production; response
 * cache and read model off, so that Strapi's own path answers) on a COPY of a benchmark database,
 * and times sequential requests over loopback, one at a time, so the numbers are the cost of a
 * request rather than a load test's queueing: wall time
 * per request, and the process's CPU time per request (server and client together), which a
 * machine shared with other work disturbs least.
 *
 *   node scripts/bench-read-path.js --db .tmp/bench.db [--requests 2000] [--list-requests 300]
 *     [--variants "none;permissions-cache;statement-cache;read-transactions;graphql-batch;all"]
 *     [--rounds 2] [--etag]
 *
 * A variant names the cheap wins switched OFF (READ_PATH_OFF, src/read-path/switches.ts): `none`
 * is the code as shipped, `all` every switchable one off. Each variant runs in its own process,
 * the variants interleaved over `--rounds` rounds; the median of the rounds is printed (JSON on
 * the last line). `--etag` also times the ETag's work on a lean and a full list page, the way it
 * was done before #15 and the way it is now. The database: `npm run generate -- --articles 1000` then
 * `DATABASE_FILENAME=.tmp/bench.db npm run import -- .tmp/dataset-1000.ndjson` (then
 * `DATABASE_FILENAME=.tmp/bench.db npm run read-model:rebuild`, so that a start has no read model
 * rows to render before it is timed).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const root = path.resolve(__dirname, '..');
const ALL = 'permissions-cache,statement-cache,read-transactions,graphql-batch';
const GRAPHQL_LIST =
  'query($locale: I18NLocaleCode, $page: Int) { articles(locale: $locale, sort: "date:desc", pagination: { page: $page, pageSize: 25 }) { documentId title slug date section source { name homepage } hostInstitution { name } institutions(pagination: { limit: 30 }) { name } reprint { isReprint originalTitle } attribution } }';
const LOCALES = ['zh-Hans', 'en', 'ru'];

const child = async () => {
  const { db, requests, listRequests } = JSON.parse(process.env.BENCH_READ_PATH);
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: root, distDir: path.join(root, 'dist'), autoReload: false, serveAdminPanel: false }).load();
  strapi.server.mount();
  // The read model (off for answers) still renders what is stale, in the background: render it
  // all now and wait (sweeps are off in the child), or that work lands in the timings. Rebuilt
  // into the database beforehand (`npm run read-model:rebuild`), there is nothing to render.
  if (strapi.has('readModel')) {
    const model = strapi.get('readModel');
    await model.catchUp();
    await model.idle();
  }
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;

  const slugs = await strapi.db.query('api::article.article').findMany({ select: ['slug', 'locale'], where: { publishedAt: { $notNull: true } }, limit: 300 });
  const pages = 30;
  let n = 0;
  const pick = (list) => list[n++ % list.length];
  const scenarios = {
    'by-slug': { count: requests, next: () => { const { slug, locale } = pick(slugs); return { url: `/api/articles/slug/${encodeURIComponent(slug)}?locale=${locale}` }; } },
    list: { count: listRequests, next: () => ({ url: `/api/articles?locale=${pick(LOCALES)}&pagination[pageSize]=25&pagination[page]=${1 + (n % pages)}` }) },
    'list-full': {
      count: listRequests,
      next: () => ({ url: `/api/articles?locale=${pick(LOCALES)}&pagination[pageSize]=25&pagination[page]=${1 + (n % pages)}&populate[source]=true&populate[hostInstitution]=true&populate[institutions]=true&populate[reprint]=true&populate[seo]=true` }),
    },
    'graphql-list': {
      count: listRequests,
      next: () => ({ url: '/graphql', method: 'POST', body: JSON.stringify({ query: GRAPHQL_LIST, variables: { locale: pick(LOCALES), page: 1 + (n % pages) } }) }),
    },
  };
  const send = async ({ url, method = 'GET', body }) => {
    const res = await fetch(`${base}${url}`, { method, body, headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' } });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200 || (method === 'POST' && JSON.parse(bytes).errors)) throw new Error(`${url}: ${res.status} ${bytes.toString().slice(0, 300)}`);
    return bytes.length;
  };
  const results = {};
  for (const [name, scenario] of Object.entries(scenarios)) {
    for (let i = 0; i < Math.min(50, scenario.count); i += 1) await send(scenario.next());
    // SQL statements of one request (after the warm-up).
    let statements = 0;
    const listener = () => (statements += 1);
    strapi.db.connection.on('query', listener);
    const bytes = await send(scenario.next());
    strapi.db.connection.off('query', listener);
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let i = 0; i < scenario.count; i += 1) await send(scenario.next());
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    // CPU time of this process (server and client: the client's share is the same in every
    // variant) per request: what a loaded machine disturbs least.
    const cpuMs = (used.user + used.system) / 1000 / scenario.count;
    results[name] = { requests: scenario.count, msPerRequest: ms / scenario.count, cpuMsPerRequest: cpuMs, reqPerSec: (scenario.count * 1000) / ms, statements, bytes };
  }
  if (process.env.BENCH_ETAG) results.etag = await etagPaths(send, scenarios, base);
  process.send(results);
  await strapi.destroy();
  process.exit(0);
};

/**
 * The ETag's work on real bodies (a lean and a full list page), before and after #15: the old path
 * measured the string, hashed it (encoding it), koa measured it again and it was encoded once more
 * to be sent or stored; the new one encodes it once and hashes that Buffer. Both include the
 * JSON.stringify they share.
 */
const etagPaths = async (send, scenarios, base) => {
  const crypto = require('node:crypto');
  const out = {};
  for (const name of ['list', 'list-full']) {
    const { url } = scenarios[name].next();
    const body = await (await fetch(`${base}${url}`, { headers: { 'accept-encoding': 'identity' } })).json();
    const paths = {
      before: () => {
        const text = JSON.stringify(body);
        Buffer.byteLength(text);
        crypto.createHash('sha1').update(text).digest('base64url');
        Buffer.byteLength(text);
        return Buffer.from(text);
      },
      after: () => {
        const bytes = Buffer.from(JSON.stringify(body));
        crypto.hash('sha1', bytes, 'base64url');
        return bytes;
      },
    };
    out[name] = { bytes: paths.after().length };
    for (let round = 0; round < 3; round += 1) {
      for (const [which, fn] of Object.entries(paths)) {
        for (let i = 0; i < 20; i += 1) fn();
        const cpu = process.cpuUsage();
        for (let i = 0; i < 200; i += 1) fn();
        const used = process.cpuUsage(cpu);
        const ms = (used.user + used.system) / 1000 / 200;
        out[name][which] = Math.min(out[name][which] ?? Infinity, Number(ms.toFixed(3)));
      }
    }
  }
  return out;
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const parent = async () => {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: '.tmp/bench.db' },
      requests: { type: 'string', default: '2000' },
      'list-requests': { type: 'string', default: '300' },
      variants: { type: 'string', default: `none;${ALL.split(',').join(';')};all` },
      rounds: { type: 'string', default: '1' },
      'no-build': { type: 'boolean', default: false },
      etag: { type: 'boolean', default: false },
    },
  });
  const source = path.resolve(root, values.db);
  if (!fs.existsSync(source)) throw new Error(`no database at ${source}: see the comment at the top of this file`);
  if (!values['no-build']) {
    process.chdir(root);
    const { compileStrapi } = require('@strapi/strapi');
    await compileStrapi({ appDir: root });
  }
  const variants = values.variants.split(';').map((item) => item.trim()).filter(Boolean);
  const runs = {};
  for (let round = 0; round < Number(values.rounds); round += 1) {
    for (const variant of variants) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-read-path-'));
      const copy = path.join(dir, 'data.db');
      // The database and its WAL, so that every run starts from the same bytes.
      const Database = require('better-sqlite3');
      const original = new Database(source, { readonly: true });
      await original.backup(copy);
      original.close();
      const off = variant === 'none' ? '' : variant === 'all' ? ALL : variant;
      const result = await new Promise((resolve, reject) => {
        const proc = spawn(process.execPath, [__filename, '--child'], {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          env: {
            ...process.env,
            NODE_ENV: 'production',
            DATABASE_CLIENT: 'sqlite',
            DATABASE_FILENAME: copy,
            RESPONSE_CACHE_ENABLED: 'false',
            // Strapi's own path is what this measures, not the read model's answers.
            READ_MODEL_ENABLED: 'false',
            READ_MODEL_SWEEP_MS: '86400000',
            SEED_ON_EMPTY: 'false',
            LOG_LEVEL: 'error',
            READ_PATH_OFF: off,
            BENCH_ETAG: values.etag ? '1' : '',
            BENCH_READ_PATH: JSON.stringify({ requests: Number(values.requests), listRequests: Number(values['list-requests']) }),
          },
        });
        let answer;
        proc.on('message', (message) => (answer = message));
        proc.on('exit', (code) => (answer ? resolve(answer) : reject(new Error(`variant ${variant}: exit ${code}`))));
      });
      fs.rmSync(dir, { recursive: true, force: true });
      (runs[variant] ??= []).push(result);
      if (result.etag) console.log(`etag (cpu ms per body, best of 3): ${JSON.stringify(result.etag)}`);
      delete result.etag;
      console.log(`round ${round + 1} off=${variant}: ${Object.entries(result).map(([name, r]) => `${name} ${r.msPerRequest.toFixed(2)} ms, cpu ${r.cpuMsPerRequest.toFixed(2)} ms (${r.statements} SQL)`).join(', ')}`);
    }
  }
  const summary = {};
  for (const [variant, results] of Object.entries(runs)) {
    summary[variant] = {};
    for (const name of Object.keys(results[0])) {
      summary[variant][name] = {
        msPerRequest: Number(median(results.map((r) => r[name].msPerRequest)).toFixed(3)),
        cpuMsPerRequest: Number(median(results.map((r) => r[name].cpuMsPerRequest)).toFixed(3)),
        reqPerSec: Number(median(results.map((r) => r[name].reqPerSec)).toFixed(1)),
        statements: results[0][name].statements,
        bytes: results[0][name].bytes,
      };
    }
  }
  console.log(JSON.stringify(summary));
};

if (process.argv.includes('--child')) child().catch((error) => { console.error(error); process.exit(1); });
else parent().catch((error) => { console.error(`bench-read-path: ${error.message}`); process.exit(1); });
