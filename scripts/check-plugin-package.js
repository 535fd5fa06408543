'use strict';

/**
 * npm run test:package — the reprint-attribution plugin installs like a package, as a stranger
 * would install it:
 *
 * 1. `npm pack` in src/plugins/reprint-attribution (built first);
 * 2. a fresh Strapi app from the official create-strapi-app, at the @strapi/strapi version of this
 *    project's lockfile, in a temporary folder (TypeScript, SQLite, no example, no cloud);
 * 3. `npm install <tarball>` there (packages from the registry, the npm cache first), and the
 *    few lines a README reader writes: the plugin's config, its middleware, a `source` type and a
 *    `post` type with a field of the plugin's component — no file copied from this project;
 * 4. it boots, and over HTTP: publishing an incomplete reprint is refused with every field,
 *    a complete one is published and carries `attribution` in REST.
 *
 * Exits non-zero, saying what failed. KEEP_FRESH_APP=1 keeps the folder to look at.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freshSecrets } = require('./lib/secrets');
const { freePort, stopServer } = require('./lib/server');

const root = path.resolve(__dirname, '..');
const pluginDir = path.join(root, 'src', 'plugins', 'reprint-attribution');
const started = Date.now();
const step = (message) => console.log(`package: ${message} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...options });

const strapiVersion = () => {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  return lock.packages['node_modules/@strapi/strapi'].version;
};

const write = (dir, file, content) => {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
};

/** What a README reader adds to a fresh app: two content types, the plugin's config and middleware. */
const configure = (app) => {
  const factories = (uid) => ({
    'controllers': `import { factories } from '@strapi/strapi';\nexport default factories.createCoreController('${uid}');\n`,
    'routes': `import { factories } from '@strapi/strapi';\nexport default factories.createCoreRouter('${uid}');\n`,
    'services': `import { factories } from '@strapi/strapi';\nexport default factories.createCoreService('${uid}');\n`,
  });
  const type = (name, plural, attributes) => {
    write(app, `src/api/${name}/content-types/${name}/schema.json`, {
      kind: 'collectionType',
      collectionName: plural,
      info: { singularName: name, pluralName: plural, displayName: name },
      options: { draftAndPublish: true },
      attributes,
    });
    for (const [kind, code] of Object.entries(factories(`api::${name}.${name}`))) write(app, `src/api/${name}/${kind}/${name}.ts`, code);
  };
  type('source', 'sources', { name: { type: 'string', required: true }, homepage: { type: 'string' } });
  type('post', 'posts', {
    title: { type: 'string', required: true },
    date: { type: 'date' },
    source: { type: 'relation', relation: 'manyToOne', target: 'api::source.source' },
    // the plugin's own component: nothing copied into the app
    reprint: { type: 'component', component: 'attribution.reprint', repeatable: false },
  });

  const plugins = fs.readFileSync(path.join(app, 'config', 'plugins.ts'), 'utf8');
  write(
    app,
    'config/plugins.ts',
    plugins.replace(
      /\n\}\);\n\nexport default config;/,
      `
  'reprint-attribution': {
    enabled: true,
    config: {
      contentTypes: { 'api::post.post': { reprint: 'reprint', source: 'source', title: 'title', date: 'date' } },
      publisher: { name: 'Example News', url: 'https://news.example.org/' },
    },
  },
});

export default config;`
    )
  );
  const middlewares = fs.readFileSync(path.join(app, 'config', 'middlewares.ts'), 'utf8');
  write(app, 'config/middlewares.ts', middlewares.replace("'strapi::public',", "'strapi::public',\n  'plugin::reprint-attribution.attribution',"));
};

/** Boots the fresh app (compiled, no admin panel) with an API token, in its own process. */
const BOOT = `
const { compileStrapi, createStrapi } = require('@strapi/strapi');
(async () => {
  const context = await compileStrapi();
  const app = await createStrapi({ ...context, autoReload: false, serveAdminPanel: false }).load();
  const token = await app.service('admin::api-token').create({ name: 'package-check', type: 'full-access', lifespan: null });
  const role = await app.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } });
  await app.service('admin::user').create({ firstname: 'Pat', lastname: 'Lee', email: 'package-check@example.org', password: 'Package-Check-2025', isActive: true, roles: [role.id] });
  app.server.mount();
  app.server.httpServer.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('READY ' + token.accessKey + '\\n'));
})().catch((error) => { console.error(error); process.exit(1); });
`;

