import type { Core } from '@strapi/strapi';

import { listFilterProblems, listViewOf, type ListFilter } from '../domain/list-status';
import { validationError } from '../errors';
import { attributableTypes, getService } from '../utils';

export const LIST_FILTER_MIDDLEWARE = 'plugin::reprint-attribution.list-filter';

/** The filter the admin's list puts on its URL: `filters[$and][n][__attribution][$eq]=incomplete`. */
export const ATTRIBUTION_FILTER = '__attribution';

const isAttributionFilter = (entry: unknown): entry is Record<string, unknown> =>
  Boolean(entry) && typeof entry === 'object' && Object.prototype.hasOwnProperty.call(entry, ATTRIBUTION_FILTER);

type Problem = { path: string[]; message: string; value?: unknown };

const PLACE = `filters[$and][n][${ATTRIBUTION_FILTER}][$eq]`;
// Deeper than the query parser nests; a filter that goes further is not looked into (it holds no attribution filter the admin wrote).
const MAX_DEPTH = 32;

/**
 * Every `__attribution` the filters hold where the list cannot apply it: anywhere but a direct
 * entry of the top-level `filters.$and` (the top level itself, inside `$or` or `$not`, nested in
 * another entry). Refused at its path rather than left to the Content Manager, which would not
 * know it.
 */
const misplaced = (filters: unknown): Problem[] => {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: string[], depth: number) => {
    if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return;
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, key];
      const direct = path.length === 3 && path[0] === 'filters' && path[1] === '$and' && Array.isArray((filters as any)?.$and);
      if (key === ATTRIBUTION_FILTER && !direct) {
        problems.push({ path: at, message: `The attribution filter applies only as a direct entry of the list's filters.$and (${PLACE}=incomplete), not here`, value: child });
        continue;
      }
      visit(child, at, depth + 1);
    }
  };
  visit(filters, ['filters'], 0);
  return problems;
};

/**
 * The Content Manager's own list filtered by attribution status, so its pagination, counts and
 * sorting stay Strapi's. Runs on its `GET /content-manager/collection-types/:model` route, before
 * the controller: the one `__attribution` entry of `filters.$and` (which the Content Manager
 * would not know) becomes `{ documentId: { $in: ids } }`, the documents that status keeps in
 * this list's locale and view (drafts, or the published versions under Strapi's status filter),
 * computed at request time with the rules the report uses (services/list-status.ts), in one scan
 * of the type's reprints, and only those the admin may read. The Content Manager then applies
 * its permission checks to that filter as to any other. A second `__attribution` entry, or one
 * anywhere else in the filters, is a 400 at its path, before anything is read.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: any, next: () => Promise<void>) => {
    // The query object is parsed once per request and shared: the controller reads what this changes.
    const query = ctx.request.query;
    const filters: unknown = query?.filters;
    if (!filters || typeof filters !== 'object') return next();
    const problems = misplaced(filters);
    const and: unknown[] = Array.isArray((filters as any).$and) ? (filters as any).$and : [];
    const indexes = and.flatMap((entry, index) => (isAttributionFilter(entry) ? [index] : []));
    if (indexes.length === 0 && problems.length === 0) return next();

    const uid: string = ctx.params?.model;
    indexes.forEach((index, nth) => {
      const entry = and[index] as Record<string, unknown>;
      const path = ['filters', '$and', String(index), ATTRIBUTION_FILTER];
      if (nth > 0) {
        problems.push({
          path,
          message: `The list is filtered by one attribution status at a time: keep only filters[$and][${indexes[0]}][${ATTRIBUTION_FILTER}]`,
          value: entry[ATTRIBUTION_FILTER],
        });
        return;
      }
      if (!attributableTypes(strapi)[uid]) {
        problems.push({ path, message: `${uid} has no attribution to filter by`, value: entry[ATTRIBUTION_FILTER] });
        return;
      }
      const condition = entry[ATTRIBUTION_FILTER] as Record<string, unknown> | null;
      const operators = condition && typeof condition === 'object' ? Object.keys(condition) : [];
      if (operators.length !== 1 || operators[0] !== '$eq') {
        problems.push({ path, message: 'The attribution filter takes one operator, $eq', value: condition });
        return;
      }
      problems.push(
        ...listFilterProblems({ filter: condition!.$eq, locale: query.locale }, { filter: [...path, '$eq'], locale: ['locale'], view: ['status'] })
      );
    });
    if (problems.length > 0) throw validationError(problems);

    const [index] = indexes;
    const { [ATTRIBUTION_FILTER]: condition, ...rest } = and[index] as Record<string, unknown>;
    const filter = (condition as { $eq: ListFilter }).$eq;
    const documentIds = await getService(strapi, 'listStatus').matching(uid, { filter, locale: query.locale, view: listViewOf(query) }, { userAbility: ctx.state.userAbility });
    const kept = { documentId: { $in: documentIds } };
    // Other conditions written into the same entry still apply.
    and[index] = Object.keys(rest).length > 0 ? { $and: [rest, kept] } : kept;
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
