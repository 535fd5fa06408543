import fs from 'node:fs';
import path from 'node:path';

import SwaggerParser from '@apidevtools/swagger-parser';

import { newsroomLocales } from '../../src/lib/locales';
import { openApiPath } from '../../src/lib/openapi';
import { openApiFragment } from '../../src/openapi';
import { conformanceProblems } from '../helpers/openapi-conformance';
import { seed } from '../../src/records/seed';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The OpenAPI document (DOCUMENTATION_ENABLED=true; docs/api.md, "OpenAPI") tells the truth:
 * a valid document, every path it names answers as it says (public reads without credentials,
 * writes with an API token, with the statuses and bodies it describes), and every content-API
 * route the public can use is in it.
 */
const SPEC = path.resolve(__dirname, '..', '..', 'src', 'extensions', 'documentation', 'documentation', '1.0.0', 'full_documentation.json');
const readSpec = () => JSON.parse(fs.readFileSync(SPEC, 'utf8'));

/** The seeded reference content the documented paths are requested with. */
const REFERENCE: Record<string, { uid: string; key: string }> = {
  articles: { uid: 'api::article.article', key: 'lnu-innovation-entrepreneurship-seminar-2025' },
  sources: { uid: 'api::source.source', key: 'china-news-network-liaoning' },
  institutions: { uid: 'api::institution.institution', key: 'liaoning-university' },
};

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];
type Operation = { security?: unknown[]; parameters?: any[]; responses: Record<string, any>; requestBody?: any };

const operations = (spec: any): Array<{ path: string; method: string; operation: Operation }> =>
  Object.entries<any>(spec.paths).flatMap(([route, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path: route, method, operation: item[method] as Operation }))
  );

/** Reads that need no credentials: security [] (none) or [{}, …] (optional). */
const isPublic = (operation: Operation) => Array.isArray(operation.security) && (operation.security.length === 0 || operation.security.some((entry) => Object.keys(entry as object).length === 0));

const responseSchema = (operation: Operation, status: number) => operation.responses[String(status)]?.content?.['application/json']?.schema;

/** A query string from one parameter's example, serialised as the parameter's style says. */
const serialise = (parameter: any) => {
  const value = Array.isArray(parameter.example) ? parameter.example.join(',') : String(parameter.example);
  return `${parameter.name}=${encodeURIComponent(value)}`;
};

