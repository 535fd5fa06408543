import type { Core } from '@strapi/strapi';

import { LABELLED_ENUMS, type LabelGroup } from '../api/site/labels';
import { newsroomLocales, resolveDefaultLocale } from '../lib/locales';
import { buildOpenApi, type ModelLike, type OpenApiInput, type RouteLike } from '../lib/openapi';
import { planPublicPermissions, publicRegistrationEnabled } from '../lib/public-access';

const ATTRIBUTION_PLUGIN = 'reprint-attribution';

const middlewareName = (middleware: unknown) =>
  typeof middleware === 'string' ? middleware : typeof (middleware as { name?: unknown })?.name === 'string' ? (middleware as { name: string }).name : '(inline)';

const routeLike = (route: any, prefix = ''): RouteLike => ({
  method: String(route.method),
  path: `${route.config?.prefix ?? prefix}${route.path}`,
  handler: typeof route.handler === 'string' ? route.handler : '(inline)',
  middlewares: (route.config?.middlewares ?? []).map(middlewareName),
  auth: route.config?.auth === false ? false : (route.config?.auth?.scope ?? []),
});

/** What the running server has, for lib/openapi: the types with their routes, schemas, locales, permissions. */
export const openApiInput = (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env): OpenApiInput & { apis: string[] } => {
  const types: OpenApiInput['types'] = [];
  const unassigned: RouteLike[] = [];
  const apis = Object.keys(strapi.apis);
  for (const apiName of apis) {
    const api: any = strapi.api(apiName);
    const uids = Object.keys(api.contentTypes ?? {}).map((name) => `api::${apiName}.${name}`);
    const routes: RouteLike[] = Object.values<any>(api.routes ?? {})
      .filter((router) => (router.type ?? 'content-api') === 'content-api')
      .flatMap((router) => (router.routes ?? []).map((route: any) => routeLike(route, router.prefix ?? '')));
    for (const uid of uids) types.push({ uid, routes: routes.filter((route) => route.handler.startsWith(`${uid}.`)) });
    unassigned.push(...routes.filter((route) => !uids.some((uid) => route.handler.startsWith(`${uid}.`))));
  }

  const plugin: any = strapi.plugin(ATTRIBUTION_PLUGIN);
  const pluginRouter = plugin?.routes?.['content-api'];
  const pluginConfig = strapi.config.get(`plugin::${ATTRIBUTION_PLUGIN}`) as { contentTypes?: Record<string, unknown>; responses?: boolean } | undefined;
  const attribution = plugin
    ? {
        uids: Object.keys(pluginConfig?.contentTypes ?? {}),
        routes: (pluginRouter?.routes ?? []).map((route: any) => routeLike(route, pluginRouter?.prefix ?? `/${ATTRIBUTION_PLUGIN}`)),
        // false (REPRINT_ATTRIBUTION_ENABLED=false): responses carry no `attribution`; the read route stays
        responses: pluginConfig?.responses !== false,
      }
    : undefined;

  // The enumerations GET /site names, with their values as the schemas have them.
  const labels = Object.fromEntries(
    Object.entries(LABELLED_ENUMS).map(([group, { uid, attribute }]) => [group, [...(((strapi.contentTypes as any)[uid]?.attributes?.[attribute]?.enum as string[] | undefined) ?? [])]])
  ) as Record<LabelGroup, string[]>;

  const registration = publicRegistrationEnabled(env);
  const rest = strapi.config.get('api.rest') as { defaultLimit?: number; maxLimit?: number };
  return {
    apis,
    locales: newsroomLocales(env),
    defaultLocale: resolveDefaultLocale(env.DEFAULT_LOCALE, env),
    pagination: { defaultLimit: rest?.defaultLimit ?? 25, maxLimit: rest?.maxLimit ?? 100 },
    types,
    apiRoutes: unassigned,
    labels,
    models: { ...(strapi.contentTypes as unknown as Record<string, ModelLike>), ...(strapi.components as unknown as Record<string, ModelLike>) },
    publicActions: planPublicPermissions([], { registration }).wanted,
    attribution,
    registration,
  };
};

/** The document's content-API part, and the routes it could not describe. */
export const openApiFragment = (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const input = openApiInput(strapi, env);
  const { fragment, undescribed } = buildOpenApi(input);
  return { fragment, undescribed, apis: input.apis };
};

/**
 * With the documentation plugin on (DOCUMENTATION_ENABLED=true), replaces what it would generate
 * for the app's APIs by lib/openapi's description (register phase: the plugin writes the document
 * in its bootstrap, before the app's). docs/api.md, "OpenAPI".
 */
export const registerOpenApi = (strapi: Core.Strapi) => {
  const documentation = strapi.plugin('documentation');
  if (!documentation) return;
  const { fragment, undescribed, apis } = openApiFragment(strapi);
  for (const route of undescribed) {
    strapi.log.warn(`OpenAPI: ${route.method} ${route.path} (${route.handler}) has no description in src/lib/openapi.ts; it is left out of the document`);
  }
  const override = documentation.service('override');
  override.excludeFromGeneration(apis);
  override.registerOverride(fragment);
};
