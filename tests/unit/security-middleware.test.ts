import path from 'node:path';

import Koa from 'koa';
import request from 'supertest';

import security from '../../src/read-path/security';

/**
 * src/read-path/security.ts builds each helmet once; its headers must be exactly those of
 * Strapi's own `strapi::security` (which builds one per request) for every kind of path and
 * configuration, so that a Strapi upgrade that changes its rules fails here.
 */

// Strapi's middleware, from the installed @strapi/core (not part of its public exports).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const strapiSecurity = require(path.join(path.dirname(require.resolve('@strapi/core/package.json')), 'dist', 'middlewares', 'security.js')).security;

const fakeStrapi = (playground: boolean) =>
  ({
    plugin: (name: string) =>
      name === 'graphql'
        ? { service: () => ({ playground: { isEnabled: () => playground } }), config: (key: string) => (key === 'endpoint' ? '/graphql' : undefined) }
        : undefined,
    config: { get: (key: string) => (key === 'admin.path' ? '/admin' : undefined) },
  }) as any;

const appWith = (middleware: Koa.Middleware) => {
  const app = new Koa();
  app.use(middleware);
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  return app.callback();
};

const headersOf = async (handler: ReturnType<typeof appWith>, method: 'get' | 'post', url: string) => {
  const response = await request(handler)[method](url);
  const { date, ...headers } = response.headers;
  return headers;
};

const configs: Record<string, object> = {
  'no configuration': {},
  'a custom CSP and frameguard': { contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'cdn.example.org'] } }, frameguard: { action: 'deny' } },
};
const urls = ['/api/articles', '/api/articles/slug/x?locale=en', '/documentation/v1.0.0', '/graphql', '/admin', '/admin/content-manager'];

describe.each(Object.entries(configs))('with %s', (_name, config) => {
  describe.each([
    ['development', true],
    ['production', false],
  ])('NODE_ENV=%s, GraphQL playground %s', (nodeEnv, playground) => {
    const previous = process.env.NODE_ENV;
    beforeAll(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    afterAll(() => {
      process.env.NODE_ENV = previous;
    });

    it.each(urls.flatMap((url) => [['get', url] as const, ['post', url] as const]))('%s %s: the same headers as strapi::security', async (method, url) => {
      const strapi = fakeStrapi(playground as boolean);
      const ours = appWith(security(config, { strapi }) as Koa.Middleware);
      const theirs = appWith(strapiSecurity(config, { strapi }));
      // Twice: the second answer comes from the helmet built for the first.
      for (let round = 0; round < 2; round += 1) {
        const expected = await headersOf(theirs, method, url);
        expect(expected['content-security-policy']).toBeDefined();
        expect(await headersOf(ours, method, url)).toEqual(expected);
      }
    });
  });
});
