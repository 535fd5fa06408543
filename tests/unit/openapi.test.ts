import fs from 'node:fs';
import path from 'node:path';

import { CONVENIENCE_PARAMS } from '../../src/lib/article-query';
import { buildOpenApi, documentationConfig, openApiPath, withoutPlaceholders, type ModelLike, type OpenApiInput, type RouteLike } from '../../src/lib/openapi';
import { planPublicPermissions } from '../../src/lib/public-access';
import { conformanceProblems } from '../helpers/openapi-conformance';
import { reprintComponentSchema } from '../../src/plugins/reprint-attribution/server/src/components/reprint';
import { buildAttribution } from '../../src/plugins/reprint-attribution/server/src/domain';
import { ccReprint, reference, settings, TODAY } from '../../src/plugins/reprint-attribution/server/src/domain/__tests__/fixtures';

const ROOT = path.resolve(__dirname, '..', '..');
const schemaOf = (type: string): ModelLike => JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'api', type, 'content-types', type, 'schema.json'), 'utf8'));

const MODELS: Record<string, ModelLike> = {
  'api::article.article': schemaOf('article'),
  'api::source.source': schemaOf('source'),
  'api::institution.institution': schemaOf('institution'),
  'shared.seo': JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'components', 'shared', 'seo.json'), 'utf8')),
  'attribution.reprint': reprintComponentSchema as unknown as ModelLike,
};

/** The routes of a type as Strapi registers them: the core router and the slug route. */
const routesOf = (uid: string, plural: string, middlewares: string[]): RouteLike[] => {
  const route = (method: string, routePath: string, action: string, scope = action, withMiddlewares = false): RouteLike => ({
    method,
    path: routePath,
    handler: `${uid}.${action}`,
    middlewares: withMiddlewares ? middlewares : [],
    auth: [`${uid}.${scope}`],
  });
  return [
    route('GET', `/${plural}`, 'find', 'find', true),
    route('GET', `/${plural}/:id`, 'findOne', 'findOne', true),
    route('GET', `/${plural}/slug/:slug`, 'findBySlug', 'findOne', true),
    route('POST', `/${plural}`, 'create'),
    route('PUT', `/${plural}/:id`, 'update'),
    route('DELETE', `/${plural}/:id`, 'delete'),
  ];
};

const input = (overrides: Partial<OpenApiInput> = {}): OpenApiInput => ({
  locales: ['zh-Hans', 'en', 'ru'],
  defaultLocale: 'zh-Hans',
  pagination: { defaultLimit: 25, maxLimit: 100 },
  types: [
    { uid: 'api::article.article', routes: routesOf('api::article.article', 'articles', ['api::article.article-filters', 'api::article.article-populate', 'global::localized-reads']) },
    { uid: 'api::source.source', routes: routesOf('api::source.source', 'sources', ['global::localized-reads']) },
    { uid: 'api::institution.institution', routes: routesOf('api::institution.institution', 'institutions', ['global::localized-reads']) },
  ],
  models: MODELS,
  // The Public role's reads (lib/public-access) and GET /site's.
  publicActions: [...new Set([...planPublicPermissions([], { registration: false }).wanted, 'api::site.site.find'])],
  attribution: {
    uids: ['api::article.article'],
    routes: [{ method: 'GET', path: '/reprint-attribution/:contentType(article)/:documentId', handler: 'attribution.findOne', middlewares: [], auth: ['api::article.article.findOne'] }],
  },
  apiRoutes: [{ method: 'GET', path: '/site', handler: 'api::site.site.find', middlewares: [], auth: [] }],
  labels: { section: MODELS['api::article.article'].attributes.section.enum!, sourceKind: ['newspaper'], institutionKind: ['university'] },
  registration: false,
  ...overrides,
});

const parameters = (operation: any): Record<string, any> => Object.fromEntries((operation.parameters ?? []).map((parameter: any) => [parameter.name, parameter]));

/** A whole document as the plugin writes it, for the $refs. */
const documentOf = (fragment: ReturnType<typeof buildOpenApi>['fragment']) => ({ openapi: '3.0.0', paths: fragment.paths, components: fragment.components });

