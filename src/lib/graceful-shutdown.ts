import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import { readLimit } from './input-limits';

/** How long a stopping instance waits for the requests it is answering (docs/operations.md, "Stopping an instance"). */
export const SHUTDOWN_GRACE_DEFAULT_MS = 10000;

export const shutdownGraceMs = (env: Record<string, string | undefined>): number => readLimit(env, 'SHUTDOWN_GRACE_MS', SHUTDOWN_GRACE_DEFAULT_MS);

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
   * Stops accepting connections (the listening socket closes: new ones are refused), closes idle
   * keep-alive connections, answers every request still arriving on a busy one with
   * `Connection: close`, and resolves once no request is in flight or `graceMs` have passed.
   */
  drain(graceMs: number): Promise<DrainResult>;
}

/** Counts `server`'s requests from now on, for a drain. */
export const trackRequests = (server: Server): RequestTracker => {
  const active = new Set<ServerResponse>();
  let draining = false;
  let settled: (() => void) | undefined;

  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    active.add(response);
    // The connection closes after this answer: the client opens its next one elsewhere.
    if (draining && !response.headersSent) response.shouldKeepAlive = false;
    response.once('close', () => {
      active.delete(response);
      if (active.size === 0) settled?.();
    });
  });

  return {
    inFlight: () => active.size,
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
