import type { Core } from '@strapi/strapi';

import { bootstrapResponseCache, destroyResponseCache, registerResponseCache } from './response-cache';
import { ensureDevelopmentAdmin } from './bootstrap/dev-admin';
import { ensureLocales } from './bootstrap/locales';
import { ensurePublicPermissions } from './bootstrap/public-permissions';
import { registerReadiness } from './bootstrap/readiness';
import { forgetGracefulShutdown, installGracefulShutdown } from './bootstrap/shutdown';
import { holdStartupLock, releaseHeldStartupLock } from './bootstrap/startup-lock';
import { grantLocalesToStockRoles } from './bootstrap/stock-roles';
import { seedOnEmpty } from './bootstrap/seed';
import { ensureSignUpSetting } from './bootstrap/sign-up';
import { ensureUniqueIndexes } from './bootstrap/unique-indexes';
import { checkUploadStorage, guardUploadStorage } from './bootstrap/upload-storage';
import { registerGraphqlContract } from './content-api/graphql-contract';
import { registerQueryGuard } from './content-api/query-guard';
import { registerFormatRules } from './document-middlewares/format-rules';
import { registerKeepDrafts } from './document-middlewares/keep-drafts';
import { registerKeys } from './document-middlewares/keys';
import { registerLocaleGuard } from './document-middlewares/locale-guard';
import { registerPublishedOnly } from './document-middlewares/published-only';
import { registerSerialisedWrites } from './document-middlewares/serialised-writes';
import { registerSlugs } from './document-middlewares/slugs';
import { registerUniqueValues } from './document-middlewares/unique-values';
import { registerOpenApi } from './openapi';
import { registerPreview } from './preview';
import { registerReadModel } from './read-model';
import { bootstrapReadPath, registerLeanStrapiMiddlewares } from './read-path';

let readModel: ReturnType<typeof registerReadModel> | undefined;

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // First: several instances starting at once on one database start one after the other, from
    // before Strapi's schema sync to the end of bootstrap() below (docs/operations.md).
    await holdStartupLock(strapi);
    guardUploadStorage(strapi);
    registerSerialisedWrites(strapi);
    // Before the slug and key middlewares: their look-ups run in its transaction, and a value the
    // database refuses makes it run the whole call again.
    registerUniqueValues(strapi);
    registerKeepDrafts(strapi);
    registerResponseCache(strapi);
    registerQueryGuard(strapi);
    registerPublishedOnly(strapi);
    registerLocaleGuard(strapi);
    registerFormatRules(strapi);
    registerSlugs(strapi);
    registerKeys(strapi);
    registerGraphqlContract(strapi);
    registerOpenApi(strapi);
    registerLeanStrapiMiddlewares(strapi);
    // Last: its transaction wraps the write itself, inside the locks and checks above.
    readModel = registerReadModel(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    try {
      // First: a missing bucket or refused credentials stop the start before anything else runs.
      await checkUploadStorage();
      await bootstrapResponseCache(strapi);
      await readModel?.bootstrap();
      await ensureUniqueIndexes(strapi);
      await ensureLocales(strapi);
      await grantLocalesToStockRoles(strapi);
      await ensureSignUpSetting(strapi);
      await ensurePublicPermissions(strapi);
      await seedOnEmpty(strapi);
      await ensureDevelopmentAdmin(strapi);
    } finally {
      await releaseHeldStartupLock(strapi);
    }
    bootstrapReadPath(strapi);
    registerReadiness(strapi);
    registerPreview(strapi);
    installGracefulShutdown(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    // A start that failed before the end of bootstrap() still holds it.
    await releaseHeldStartupLock(strapi);
    forgetGracefulShutdown(strapi);
    await readModel?.destroy();
    await destroyResponseCache(strapi);
  },
};
