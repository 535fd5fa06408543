import type { Core } from '@strapi/strapi';

import { boundError } from '../lib/error-bounds';
import { withFieldPaths } from '../lib/error-paths';

/**
 * Every error body leaves bounded (lib/error-bounds: a short message, small details, no echoed
 * value, no stack or server path), and every 4xx carries `details.errors[].path` (lib/error-paths).
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    await next();
    const error = ctx.body?.error;
    if (ctx.status < 400 || !error || typeof error !== 'object' || Buffer.isBuffer(ctx.body)) return;
    const bounded = boundError(error);
    ctx.body = { ...ctx.body, error: ctx.status < 500 ? withFieldPaths(bounded as never, ctx.request.body) : bounded };
  };
};
