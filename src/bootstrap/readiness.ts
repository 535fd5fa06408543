import type { Core } from '@strapi/strapi';

import { readinessAnswer, runChecks, type Check } from '../lib/readiness';
import { responseCacheOf } from '../response-cache';
import { isShuttingDown, readinessChecked } from './shutdown';

export const READINESS_PATH = '/_ready';

/**
 * GET /_ready (docs/operations.md, "Load balancer health checks"): 200 when the database answers
 * a trivial query and, when the response cache uses Redis, Redis answers PING, each within
 * READINESS_TIMEOUT_MS; 503 naming which failed (never why), or while the instance shuts down.
 * Beside Strapi's /_health on its router: no auth, outside the content API (so never in the
 * response cache), and one `select 1` per call.
 */
export const registerReadiness = (strapi: Core.Strapi) => {
  strapi.server.router.get(READINESS_PATH, async (ctx: any) => {
    readinessChecked(strapi);
    let states = null;
    if (!isShuttingDown(strapi)) {
      const checks: Record<string, Check> = { database: () => strapi.db.connection.raw('select 1') };
      const store = responseCacheOf(strapi)?.store;
      if (store?.kind === 'redis') checks.redis = () => store.ping();
      states = await runChecks(checks);
    }
    const answer = readinessAnswer(states, { shuttingDown: isShuttingDown(strapi) });
    ctx.set('Cache-Control', 'no-store');
    ctx.status = answer.status;
    ctx.body = answer.body;
  });
};
