import type { Core } from '@strapi/strapi';

import { shutdownGraceMs, trackRequests } from '../lib/graceful-shutdown';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
const stopping = new WeakSet<Core.Strapi>();

/** Whether this instance received SIGTERM or SIGINT: readiness then answers 503. */
export const isShuttingDown = (strapi: Core.Strapi) => stopping.has(strapi);

/**
 * Graceful shutdown (docs/operations.md, "Stopping an instance"). Strapi's own signal handler
 * (createStrapi's destroyOnSignal) runs strapi.destroy() and exits 0: it runs the destroy
 * lifecycles (the response cache's Redis connection), stops the cron, then destroys every HTTP
 * connection, in-flight requests included, and closes the database pool. What it lacks is the
 * drain before that, so this puts one in front of it: on the first signal, stop listening (new
 * connections are refused), let the requests in flight finish, for SHUTDOWN_GRACE_MS at most,
 * then hand over to the handlers that were there (Strapi's). Later signals are ignored, as
 * Strapi's handler ignores them (`npm start` passes a terminal's Ctrl-C on, so it arrives twice);
 * SIGKILL stops at once.
 */
export const installGracefulShutdown = (strapi: Core.Strapi) => {
  const graceMs = shutdownGraceMs(process.env);
  const tracker = trackRequests(strapi.server.httpServer);
  const handOver = Object.fromEntries(SIGNALS.map((signal) => [signal, process.listeners(signal)]));

  const onSignal = async (signal: NodeJS.Signals) => {
    if (stopping.has(strapi)) return;
    stopping.add(strapi);
    strapi.log.info(`${signal}: no new connections; waiting up to ${graceMs} ms for ${tracker.inFlight()} request(s) in flight`);
    const { cutOff, ms } = await tracker.drain(graceMs);
    if (cutOff > 0) strapi.log.warn(`shutdown: ${cutOff} request(s) still unanswered after ${graceMs} ms (SHUTDOWN_GRACE_MS) are cut off`);
    else strapi.log.info(`shutdown: requests in flight answered in ${ms} ms`);
    for (const listener of handOver[signal]) (listener as (signal: NodeJS.Signals) => void)(signal);
  };

  for (const signal of SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, onSignal);
  }
};
