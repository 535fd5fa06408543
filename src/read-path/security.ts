import type { Core } from '@strapi/strapi';
import { CSP_DEFAULTS } from '@strapi/utils';
import helmet from 'koa-helmet';
import { defaultsDeep, mergeWith } from 'lodash/fp';

/**
 * `strapi::security` of Strapi 5.54.0 (@strapi/core dist/middlewares/security.js), with each of
 * its helmet configurations built once instead of on every request: Strapi deep-merges the
 * configuration and builds a new helmet (its CSP directives parsed and checked) for each request,
 * about a fifth of an uncached read's time in the middlewares once the read model answers it
 * (BENCHMARKS.md, "Read model (#15)"). The headers are the same: the rules below are Strapi's,
 * and tests/unit/security-middleware.test.ts compares both for every kind of path, so a Strapi
 * upgrade that changes its rules fails there. Configured like Strapi's (config/middlewares.ts).
 */
const DEFAULTS = {
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  contentSecurityPolicy: {
    useDefaults: true,
    directives: { ...CSP_DEFAULTS, upgradeInsecureRequests: null },
  },
  xssFilter: false,
  hsts: { maxAge: 31536000, includeSubDomains: true },
  frameguard: { action: 'sameorigin' },
};

const mergeConfig = (existing: object, extra: object) =>
  mergeWith((obj: unknown, src: unknown) => (Array.isArray(obj) && Array.isArray(src) ? obj.concat(src) : undefined), existing, extra);

/** Strapi's helmet configuration for one kind of request (its three conditions). */
export const helmetConfigFor = (config: object, { special, devAdmin, playground }: { special: boolean; devAdmin: boolean; playground: boolean }) => {
  let helmetConfig: object = defaultsDeep(DEFAULTS, config);
  const directives: Record<string, string[]> = {
    'script-src': ["'self'", "'unsafe-inline'", 'cdn.jsdelivr.net'],
    'img-src': ["'self'", 'data:', 'cdn.jsdelivr.net', 'strapi.io'],
    'manifest-src': [],
    'frame-src': [],
  };
  if (playground) {
    directives['script-src'].push(`https: 'unsafe-inline'`);
    directives['img-src'].push(`'apollo-server-landing-page.cdn.apollographql.com'`);
    directives['manifest-src'].push(`'self'`);
    directives['manifest-src'].push('apollo-server-landing-page.cdn.apollographql.com');
    directives['frame-src'].push(`'self'`);
    directives['frame-src'].push('sandbox.embed.apollographql.com');
  }
  if (special) {
    helmetConfig = mergeConfig(helmetConfig, { crossOriginEmbedderPolicy: false, contentSecurityPolicy: { directives } });
  }
  if (devAdmin) {
    helmetConfig = mergeConfig(helmetConfig, {
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'", "'unsafe-inline'"], 'connect-src': ["'self'", 'http:', 'https:', 'ws:'] },
      },
    });
  }
  return helmetConfig;
};

export default (config: object, { strapi }: { strapi: Core.Strapi }) => {
  const built = new Map<string, ReturnType<typeof helmet>>();
  return (ctx: any, next: () => Promise<unknown>) => {
    const playground = Boolean(strapi.plugin('graphql')?.service('utils').playground.isEnabled());
    const specialPaths = ['/documentation', ...(playground ? [strapi.plugin('graphql').config('endpoint') as string] : [])];
    const get = ctx.method === 'GET';
    const special = get && specialPaths.some((path) => ctx.path.startsWith(path));
    const devAdmin =
      ['development', 'test'].includes(process.env.NODE_ENV ?? '') && get && ctx.path.startsWith(strapi.config.get('admin.path') as string);
    const key = `${special}|${devAdmin}|${playground}`;
    let middleware = built.get(key);
    if (!middleware) {
      middleware = helmet(helmetConfigFor(config ?? {}, { special, devAdmin, playground }) as never);
      built.set(key, middleware);
    }
    return middleware(ctx, next);
  };
};
