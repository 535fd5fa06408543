import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const READ_ACTIONS = new Set(['findMany', 'findOne', 'findFirst', 'count']);

/**
 * Strapi's content API hands drafts to anyone with `find` who adds `?status=draft`, the public
 * role included. Drafts are for editors (admin) and for API tokens the admins issued (previews,
 * static builds); every other content-API caller asking for them gets a 403.
 */
export const registerPublishedOnly = (strapi: Core.Strapi) => {
  strapi.documents.use(async (context, next) => {
    if (!READ_ACTIONS.has(context.action)) return next();
    if ((context.params as { status?: unknown }).status !== 'draft') return next();

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
