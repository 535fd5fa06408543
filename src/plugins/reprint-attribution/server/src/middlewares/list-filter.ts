import type { Core } from '@strapi/strapi';

import { listFilterProblems, listViewOf, type ListFilter } from '../domain/list-status';
import { validationError } from '../errors';
import { attributableTypes, getService } from '../utils';

export const LIST_FILTER_MIDDLEWARE = 'plugin::reprint-attribution.list-filter';

/** The filter the admin's list puts on its URL: `filters[$and][n][__attribution][$eq]=incomplete`. */
export const ATTRIBUTION_FILTER = '__attribution';

const isAttributionFilter = (entry: unknown): entry is Record<string, unknown> =>
  Boolean(entry) && typeof entry === 'object' && Object.prototype.hasOwnProperty.call(entry, ATTRIBUTION_FILTER);

/**
 * The Content Manager's own list filtered by attribution status, so its pagination, counts and
 * sorting stay Strapi's. Runs on its `GET /content-manager/collection-types/:model` route, before
 * the controller: each `__attribution` entry of `filters.$and` (which the Content Manager would
 * not know) becomes `{ documentId: { $in: ids } }`, the documents that status keeps in this
 * list's locale and view (drafts, or the published versions under Strapi's status filter),
 * computed at request time with the rules the report uses (services/list-status.ts), and only
 * those the admin may read. The Content Manager then applies its permission checks to that
 * filter as to any other.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<void>) => {
    // The query object is parsed once per request and shared: the controller reads what this changes.
    const query = ctx.request.query;
    const and: unknown = query?.filters?.$and;
    if (!Array.isArray(and) || !and.some(isAttributionFilter)) return next();

    const uid: string = ctx.params?.model;
    const problems = and.flatMap((entry, index) => {
      if (!isAttributionFilter(entry)) return [];
      const path = ['filters', '$and', String(index), ATTRIBUTION_FILTER];
      if (!attributableTypes(strapi)[uid]) return [{ path, message: `${uid} has no attribution to filter by`, value: entry[ATTRIBUTION_FILTER] }];
      const condition = entry[ATTRIBUTION_FILTER] as Record<string, unknown> | null;
      const operators = condition && typeof condition === 'object' ? Object.keys(condition) : [];
      if (operators.length !== 1 || operators[0] !== '$eq') return [{ path, message: 'The attribution filter takes one operator, $eq', value: condition }];
      return listFilterProblems(
        { filter: condition!.$eq, locale: query.locale },
        { filter: [...path, '$eq'], locale: ['locale'], view: ['status'] }
      );
    });
    if (problems.length > 0) throw validationError(problems);

    const view = listViewOf(query);
    const reader = { userAbility: ctx.state.userAbility };
    const service = getService(strapi, 'listStatus');
    for (let index = 0; index < and.length; index += 1) {
      const entry = and[index];
      if (!isAttributionFilter(entry)) continue;
      const filter = (entry[ATTRIBUTION_FILTER] as { $eq: ListFilter }).$eq;
      and[index] = { documentId: { $in: await service.matching(uid, { filter, locale: query.locale, view }, reader) } };
    }
    return next();
  };

/**
 * Puts the list filter on the Content Manager's list route. Called in `register`, before Strapi
 * builds its routes; a process that boots Strapi twice (tests) shares the Content Manager's
 * route objects, so the middleware is added once.
 */
export const registerListFilter = (strapi: Core.Strapi) => {
  const routes: any[] = (strapi.plugin('content-manager')?.routes as any)?.admin?.routes ?? [];
  const find = routes.find((route) => route.method === 'GET' && route.handler === 'collection-types.find');
  if (!find) {
    strapi.log.warn('reprint-attribution: the Content Manager has no list route (collection-types.find); the list cannot be filtered by attribution');
    return;
  }
  find.config ??= {};
  const middlewares: unknown[] = find.config.middlewares ?? [];
  if (!middlewares.includes(LIST_FILTER_MIDDLEWARE)) find.config.middlewares = [...middlewares, LIST_FILTER_MIDDLEWARE];
};
