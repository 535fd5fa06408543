import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { publishedOnlyFilters } from '../lib/published-filters';
import type { ModelLookup } from '../lib/query-rules';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/**
 * Strapi's content API hands drafts to anyone with `find` who adds `?status=draft`, the public
 * role included. Drafts are for editors (admin) and for API tokens the admins issued (previews,
 * static builds); every other content-API caller asking for them gets a 403. And a published
 * read filters through relations on published rows only (src/lib/published-filters.ts).
 */
export const registerPublishedOnly = (strapi: Core.Strapi) => {
  const getModel: ModelLookup = (uid) => strapi.getModel(uid as never) as never;

  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    const params = context.params as { status?: unknown; filters?: unknown };
    if (params.status === 'published' && params.filters !== undefined) {
      params.filters = publishedOnlyFilters(params.filters, context.uid, getModel);
    }
    if (params.status !== 'draft') return next();

    const request = strapi.requestContext.get();
    const route = request?.state?.route;
    const isContentApi = route?.info?.type === 'content-api';
    const strategy = request?.state?.auth?.strategy?.name;
    if (isContentApi && strategy !== 'content-api-token') {
      // A PolicyError is the one 403 whose message Strapi's authorize step lets through to the client.
      throw new errors.PolicyError('Drafts are only readable with an API token; omit status or use status=published', {
        errors: [{ path: ['status'], message: 'status=draft needs an API token', name: 'PolicyError', value: 'draft' }],
      });
    }
    return next();
  });
};
