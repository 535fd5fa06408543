import type { Core } from '@strapi/strapi';

import { delayBeforeDrain, shutdownDelayMs, shutdownGraceMs, trackRequests, type RequestTracker } from '../lib/graceful-shutdown';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;
type Listener = (signal: NodeJS.Signals) => void;

const stopping = new WeakSet<Core.Strapi>();

/** Whether this instance received SIGTERM or SIGINT: readiness then answers 503. */
export const isShuttingDown = (strapi: Core.Strapi) => stopping.has(strapi);

const lastReadinessCheck = new WeakMap<Core.Strapi, number>();

/** A `/_ready` request arrived: a load balancer watches this instance, a stop waits for it to notice. */
export const readinessChecked = (strapi: Core.Strapi) => lastReadinessCheck.set(strapi, Date.now());

interface Entry {
  tracker: RequestTracker;
  /** SHUTDOWN_GRACE_MS and SHUTDOWN_DELAY_MS, read (and checked) when the instance started */
  graceMs: number;
  delayMs: number;
  /** the signal listeners found when it was installed (createStrapi's destroyOnSignal for it) */
  handOver: Record<(typeof SIGNALS)[number], Listener[]>;
}

/** The Strapi instances of this process that are running, in the order they started. */
const live = new Map<Core.Strapi, Entry>();

const onSignal = async (signal: NodeJS.Signals) => {
  const entries = [...live].filter(([strapi]) => !stopping.has(strapi));
  if (entries.length === 0) return;
  for (const [strapi] of entries) stopping.add(strapi);
  await Promise.all(
    entries.map(async ([strapi, { tracker, graceMs, delayMs: configuredDelayMs }]) => {
      try {
        const delayMs = delayBeforeDrain({ delayMs: configuredDelayMs, lastReadinessCheckAt: lastReadinessCheck.get(strapi), now: Date.now() });
        if (delayMs > 0) {
          strapi.log.info(`${signal}: /_ready answers 503; serving on for ${delayMs} ms (SHUTDOWN_DELAY_MS) while load balancers take this instance out`);
          tracker.leave();
          await new Promise((resolve) => setTimeout(resolve, delayMs));
        }
        strapi.log.info(`${signal}: no new connections; waiting up to ${graceMs} ms for ${tracker.inFlight()} request(s) in flight`);
        const { cutOff, ms } = await tracker.drain(graceMs);
        if (cutOff > 0) strapi.log.warn(`shutdown: ${cutOff} request(s) still unanswered after ${graceMs} ms (SHUTDOWN_GRACE_MS) are cut off`);
        else strapi.log.info(`shutdown: requests in flight answered in ${ms} ms`);
      } catch (error) {
        // Whatever failed in the drain, Strapi's own shutdown below still runs.
        strapi.log.error(`shutdown: the drain failed (${(error as Error)?.message}); shutting down at once`);
      }
    })
  );
  for (const [, { handOver }] of entries) for (const listener of handOver[signal as (typeof SIGNALS)[number]] ?? []) listener(signal);
};

/**
 * Graceful shutdown (docs/operations.md, "Stopping an instance"). Strapi's own signal handler
 * (createStrapi's destroyOnSignal) runs strapi.destroy() and exits 0: it runs the destroy
 * lifecycles (the response cache's Redis connection), stops the cron, then destroys every HTTP
 * connection, in-flight requests included, and closes the database pool. What it lacks is the
 * drain before that, so this puts one in front of it: on the first signal, answer 503 on
 * `/_ready` and, while a load balancer watches it, go on serving for SHUTDOWN_DELAY_MS so that it
 * takes the instance out of rotation first; then stop listening (new connections are refused),
 * let the requests in flight finish, for SHUTDOWN_GRACE_MS at most, then hand over to the
 * handlers that were there (Strapi's). Later signals are ignored, as
 * Strapi's handler ignores them (`npm start` passes a terminal's Ctrl-C on, so it arrives twice);
 * SIGKILL stops at once.
 *
 * One listener per signal for the whole process, installed once: a process that starts Strapi
 * several times (the test runner) gets one createStrapi listener per start, and each start's
 * install takes the ones added since into its own hand-over, instead of wrapping the previous
 * install's listener in a new one each time.
 */
export const installGracefulShutdown = (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  if (live.has(strapi)) return;
  // Read now, so that a bad value stops the start with its message instead of failing at SIGTERM.
  const graceMs = shutdownGraceMs(env);
  const delayMs = shutdownDelayMs(env);
  const handOver = { SIGTERM: [] as Listener[], SIGINT: [] as Listener[] };
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (listener === onSignal) continue;
      handOver[signal].push(listener as Listener);
      process.removeListener(signal, listener);
    }
    if (!process.listeners(signal).includes(onSignal)) process.on(signal, onSignal);
  }
  live.set(strapi, { tracker: trackRequests(strapi.server.httpServer), handOver, graceMs, delayMs });
};

/**
 * Strapi's destroy: the instance leaves the list, with the listeners it brought (its own
 * destroyOnSignal would destroy it a second time). With none left, the process's signals are
 * as before any start: no listener of ours.
 */
export const forgetGracefulShutdown = (strapi: Core.Strapi) => {
  live.delete(strapi);
  if (live.size === 0) for (const signal of SIGNALS) process.removeListener(signal, onSignal);
};

/** How many listeners of ours the process has per signal (for the tests: one at most). */
export const installedListeners = () => Object.fromEntries(SIGNALS.map((signal) => [signal, process.listeners(signal).filter((listener) => listener === onSignal).length]));
