import type { Core } from '@strapi/strapi';

import { describeSummary, seed } from '../records/seed';

/**
 * Loads the reference content when the database has no article, so a fresh clone shows the
 * reference page in three languages. On by default outside production; SEED_ON_EMPTY overrides.
 */
export const seedOnEmpty = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const setting = (env.SEED_ON_EMPTY ?? '').trim().toLowerCase();
  const enabled = setting === '' ? env.NODE_ENV !== 'production' : ['1', 'true', 'yes', 'on'].includes(setting);
  if (!enabled) return null;
  if ((await strapi.db.query('api::article.article').count()) > 0) return null;

  const summary = await seed(strapi);
  if (summary.problems.length > 0) {
    for (const problem of summary.problems) strapi.log.error(`seed: record ${problem.line}: ${problem.message}`);
    throw new Error(`seed: the reference content has ${summary.problems.length} problem(s); nothing was loaded`);
  }
  strapi.log.info(`seed: reference content loaded: ${describeSummary(summary)}`);
  return summary;
};
