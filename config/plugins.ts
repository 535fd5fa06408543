import path from 'node:path';

import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';

import { apolloServerConfig } from '../src/content-api/graphql-limits';
import { graphqlLimits, graphqlSwitches } from '../src/lib/graphql-limits';
import { BODY_LIMIT_DEFAULTS, readLimit } from '../src/lib/input-limits';
import { newsroomLocales } from '../src/lib/locales';
import { documentationConfig } from '../src/lib/openapi';
import { publicRegistrationEnabled } from '../src/lib/public-access';
import { readSiteUrlConfig } from '../src/lib/site-urls';
import { uploadPluginConfig, uploadStorageFromEnv } from '../src/lib/upload-storage';

export default ({ env }) => {
  // The test suites' second attributable type (tests/fixtures/attribution-fixture): in the
  // integration tests (NODE_ENV=test) and in the browser tests' server (TEST_FIXTURES=true).
  const fixtures = env('NODE_ENV') === 'test' || env.bool('TEST_FIXTURES', false);
  const site = readSiteUrlConfig(process.env);
  const graphql = graphqlLimits(process.env);
  const switches = graphqlSwitches(process.env);
  // GraphQL variables are a request body too (config/middlewares.ts bounds the others).
  const graphqlVariables = {
    maxDepth: readLimit(process.env, 'BODY_MAX_DEPTH', BODY_LIMIT_DEFAULTS.maxDepth),
    maxKeys: readLimit(process.env, 'BODY_MAX_KEYS', BODY_LIMIT_DEFAULTS.maxKeys),
  };
  // Media on the project's disk (default) or in an S3-compatible bucket (UPLOAD_PROVIDER=s3;
  // docs/operations.md, "Media on object storage"); src/bootstrap/upload-storage.ts checks the bucket.
  const upload = uploadPluginConfig(uploadStorageFromEnv(process.env));
  return {
    ...(upload ? { upload: { config: upload } } : {}),
    'users-permissions': {
      config: {
        jwtSecret: env('JWT_SECRET'),
      },
    },
    'reprint-attribution': {
      // Always on: its component is part of the article schema.
      enabled: true,
      // Installed like any project installs it: the package strapi-plugin-reprint-attribution
      // (package.json: "file:src/plugins/reprint-attribution", built by scripts/ensure-plugin.js).
      config: {
        // false: responses carry no `attribution` (npm run bench measures what it costs).
        responses: env.bool('REPRINT_ATTRIBUTION_ENABLED', true),
        // Attributable content types and the fields that hold what the plugin governs
        // (docs/reprint-attribution.md: how to make another type attributable).
        contentTypes: {
          'api::article.article': { reprint: 'reprint', source: 'source', title: 'title', date: 'date', slug: 'slug', seo: 'seo', image: 'cover' },
          // The test suite proves the plugin works by configuration alone on a second type.
          ...(fixtures
            ? { 'plugin::attribution-fixture.clip': { reprint: 'attribution', source: 'outlet', title: 'headline', date: 'day', slug: 'slug' } }
            : {}),
        },
        // Languages the plugin writes besides zh-Hans, en and ru: one pack per language
        // (docs/extending.md: adding a locale). The tests add Japanese.
        languages: fixtures ? [require(path.resolve(process.cwd(), 'tests/fixtures/languages/ja.js'))] : [],
        titleCheck: env('ATTRIBUTION_TITLE_CHECK', 'warn'),
        expiryAction: env('ATTRIBUTION_EXPIRY_ACTION', 'flag'),
        defaultPolicy: env('ATTRIBUTION_DEFAULT_POLICY', 'self'),
        // The article's page on the site and the CMS's own address (config/site.ts, docs/api.md "Addresses").
        articleUrl: site.patterns['api::article.article'],
        publicUrl: site.publicUrl,
        publisher: {
          name: { 'zh-Hans': env('PUBLISHER_NAME_ZH', '辽宁大学新闻网'), en: env('PUBLISHER_NAME_EN', 'Liaoning University News'), ru: env('PUBLISHER_NAME_RU', 'Новости Ляонинского университета') },
          url: env('PUBLISHER_URL', 'https://www.lnu.edu.cn/'),
        },
        timeZone: env('NEWSROOM_TIME_ZONE', 'Asia/Shanghai'),
        expiringWithinDays: env.int('ATTRIBUTION_EXPIRING_WITHIN_DAYS', 30),
        cron: { enabled: env.bool('ATTRIBUTION_CRON_ENABLED', true), rule: env('ATTRIBUTION_CRON_RULE', '0 3 * * *') },
        // Read for every response: the read model (docs/architecture.md), which every instance
        // renders into, and a shared (Redis) response cache must never store a credit line made
        // with a template older than the last save, whichever instance renders it.
        settingsCacheMs: 0,
        // The settings page previews templates on the reference article (and on a sample).
        previewDocument: { contentType: 'api::article.article', where: { key: 'lnu-innovation-entrepreneurship-seminar-2025' } },
      },
    },
    // Translation coverage and staleness of every localized content type (docs/translations.md):
    // the package strapi-plugin-translation-desk (package.json: "file:src/plugins/translation-desk").
    'translation-desk': {
      enabled: true,
      config: {
        // The watched fields (what readers see: a change makes translations stale), the field that
        // names a document, the editorial date and the filters of the Translations page.
        contentTypes: {
          'api::article.article': { fields: ['title', 'summary', 'body'], title: 'title', date: 'date', filters: ['section'] },
          'api::source.source': { fields: ['name', 'shortName'], title: 'name', filters: ['kind'] },
          'api::institution.institution': { fields: ['name', 'shortName', 'city', 'province', 'description'], title: 'name', filters: ['kind'] },
        },
        maxPageSize: env.int('TRANSLATION_DESK_MAX_PAGE_SIZE', 200),
        reconcileOnStart: env.bool('TRANSLATION_DESK_RECONCILE_ON_START', true),
      },
    },
    // Loaded in tests only: a second content type made attributable by configuration alone.
    ...(fixtures
      ? { 'attribution-fixture': { enabled: true, resolve: './tests/fixtures/attribution-fixture' } }
      : {}),
    graphql: {
      enabled: true,
      config: {
        endpoint: '/graphql',
        shadowCRUD: true,
        // The sandbox and introspection are for developers: off in production unless asked for.
        // Off means no landing page at all (Apollo's production page still loads its CDN scripts).
        landingPage: switches.playground ? true : () => ApolloServerPluginLandingPageDisabled(),
        // Cost and size limits (docs/security.md): Strapi's own depth and per-list amount...
        depthLimit: graphql.maxDepth,
        defaultLimit: graphql.defaultLimit,
        maxLimit: graphql.maxLimit,
        // ...and GraphQL Armor's aliases, depth, directives, cost, plus tokens and result size.
        apolloServer: apolloServerConfig(graphql, graphqlVariables, { introspection: switches.introspection }),
      },
    },
    // The OpenAPI document at /documentation (docs/api.md, "OpenAPI"): the content API as
    // src/lib/openapi.ts describes it (registered by src/openapi); users-permissions' routes only
    // when PUBLIC_REGISTRATION opens them.
    documentation: {
      enabled: env.bool('DOCUMENTATION_ENABLED', false),
      config: documentationConfig({ locales: newsroomLocales(process.env), registration: publicRegistrationEnabled(process.env) }),
    },
  };
};