describe('buildOpenApi', () => {
  const { fragment, undescribed } = buildOpenApi(input());
  const { paths, components } = fragment;

  it('describes every route of the three types, the attribution route and GET /site, and nothing else', () => {
    expect(undescribed).toEqual([]);
    expect(Object.keys(paths).sort()).toEqual(
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
    expect(Object.keys(paths['/articles/{id}'])).toEqual(['get', 'put', 'delete']);
  });

  it('returns a route it cannot describe instead of guessing', () => {
    const odd: RouteLike = { method: 'POST', path: '/articles/:id/archive', handler: 'api::article.article.archive', middlewares: [], auth: [] };
    const built = buildOpenApi(input({ types: [{ uid: 'api::article.article', routes: [odd] }], apiRoutes: [{ ...odd, path: '/ping', handler: 'api::ping.ping.ping' }] }));
    expect(built.undescribed.map((route) => route.path)).toEqual(['/articles/:id/archive', '/ping']);
    expect(built.fragment.paths).not.toHaveProperty(['/articles/{id}/archive']);
  });

  it('takes locale as the configured locales, LOCALES order and default included', () => {
    const built = buildOpenApi(input({ locales: ['en', 'zh-Hans', 'ja'], defaultLocale: 'en' })).fragment;
    const locale = parameters(built.paths['/articles'].get).locale;
    expect(locale.schema).toEqual({ type: 'string', enum: ['en', 'zh-Hans', 'ja'], default: 'en' });
    expect(built.components.schemas.Alternate.properties.hreflang.enum).toEqual(['en', 'zh-Hans', 'ja', 'x-default']);
    expect(built.components.schemas.SiteLabels.properties.data.properties.sections.items.properties.names.required).toEqual(['en', 'zh-Hans', 'ja']);
    expect(parameters(paths['/sources/slug/{slug}'].get).locale.schema.enum).toEqual(['zh-Hans', 'en', 'ru']);
  });

  it('gives the article list its convenience parameters and every read of a localized type fallback', () => {
    const list = parameters(paths['/articles'].get);
    for (const name of CONVENIENCE_PARAMS) expect(list).toHaveProperty([name]);
    expect(list.section.schema.items.enum).toEqual(MODELS['api::article.article'].attributes.section.enum);
    expect(list.institution).toMatchObject({ style: 'form', explode: false, schema: { type: 'array' } });
    expect(list.from.schema).toEqual({ type: 'string', format: 'date' });
    for (const route of ['/articles/{id}', '/articles/slug/{slug}', '/sources', '/sources/{id}', '/sources/slug/{slug}', '/institutions', '/institutions/slug/{slug}']) {
      expect([route, Object.keys(parameters(paths[route].get))]).toEqual([route, expect.arrayContaining(['locale', 'fallback', 'fields', 'populate', 'status'])]);
    }
    // The convenience filters are the article list's only.
    expect(parameters(paths['/sources'].get)).not.toHaveProperty(['section']);
    expect(parameters(paths['/articles/{id}'].get)).not.toHaveProperty(['section']);
  });

  it('states the pagination limits of config/api.ts', () => {
    const list = parameters(buildOpenApi(input({ pagination: { defaultLimit: 10, maxLimit: 50 } })).fragment.paths['/sources'].get);
    expect(list['pagination[pageSize]'].schema).toEqual({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    expect(list['pagination[limit]'].schema).toEqual({ type: 'integer', minimum: 1, maximum: 50, default: 10 });
    expect(list['pagination[page]'].schema.minimum).toBe(1);
  });

  it('needs no credentials for what the Public role reads, a bearer token for the rest', () => {
    for (const route of ['/articles', '/articles/{id}', '/articles/slug/{slug}', '/sources', '/institutions/{id}', '/reprint-attribution/{contentType}/{documentId}', '/site']) {
      expect([route, paths[route].get.security]).toEqual([route, [{}, { bearerAuth: [] }]]);
    }
    for (const [route, method] of [['/articles', 'post'], ['/articles/{id}', 'put'], ['/sources/{id}', 'delete']]) {
      expect([route, method, paths[route][method].security]).toEqual([route, method, [{ bearerAuth: [] }]]);
    }
    // A route without authentication at all; a read the Public role does not hold.
    const open = buildOpenApi(input({ apiRoutes: [{ method: 'GET', path: '/site', handler: 'api::site.site.find', middlewares: [], auth: false }] })).fragment;
    expect(open.paths['/site'].get.security).toEqual([]);
    const closed = buildOpenApi(input({ publicActions: [] })).fragment;
    expect(closed.paths['/articles'].get.security).toEqual([{ bearerAuth: [] }]);
  });

  it('answers create with 201, update with 200, delete with 204, and documents the error bodies', () => {
    expect(Object.keys(paths['/articles'].post.responses)).toEqual(['201', '400', '401', '403', '409']);
    expect(Object.keys(paths['/articles/{id}'].put.responses)).toEqual(['200', '400', '401', '403', '404', '409']);
    expect(Object.keys(paths['/articles/{id}'].delete.responses)).toEqual(['204', '401', '403', '409']);
    expect(paths['/articles/slug/{slug}'].get.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    expect(components.responses.BadRequest.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(components.schemas.ErrorDetail.required).toEqual(['path', 'message']);
  });

  it('gives articles their attribution and every item its address and language links', () => {
    expect(components.schemas.Article.required).toEqual(['id', 'documentId', 'url', 'localizations', 'alternates', 'attribution']);
    expect(components.schemas.Source.required).toEqual(['id', 'documentId', 'url', 'localizations', 'alternates']);
    expect(components.schemas.Source.properties).not.toHaveProperty(['attribution']);
    expect(components.schemas.ArticleListItem.properties.attribution.anyOf).toEqual([{ $ref: '#/components/schemas/AttributionSummary' }, { $ref: '#/components/schemas/Attribution' }]);
    expect(components.schemas.ArticleResponse.properties.meta.properties.fallback).toEqual({ $ref: '#/components/schemas/Fallback' });
    expect(components.schemas.InstitutionListItem.properties.fallback.allOf).toEqual([{ $ref: '#/components/schemas/Fallback' }]);
    // Built from the schemas: enumerations, limits, patterns, relations and components.
    expect(components.schemas.Article.properties.section.enum).toEqual(MODELS['api::article.article'].attributes.section.enum);
    expect(components.schemas.Article.properties.title).toEqual({ type: 'string', maxLength: 200 });
    expect(components.schemas.Article.properties.institutions.items).toEqual({ $ref: '#/components/schemas/InstitutionRelation' });
    expect(components.schemas.AttributionReprintComponent.properties.license.enum).toEqual(reprintComponentSchema.attributes.license.enum);
    expect(components.schemas.ArticleRequest.properties.data.description).toMatch(/^Publishing needs title, date;/);
  });

  it('leaves the attribution out when the plugin does not run', () => {
    const built = buildOpenApi(input({ attribution: undefined })).fragment;
    expect(built.paths).not.toHaveProperty(['/reprint-attribution/{contentType}/{documentId}']);
    expect(built.components.schemas).not.toHaveProperty(['Attribution']);
    expect(built.components.schemas.Article.properties).not.toHaveProperty(['attribution']);
  });

  it('leaves `attribution` out of the bodies when the plugin adds none (responses: false), and keeps its route', () => {
    const built = buildOpenApi(input({ attribution: { ...input().attribution!, responses: false } })).fragment;
    expect(built.components.schemas.Article.properties).not.toHaveProperty(['attribution']);
    expect(built.components.schemas.Article.required).not.toContain('attribution');
    expect(built.components.schemas.ArticleListItem.properties).not.toHaveProperty(['attribution']);
    expect(built.paths).toHaveProperty(['/reprint-attribution/{contentType}/{documentId}', 'get']);
    expect(built.components.schemas).toHaveProperty(['Attribution']);
  });

  it('names every attributable type once in the attribution route, and which are public', () => {
    const route = (type: string, scope: string): RouteLike => ({ method: 'GET', path: `/reprint-attribution/:contentType(${type})/:documentId`, handler: 'attribution.findOne', middlewares: [], auth: [scope] });
    const built = buildOpenApi(
      input({ attribution: { uids: ['api::article.article', 'plugin::x.clip'], routes: [route('article', 'api::article.article.findOne'), route('clip', 'plugin::x.clip.findOne'), route('article', 'api::article.article.findOne')] } })
    ).fragment;
    const operation = built.paths['/reprint-attribution/{contentType}/{documentId}'].get;
    expect(parameters(operation).contentType.schema.enum).toEqual(['article', 'clip']);
    expect(operation.description).toMatch(/public for article; clip: bearer token/);
  });

  it('says which bearer tokens there are', () => {
    expect(components.securitySchemes.bearerAuth.description).not.toMatch(/JWT/);
    expect(buildOpenApi(input({ registration: true })).fragment.components.securitySchemes.bearerAuth.description).toMatch(/JWT from \/auth\/local/);
  });
});

describe('openApiPath', () => {
  it('writes route parameters the OpenAPI way', () => {
    expect(openApiPath('/articles/slug/:slug')).toBe('/articles/slug/{slug}');
    expect(openApiPath('/reprint-attribution/:contentType(article)/:documentId')).toBe('/reprint-attribution/{contentType}/{documentId}');
  });
});

describe('documentationConfig', () => {
  it("documents users-permissions' routes only with PUBLIC_REGISTRATION, and names the locales", () => {
    expect(documentationConfig({ locales: ['zh-Hans', 'en', 'ru'], registration: false })['x-strapi-config'].plugins).toEqual([]);
    expect(documentationConfig({ locales: ['zh-Hans', 'en', 'ru'], registration: true })['x-strapi-config'].plugins).toEqual(['users-permissions']);
    expect(documentationConfig({ locales: ['en', 'ja'], registration: false }).info.description).toMatch(/ in en, ja,/);
  });

  it("drops the plugin's placeholder terms, contact and licence", () => {
    const draft = { info: { title: 'x', termsOfService: 'YOUR_TERMS_OF_SERVICE_URL', contact: { name: 'TEAM' }, license: { name: 'Apache 2.0' } } };
    withoutPlaceholders(draft);
    expect(draft.info).toEqual({ title: 'x' });
  });
});

describe('the plugin’s attribution against the Attribution schema', () => {
  const document = documentOf(buildOpenApi(input()).fragment);
  it.each([
    ['the reference reprint in zh-Hans', reference('zh-Hans')],
    ['the reference reprint in ru', reference('ru')],
    ['a CC reprint in en', ccReprint('en')],
    ['an own story', { ...reference('en'), reprint: null }],
    ['a reprint missing what publishing needs', reference('en', { source: null })],
  ])('%s conforms, every field described', (_name, attributionInput) => {
    const attribution = buildAttribution(attributionInput as never, settings(), TODAY);
    expect(conformanceProblems(document, { $ref: '#/components/schemas/Attribution' }, JSON.parse(JSON.stringify(attribution)), { strict: true })).toEqual([]);
  });
});

describe('conformanceProblems', () => {
  const document = documentOf(buildOpenApi(input()).fragment);
  const link = { locale: 'en', slug: 'a', url: 'https://news.example.edu/en/news/a', hreflang: 'en' };
  const check = (name: string, value: unknown, strict = true) => conformanceProblems(document, { $ref: `#/components/schemas/${name}` }, value, { strict });

  it('accepts what the schema says', () => {
    expect(check('LanguageLink', link)).toEqual([]);
    expect(check('LanguageLink', { ...link, slug: null, url: null })).toEqual([]);
  });

  it('names each problem with its path', () => {
    expect(check('LanguageLink', { ...link, url: '/en/news/a' })).toEqual(['$.url: "/en/news/a" is not an absolute URI']);
    expect(check('LanguageLink', { ...link, locale: 'de' })).toEqual(['$.locale: "de" is not one of ["zh-Hans","en","ru"]']);
    expect(check('LanguageLink', { locale: 'en', slug: 'a', url: null })).toEqual(['$: no hreflang']);
    expect(check('LanguageLink', { ...link, hreflang: null })).toEqual(['$.hreflang: null, not allowed']);
    expect(check('Fallback', { requested: 'en', served: 'zh-Hans', reason: 7 })).toEqual(['$.reason: number, not string']);
    expect(check('Pagination', { page: 0, pageSize: 25 })).toEqual([expect.stringMatching(/^\$: matches none of anyOf/)]);
  });

  it('in strict mode, names a property the schema does not describe', () => {
    expect(check('LanguageLink', { ...link, extra: 1 })).toEqual(['$: extra is not described']);
    expect(check('LanguageLink', { ...link, extra: 1 }, false)).toEqual([]);
    // A schema that allows more (JSON-LD, blocks) takes it.
    expect(check('BlockNode', { type: 'text', text: 'a', bold: true })).toEqual([]);
  });
});