describe('the OpenAPI document', () => {
  let app: TestApp;
  let spec: any;
  const documents: Record<string, { documentId: string; slugs: Record<string, string> }> = {};

  /** A documented path with real values: the reference content's documentIds and slugs (in `locale`). */
  const concrete = (route: string, locale = newsroomLocales()[0]) => {
    const plural = route.split('/')[1];
    const reference = documents[plural] ?? documents.articles;
    return route
      .replace('{id}', reference.documentId)
      .replace('{slug}', reference.slugs[locale])
      .replace('{contentType}', 'article')
      .replace('{documentId}', documents.articles.documentId);
  };

  beforeAll(async () => {
    app = await startTestApp({ DOCUMENTATION_ENABLED: 'true' });
    spec = readSpec();
    await seed(app.strapi);
    for (const [plural, { uid, key }] of Object.entries(REFERENCE)) {
      const editions = await app.strapi.documents(uid as never).findMany({ filters: { key: { $eq: key } }, locale: '*', status: 'published' } as never);
      documents[plural] = { documentId: (editions as any[])[0].documentId, slugs: Object.fromEntries((editions as any[]).map((edition) => [edition.locale, edition.slug])) };
    }
    // The seed has no media: the reference article gets a cover (a file row as Strapi's local
    // upload provider writes it, root-relative URLs and two formats), so Media is held against
    // real responses too.
    const cover = await app.strapi.db.query('plugin::upload.file').create({
      data: {
        name: 'seminar.jpg',
        alternativeText: 'Participants of the seminar',
        width: 1200,
        height: 800,
        hash: 'seminar',
        ext: '.jpg',
        mime: 'image/jpeg',
        size: 120.5,
        url: '/uploads/seminar.jpg',
        provider: 'local',
        formats: {
          thumbnail: { name: 'thumbnail_seminar.jpg', hash: 'thumbnail_seminar', ext: '.jpg', mime: 'image/jpeg', width: 234, height: 156, size: 9.1, sizeInBytes: 9100, path: null, url: '/uploads/thumbnail_seminar.jpg' },
          small: { name: 'small_seminar.jpg', hash: 'small_seminar', ext: '.jpg', mime: 'image/jpeg', width: 500, height: 333, size: 30.2, sizeInBytes: 30200, path: null, url: '/uploads/small_seminar.jpg' },
        },
      },
    });
    const articles = app.strapi.documents('api::article.article');
    for (const locale of Object.keys(documents.articles.slugs)) {
      await articles.update({ documentId: documents.articles.documentId, locale, data: { cover: cover.id } } as never);
      await articles.publish({ documentId: documents.articles.documentId, locale } as never);
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('is served at /documentation and /documentation/v1.0.0 (Swagger UI holding it)', async () => {
    for (const url of ['/documentation', '/documentation/v1.0.0']) {
      const page = await app.http().get(url);
      expect([url, page.status]).toEqual([url, 200]);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain(spec.info.title);
    }
    expect(spec.info.title).toBe('Newsroom CMS content API');
    // The documentation plugin's placeholders (terms, contact, Apache licence) are not this API's.
    expect(spec.info).not.toHaveProperty('license');
    expect(spec.info).not.toHaveProperty('contact');
    expect(spec.info).not.toHaveProperty('termsOfService');
  });

  it('is a valid OpenAPI document (@apidevtools/swagger-parser)', async () => {
    await expect(SwaggerParser.validate(structuredClone(spec))).resolves.toBeDefined();
  });

  it('describes every route of the app and the attribution plugin (none left out for lack of a description)', () => {
    expect(openApiFragment(app.strapi).undescribed).toEqual([]);
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/articles',
        '/articles/{id}',
        '/articles/slug/{slug}',
        '/sources',
        '/sources/{id}',
        '/sources/slug/{slug}',
        '/institutions',
        '/institutions/{id}',
        '/institutions/slug/{slug}',
        '/reprint-attribution/{contentType}/{documentId}',
        '/site',
      ].sort()
    );
  });

  it('names only routes the server has, and every content-API route the public can use', async () => {
    const fixtureRoutes = ((app.strapi.plugin('attribution-fixture') as any)?.routes?.['content-api']?.routes ?? []).map((route: any) => route.path);
    const served = new Set<string>();
    const undocumented: Array<{ method: string; path: string }> = [];
    for (const layer of app.strapi.server.api('content-api').listRoutes() as any[]) {
      const route = openApiPath(String(layer.path).replace(/^\/api/, ''));
      for (const method of (layer.methods as string[]).map((name) => name.toLowerCase()).filter((name) => METHODS.includes(name))) {
        served.add(`${method} ${route}`);
        // The test suite's own probe routes (tests/fixtures/attribution-fixture) are no part of the server.
        if (!spec.paths[route]?.[method] && !fixtureRoutes.includes(String(layer.path).replace(/^\/api/, ''))) undocumented.push({ method, path: String(layer.path) });
      }
    }
    // The attribution route is one path for every attributable type (`/:contentType(article)/…`).
    for (const { path: route, method } of operations(spec)) expect([method, route, served.has(`${method} ${route}`)]).toEqual([method, route, true]);

    // What the document leaves out does not answer the public: users-permissions (sign-up, login,
    // users: PUBLIC_REGISTRATION is off), upload, i18n, content-type-builder, email.
    expect(undocumented.length).toBeGreaterThan(0);
    for (const { method, path: route } of undocumented) {
      const url = route.replace(/:[A-Za-z_]+(\([^)]*\))?/g, 'x').replace(/\(\.\*\)/g, 'x');
      const response = await (app.http() as any)[method](url).send(method === 'get' || method === 'delete' ? undefined : {});
      expect([method, route, [401, 403, 404].includes(response.status)]).toEqual([method, route, true]);
    }
    for (const route of ['/auth/local', '/auth/local/register', '/auth/forgot-password', '/users', '/users/me', '/upload', '/i18n/locales']) {
      expect(spec.paths).not.toHaveProperty([route]);
    }
    expect(spec['x-strapi-config'].plugins).toEqual([]);
  });

  it('answers every public GET without credentials with the status and the body it documents', async () => {
    const reads = operations(spec).filter(({ method, operation }) => method === 'get' && isPublic(operation));
    expect(reads.map(({ path: route }) => route).sort()).toEqual(Object.keys(spec.paths).sort());
    for (const { path: route, operation } of reads) {
      expect([route, Object.keys(operation.responses).filter((code) => code.startsWith('2'))]).toEqual([route, ['200']]);
      const response = await app.http().get(`/api${concrete(route)}`);
      expect([route, response.status]).toEqual([route, 200]);
      expect([route, conformanceProblems(spec, responseSchema(operation, 200), response.body, { strict: true })]).toEqual([route, []]);
    }
  });

  it('accepts every documented query parameter of a public GET with its example, and answers as documented', async () => {
    let tried = 0;
    for (const { path: route, operation } of operations(spec).filter(({ method, operation }) => method === 'get' && isPublic(operation))) {
      for (const parameter of (operation.parameters ?? []).filter((entry) => entry.in === 'query' && entry.example !== undefined)) {
        const response = await app.http().get(`/api${concrete(route, parameter.name === 'locale' ? parameter.example : undefined)}?${serialise(parameter)}`);
        expect([route, parameter.name, response.status]).toEqual([route, parameter.name, 200]);
        expect([route, parameter.name, conformanceProblems(spec, responseSchema(operation, 200), response.body, { strict: true })]).toEqual([route, parameter.name, []]);
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThan(40);
  });

  it('says what the server takes: locale as the configured locales, its pagination limits, the article list parameters, fallback', () => {
    const locales = newsroomLocales();
    for (const { path: route, operation } of operations(spec)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.name === 'locale') expect([route, parameter.schema.enum]).toEqual([route, locales]);
        if (parameter.name === 'pagination[pageSize]' || parameter.name === 'pagination[limit]') {
          expect([route, parameter.schema]).toEqual([route, { type: 'integer', minimum: 1, maximum: 100, default: 25 }]);
        }
      }
    }
    const names = (route: string, method = 'get') => (spec.paths[route][method].parameters ?? []).map((parameter: any) => parameter.name);
    expect(names('/articles')).toEqual(expect.arrayContaining(['institution', 'source', 'section', 'from', 'to', 'fallback', 'locale', 'status', 'pagination[page]']));
    for (const route of ['/articles/{id}', '/articles/slug/{slug}', '/sources', '/sources/slug/{slug}', '/institutions/{id}', '/institutions/slug/{slug}']) {
      expect([route, names(route)]).toEqual([route, expect.arrayContaining(['locale', 'fallback', 'fields', 'populate'])]);
    }
    expect(spec.paths['/reprint-attribution/{contentType}/{documentId}'].get.parameters[0].schema.enum).toEqual(expect.arrayContaining(['article']));
    // What every item carries, and the attribution of articles.
    for (const name of ['Article', 'Source', 'Institution']) {
      expect(spec.components.schemas[name].required).toEqual(expect.arrayContaining(['url', 'localizations', 'alternates']));
    }
    expect(spec.components.schemas.Article.properties.attribution.allOf).toEqual([{ $ref: '#/components/schemas/Attribution' }]);
    expect(spec.components.schemas.LanguageLink.required).toEqual(['locale', 'slug', 'url', 'hreflang']);
    expect(spec.components.schemas.Alternate.required).toEqual(['hreflang', 'href']);
    expect(spec.components.schemas.Fallback.required).toEqual(['requested', 'served', 'reason']);
  });

  it('holds the documented bounds of every number parameter: the bounds answer 200, one past them 400 naming it', async () => {
    let tried = 0;
    for (const { path: route, operation } of operations(spec).filter(({ method, operation }) => method === 'get' && isPublic(operation))) {
      for (const parameter of (operation.parameters ?? []).filter((entry) => entry.in === 'query' && entry.schema?.type === 'integer')) {
        const url = (value: number) => `/api${concrete(route)}?${parameter.name}=${value}`;
        const { minimum, maximum } = parameter.schema;
        expect([route, parameter.name, typeof minimum, typeof maximum]).toEqual([route, parameter.name, 'number', 'number']);
        for (const [value, status] of [
          [minimum, 200],
          [maximum, 200],
          [minimum - 1, 400],
          [maximum + 1, 400],
        ]) {
          const response = await app.http().get(url(value));
          expect([route, parameter.name, value, response.status]).toEqual([route, parameter.name, value, status]);
          if (status === 400) expect(response.body.error.details.errors.map((error: any) => error.path.join('.'))).toContain(parameter.name.replace(/\[(\w+)\]/g, '.$1'));
          tried += 1;
        }
      }
    }
    expect(tried).toBeGreaterThanOrEqual(4 * 4 * 3);
  });

  it('serves a missing locale in the default one with fallback=true, marked as documented', async () => {
    const [defaultLocale, other] = newsroomLocales();
    const only = await app.strapi.documents('api::institution.institution').create({ locale: defaultLocale, data: { name: 'OpenAPI fallback probe' }, status: 'published' } as never);
    const single = await app.http().get(`/api/institutions/${(only as any).documentId}?locale=${other}&fallback=true`);
    expect(single.status).toBe(200);
    expect(single.body.meta.fallback).toEqual({ requested: other, served: defaultLocale, reason: expect.any(String) });
    expect(conformanceProblems(spec, responseSchema(spec.paths['/institutions/{id}'].get, 200), single.body, { strict: true })).toEqual([]);

    const list = await app.http().get(`/api/institutions?locale=${other}&fallback=true&pagination[pageSize]=100`);
    expect(list.status).toBe(200);
    expect(list.body.data.find((item: any) => item.documentId === (only as any).documentId)?.fallback).toEqual({ requested: other, served: defaultLocale, reason: expect.any(String) });
    expect(conformanceProblems(spec, responseSchema(spec.paths['/institutions'].get, 200), list.body, { strict: true })).toEqual([]);
  });

  it('documents the 400 and 404 bodies it gives, with error.details.errors[].path', async () => {
    const cases: Array<[string, string, number, Array<string | number>]> = [
      ['/articles', '/api/articles?section=gossip', 400, ['section']],
      ['/articles', '/api/articles?pagination[pageSize]=0', 400, ['pagination', 'pageSize']],
      ['/articles', '/api/articles?locale=xx', 400, ['locale']],
      ['/sources', '/api/sources?locale=*', 400, ['locale']],
      ['/articles/slug/{slug}', '/api/articles/slug/no-such-article', 404, ['slug']],
      ['/sources/slug/{slug}', '/api/sources/slug/no-such-source', 404, ['slug']],
      ['/institutions/slug/{slug}', '/api/institutions/slug/no-such-institution', 404, ['slug']],
    ];
    for (const [route, url, status, errorPath] of cases) {
      const response = await app.http().get(url);
      expect([url, response.status]).toEqual([url, status]);
      const documented = spec.paths[route].get.responses[String(status)];
      expect([url, documented]).toEqual([url, { $ref: expect.stringMatching(/^#\/components\/responses\//) }]);
      const schema = spec.components.responses[documented.$ref.split('/').pop()].content['application/json'].schema;
      expect([url, conformanceProblems(spec, schema, response.body, { strict: true })]).toEqual([url, []]);
      expect(response.body.error.details.errors.map((error: any) => error.path)).toContainEqual(errorPath);
    }
  });

  it('writes with an API token as documented (201 create, 200 update, 204 delete), and refuses them without one', async () => {
    const token = await app.adminToken();
    const bodies: Record<string, Record<string, unknown>> = {
      '/articles': { title: 'OpenAPI write probe', date: '2025-04-01', section: 'events' },
      '/sources': { name: 'OpenAPI write probe' },
      '/institutions': { name: 'OpenAPI write probe' },
    };
    const success = (operation: Operation) => Object.keys(operation.responses).filter((code) => code.startsWith('2')).map(Number);
    for (const [collection, data] of Object.entries(bodies)) {
      const create = spec.paths[collection].post as Operation;
      const update = spec.paths[`${collection}/{id}`].put as Operation;
      const remove = spec.paths[`${collection}/{id}`].delete as Operation;
      for (const operation of [create, update, remove]) expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect([collection, success(create), success(update), success(remove)]).toEqual([collection, [201], [200], [204]]);

      const refused = await app.http().post(`/api${collection}`).send({ data });
      expect([collection, refused.status, Object.keys(create.responses)]).toEqual([collection, 403, expect.arrayContaining([String(refused.status)])]);

      const created = await app.http().post(`/api${collection}`).set('Authorization', `Bearer ${token}`).send({ data });
      expect([collection, created.status]).toEqual([collection, success(create)[0]]);
      expect([collection, conformanceProblems(spec, responseSchema(create, 201), created.body, { strict: true })]).toEqual([collection, []]);
      const id = created.body.data.documentId;

      const updated = await app.http().put(`/api${collection}/${id}`).set('Authorization', `Bearer ${token}`).send({ data: { [Object.keys(data)[0]]: 'OpenAPI write probe, changed' } });
      expect([collection, updated.status]).toEqual([collection, success(update)[0]]);
      expect([collection, conformanceProblems(spec, responseSchema(update, 200), updated.body, { strict: true })]).toEqual([collection, []]);

      const invalid = await app.http().post(`/api${collection}`).set('Authorization', `Bearer ${token}`).send({ data: { ...data, slug: 'Not A Slug' } });
      expect([collection, invalid.status]).toEqual([collection, 400]);
      expect(invalid.body.error.details.errors.map((error: any) => error.path)).toContainEqual(['slug']);

      const deleted = await app.http().delete(`/api${collection}/${id}`).set('Authorization', `Bearer ${token}`);
      expect([collection, deleted.status]).toEqual([collection, success(remove)[0]]);
      // Deleting what is not there is a 204 too (the document says so: no 404 on DELETE).
      const again = await app.http().delete(`/api${collection}/${id}`).set('Authorization', `Bearer ${token}`);
      expect([collection, again.status, Object.keys(remove.responses)]).toEqual([collection, 204, expect.not.arrayContaining(['404'])]);
    }
  });
});

describe('the OpenAPI document with PUBLIC_REGISTRATION=true', () => {
  it("adds users-permissions' sign-up and login routes, which then answer the public", async () => {
    const app = await startTestApp({ DOCUMENTATION_ENABLED: 'true', PUBLIC_REGISTRATION: 'true' });
    try {
      const spec = readSpec();
      await expect(SwaggerParser.validate(structuredClone(spec))).resolves.toBeDefined();
      expect(spec['x-strapi-config'].plugins).toEqual(['users-permissions']);
      expect(spec.paths).toHaveProperty(['/auth/local/register', 'post']);
      expect(spec.paths).toHaveProperty(['/auth/local', 'post']);
      expect(spec.paths).toHaveProperty(['/articles/slug/{slug}', 'get']);
      const register = await app.http().post('/api/auth/local/register').send({});
      expect(register.status).toBe(400);
    } finally {
      await app.stop();
    }
  });
});

describe('the OpenAPI document with REPRINT_ATTRIBUTION_ENABLED=false', () => {
  it('describes articles without `attribution`, as they are then served', async () => {
    const app = await startTestApp({ DOCUMENTATION_ENABLED: 'true', REPRINT_ATTRIBUTION_ENABLED: 'false' });
    try {
      const spec = readSpec();
      expect(spec.components.schemas.Article.properties).not.toHaveProperty(['attribution']);
      const created = await app.strapi.documents('api::article.article').create({ data: { title: 'Attribution off probe', date: '2025-04-01' }, status: 'published' } as never);
      const read = await app.http().get(`/api/articles/${(created as any).documentId}`);
      expect(read.status).toBe(200);
      expect(read.body.data).not.toHaveProperty('attribution');
      expect(conformanceProblems(spec, responseSchema(spec.paths['/articles/{id}'].get, 200), read.body, { strict: true })).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});

describe('the OpenAPI document by default', () => {
  it('is not served', async () => {
    const app = await startTestApp({ DOCUMENTATION_ENABLED: 'false' });
    try {
      expect((await app.http().get('/documentation/v1.0.0')).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
