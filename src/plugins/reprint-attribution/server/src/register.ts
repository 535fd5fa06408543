import type { Core } from '@strapi/strapi';

import { registerComponents } from './components';
import { useLanguagePacks } from './domain';
import { registerGraphql } from './graphql';
import { registerListFilter } from './middlewares/list-filter';
import { registerPublishGuard } from './publish-guard';
import { attributableTypes, getConfig } from './utils';

/** GET /api/reprint-attribution/<singularName>/:documentId for each attributable content type. */
const registerContentApiRoutes = (strapi: Core.Strapi) => {
  const router = (strapi.plugin('reprint-attribution').routes as any)['content-api'];
  // The router object is the module's own: a process that boots Strapi twice (tests) would add
  // each route again. Built afresh on every register.
  const routes: any[] = [];
  router.routes = routes;
  for (const uid of Object.keys(attributableTypes(strapi))) {
    const singular = (strapi.contentTypes[uid as never] as any)?.info?.singularName;
    if (!singular) continue;
    routes.push({
      method: 'GET',
      path: `/:contentType(${singular})/:documentId`,
      handler: 'attribution.findOne',
      // Whoever may read the document may read its attribution: the type's own permission.
      config: { auth: { scope: [`${uid}.findOne`] } },
    });
  }
};

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The reprint component a host's content types use (server/src/components/).
  registerComponents(strapi);
  // The languages the plugin writes: its own, and those the config adds.
  useLanguagePacks(getConfig(strapi).languages ?? []);
  registerPublishGuard(strapi);
  registerContentApiRoutes(strapi);
  registerGraphql(strapi);
  // The Content Manager's list filtered by attribution status (its own route, before its controller).
  registerListFilter(strapi);
};

export default register;
