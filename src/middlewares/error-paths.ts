import type { Core } from '@strapi/strapi';

import { withFieldPaths } from '../lib/error-paths';

/** Gives every 4xx error body `details.errors[].path` (see lib/error-paths). */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    await next();
    const error = ctx.body?.error;
    if (ctx.status >= 400 && ctx.status < 500 && error && typeof error === 'object') {
      ctx.body = { ...ctx.body, error: withFieldPaths(error, ctx.request.body) };
    }
  };
};
