import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { readLimit } from './input-limits';

/** How long a stopping instance waits for the requests it is answering (docs/operations.md, "Stopping an instance"). */
export const SHUTDOWN_GRACE_DEFAULT_MS = 10000;

export const shutdownGraceMs = (env: Record<string, string | undefined>): number => readLimit(env, 'SHUTDOWN_GRACE_MS', SHUTDOWN_GRACE_DEFAULT_MS);

/**
 * How long a stopping instance goes on serving, with `/_ready` answering 503, before it stops
 * listening (docs/operations.md, "Rolling deploy"): the time its load balancer needs to see the
 * 503 and take it out of rotation. Stopping to listen and closing kept-alive connections before
 * that loses requests: the balancer still sends new ones, and reuses a connection at the moment
 * the server closes it (a reset after the request was sent, which no balancer may retry for a
 * POST). 0 turns it off.
 */
export const SHUTDOWN_DELAY_DEFAULT_MS = 5000;

/** Without a `/_ready` request for this long, no load balancer is watching: no delay. */
export const READINESS_WATCH_WINDOW_MS = 30_000;

export const shutdownDelayMs = (env: Record<string, string | undefined>): number => {
  const raw = env.SHUTDOWN_DELAY_MS?.trim();
  if (!raw) return SHUTDOWN_DELAY_DEFAULT_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`SHUTDOWN_DELAY_MS must be a whole number, at least 0 (got "${raw}")`);
  return value;
};

/**
 * The delay this stop gets: the configured one while a health checker is watching (a `/_ready`
 * request in the last READINESS_WATCH_WINDOW_MS), none otherwise: an instance no balancer
 * routes to (a developer's Ctrl-C, a one-off server) has nobody to wait for.
 */
export const delayBeforeDrain = ({ delayMs, lastReadinessCheckAt, now }: { delayMs: number; lastReadinessCheckAt: number | undefined; now: number }): number =>
  lastReadinessCheckAt !== undefined && now - lastReadinessCheckAt <= READINESS_WATCH_WINDOW_MS ? delayMs : 0;

export interface DrainResult {
  /** requests still unanswered when the grace ran out (their connections are then closed) */
  cutOff: number;
  /** how long the drain took */
  ms: number;
}

export interface RequestTracker {
  /** requests received and not yet answered */
  inFlight(): number;
  /**
   * Still listening and answering, but every answer from now on carries `Connection: close`:
   * the load balancer's kept-alive connections end one by one, each after an answer (never under
   * a request), so that few are left when drain() closes the idle ones.
   */
  leave(): void;
  /**
   * Stops accepting connections (the listening socket closes: new ones are refused), closes idle
   * keep-alive connections, answers every request still arriving on a busy one with
   * `Connection: close`, and resolves once no request is in flight or `graceMs` have passed.
   */
  drain(graceMs: number): Promise<DrainResult>;
}

/** Counts `server`'s requests from now on, for a drain. */
export const trackRequests = (server: Server): RequestTracker => {
  const active = new Set<ServerResponse>();
  let leaving = false;
  let draining = false;
  let settled: (() => void) | undefined;

  // Before the app's own handler, which may answer at once.
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    active.add(response);
    // The connection closes after this answer: the client opens its next one elsewhere.
    if ((leaving || draining) && !response.headersSent) response.shouldKeepAlive = false;
    response.once('close', () => {
      active.delete(response);
      if (active.size === 0) settled?.();
    });
  });

  return {
    inFlight: () => active.size,
    leave() {
      leaving = true;
      for (const response of active) if (!response.headersSent) response.shouldKeepAlive = false;
    },
    async drain(graceMs) {
      const started = Date.now();
      draining = true;
      for (const response of active) if (!response.headersSent) response.shouldKeepAlive = false;
      // Node's close() also closes the idle keep-alive connections (Node 19+); the callback only
      // swallows "not running" (a server that never listened).
      if (server.listening) server.close(() => undefined);
      server.closeIdleConnections?.();
      if (active.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, graceMs);
          settled = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      settled = undefined;
      return { cutOff: active.size, ms: Date.now() - started };
    },
  };
};