const check = async (base, token) => {
  const api = async (method, url, body) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const expect = (what, ok, detail) => {
    if (!ok) throw new Error(`${what}: ${JSON.stringify(detail)}`);
    step(`ok: ${what}`);
  };

  const source = await api('POST', '/api/sources?status=published', { data: { name: 'Example Daily', homepage: 'https://daily.example.org/' } });
  expect('a published source', source.status === 201, source);

  const incomplete = await api('POST', '/api/posts?status=published', { data: { title: 'Incomplete reprint', reprint: { isReprint: true } } });
  const paths = (incomplete.body?.error?.details?.errors ?? []).map((error) => error.path.join('.'));
  expect(
    'an incomplete reprint is refused, naming every field',
    incomplete.status === 400 && ['source', 'reprint.originalTitle', 'reprint.originalUrl', 'reprint.originalPublishedAt', 'reprint.reprintType', 'reprint.license'].every((p) => paths.includes(p)),
    incomplete.body
  );
  const drafts = await api('GET', '/api/posts?status=draft&filters[title][$eq]=Incomplete%20reprint');
  expect('…and nothing of it is saved', drafts.status === 200 && drafts.body.data.length === 0, drafts.body);

  const complete = await api('POST', '/api/posts?status=published', {
    data: {
      title: 'How Makerspaces Work',
      date: '2025-06-12',
      source: source.body.data.documentId,
      reprint: {
        isReprint: true,
        originalTitle: 'How Makerspaces Work',
        originalUrl: 'https://daily.example.org/2025/06/makerspaces',
        originalAuthors: 'Jane Doe',
        originalPublishedAt: '2025-06-10',
        originalLanguage: 'en',
        reprintType: 'full',
        license: 'cc-by-4.0',
      },
    },
  });
  expect('a complete reprint is published', complete.status === 201, complete.body);
  const read = await api('GET', `/api/posts/${complete.body.data.documentId}`);
  const attribution = read.body?.data?.attribution;
  const login = await fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'package-check@example.org', password: 'Package-Check-2025' }),
  });
  const admin = (await login.json()).data?.token;
  const preview = await fetch(`${base}/reprint-attribution/preview`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locale: 'en', on: 'document' }),
  });
  const previewed = (await preview.json()).data;
  expect(
    'the settings page previews a template on a post (a type without i18n)',
    preview.status === 200 && previewed?.document?.contentType === 'api::post.post' && /^Originally published by Example Daily/.test(previewed?.creditLine?.text ?? ''),
    previewed
  );
  expect(
    'and carries its attribution in REST',
    read.status === 200 &&
      attribution?.complete === true &&
      attribution.creditLine === 'Originally published by Example Daily on June 10, 2025 as “How Makerspaces Work”, by Jane Doe. Licensed under CC BY 4.0.' &&
      attribution.jsonLd?.license === 'https://creativecommons.org/licenses/by/4.0/',
    attribution ?? read.body
  );
};

const main = async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'reprint-attribution-package-'));
  let server;
  let log = '';
  try {
    run(process.execPath, [path.join(root, 'scripts', 'ensure-plugin.js')], { stdio: 'inherit' });
    const tarball = path.join(work, run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: pluginDir }).trim().split('\n').pop());
    step(`packed ${path.basename(tarball)}`);

    const version = strapiVersion();
    const app = path.join(work, 'fresh-app');
    run('npx', ['--yes', `create-strapi-app@${version}`, app, '--non-interactive', '--skip-cloud', '--no-run', '--no-example', '--typescript', '--use-npm', '--no-git-init', '--dbclient', 'sqlite', '--no-install'], {
      cwd: work,
      env: { ...process.env, CI: 'true', STRAPI_TELEMETRY_DISABLED: 'true' },
    });
    step(`created a fresh Strapi ${version} app with create-strapi-app`);
    configure(app);
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
    step('installed the tarball and its dependencies');

    const port = await freePort();
    server = spawn(process.execPath, ['-e', BOOT], {
      cwd: app,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...freshSecrets(),
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: path.join(work, 'data.db'),
        DATABASE_URL: '',
        STRAPI_TELEMETRY_DISABLED: 'true',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const token = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the fresh app did not start in 180 s:\n${log}`)), 180000);
      server.stdout.on('data', (chunk) => {
        log += chunk;
        const ready = /READY (\S+)/.exec(log);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]);
        }
      });
      server.stderr.on('data', (chunk) => (log += chunk));
      server.on('exit', (code) => reject(new Error(`the fresh app exited with ${code}:\n${log}`)));
    });
    step('the fresh app started with the plugin');
    try {
      await check(`http://127.0.0.1:${port}`, token);
    } catch (error) {
      error.message += `\nthe fresh app's log:\n${log.slice(-4000)}`;
      throw error;
    }
    step('passed');
  } finally {
    if (server) await stopServer(server);
    if (process.env.KEEP_FRESH_APP) console.log(`package: kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
};

main().catch((error) => {
  console.error(`package: FAILED: ${error.message}`);
  process.exit(1);
});
