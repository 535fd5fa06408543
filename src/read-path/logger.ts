import type { Core } from '@strapi/strapi';

/**
 * `strapi::logger` of Strapi 5.54.0 (@strapi/core dist/middlewares/logger.js), the same line at
 * the `http` level, but only built and written when that level is on: Strapi's hands every
 * request's line to winston, whose stream pipeline runs for it before each transport drops it
 * at the default levels (`LOG_LEVEL` above `http`): a few percent of an uncached read.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const log = strapi.log as Core.Strapi['log'] & { isLevelEnabled?: (level: string) => boolean };
  return async (ctx: any, next: () => Promise<void>) => {
    if (log.isLevelEnabled?.('http') === false) return next();
    const start = Date.now();
    await next();
    const delta = Math.ceil(Date.now() - start);
    log.http(`${ctx.method} ${ctx.url} (${delta} ms) ${ctx.status}`);
  };
};
