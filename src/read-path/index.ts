import type { Core } from '@strapi/strapi';

import { cachePublicPermissions } from './public-permissions';
import { registerReadsWithoutTransaction } from './read-transactions';
import { batchGraphqlRelations } from './relation-batch';
import logger from './logger';
import security from './security';
import { cheapWinEnabled } from './switches';

/**
 * The read path's cheap wins of issue #15 (docs/architecture.md, "Read path: cheap wins (#15)"):
 * the Public role's permissions cached, no transaction around Document Service reads, GraphQL
 * relations loaded in batches. (The prepared-statement cache is the SQLite connection's:
 * src/lib/database.ts; the ETag is src/middlewares/http-cache.ts.) Called last in bootstrap, so
 * that the read-transaction middleware is the innermost Document Service middleware.
 */
export const bootstrapReadPath = (strapi: Core.Strapi) => {
  if (cheapWinEnabled('permissions-cache')) cachePublicPermissions(strapi);
  if (cheapWinEnabled('read-transactions')) {
    const stats = registerReadsWithoutTransaction(strapi);
    strapi.add('readTransactionStats', () => stats);
  }
  if (cheapWinEnabled('graphql-batch') && strapi.plugin('graphql')) {
    const stats = batchGraphqlRelations(strapi);
    strapi.add('relationBatchStats', () => stats);
  }
};

/**
 * Strapi's `strapi::security` and `strapi::logger` replaced by the same rules built once
 * (src/read-path/security.ts, logger.ts). Through the middleware registry's `extend`, in
 * register (before the server instantiates its middlewares): config/middlewares.ts keeps naming
 * Strapi's, which Strapi requires to be listed.
 */
export const registerLeanStrapiMiddlewares = (strapi: Core.Strapi) => {
  const middlewares = strapi.get('middlewares');
  if (cheapWinEnabled('security-once')) middlewares.extend('strapi::security', () => security);
  if (cheapWinEnabled('quiet-logger')) middlewares.extend('strapi::logger', () => logger);
};
