import http from 'node:http';
import net from 'node:net';

/**
 * A round-robin HTTP load balancer for the fault suite, behaving like nginx or HAProxy in front
 * of several production servers:
 * - an active health check polls each instance's `/_ready` (every `intervalMs`, default 250 ms,
 *   answer within `checkTimeoutMs`): 200 puts it in rotation, anything else or no answer takes it
 *   out (HAProxy `option httpchk` with rise 1 / fall 1); a new instance starts out of rotation;
 * - each request goes to the next instance in rotation; when connecting to it fails before a byte
 *   of the request was sent (refused, reset or unreachable on connect), the request is retried on
 *   the next one (nginx `proxy_next_upstream error`) and the instance is taken out until its
 *   health check passes again (nginx `max_fails=1`); any other upstream error answers 502 (or cuts
 *   the client's connection when the answer had begun), as both do;
 * - request and response bodies are streamed, never buffered (uploads are multipart);
 * - connections to the instances are kept alive and reused (HAProxy's default, nginx `keepalive`);
 * - no instance in rotation: 503 at once.
 */

export interface BalancerOptions {
  /** the health-check path (default `/_ready`) */
  healthPath?: string;
  /** how often each instance is checked (default 250 ms) */
  intervalMs?: number;
  /** how long a check may take before it counts as failed (default 1000 ms) */
  checkTimeoutMs?: number;
  /** reuse connections to the instances (default true) */
  keepAlive?: boolean;
}

export interface InstanceStats {
  /** requests this instance answered (any status) */
  served: number;
  /** responses with status >= 500 from this instance */
  serverErrors: number;
  /** connect failures on this instance that were retried elsewhere */
  retried: number;
  /** upstream errors after the request had been sent (answered 502 or cut) */
  failed: number;
  /** whether its health check has it in rotation now */
  inRotation: boolean;
}

export interface BalancerTotals {
  requests: number;
  /** answered 503 because no instance was in rotation */
  unavailable: number;
  /** answered 502 or cut after an upstream error that could not be retried */
  failed: number;
  retried: number;
}

export interface Balancer {
  port: number;
  url: string;
  /** adds an instance (out of rotation until its first health check passes) */
  add(name: string, target: string | { host?: string; port: number }): void;
  /** takes an instance out of the balancer: no new request goes to it, requests in flight finish; its counts stay in `stats()` */
  remove(name: string): void;
  /** the names in rotation now, in round-robin order */
  inRotation(): string[];
  /** resolves once `name` is in rotation (or out of it, with `inRotation: false`) */
  waitFor(name: string, options?: { inRotation?: boolean; timeoutMs?: number }): Promise<void>;
  stats(): Record<string, InstanceStats>;
  totals(): BalancerTotals;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Pure logic

/** Hop-by-hop headers (RFC 9110 §7.6.1): a proxy never forwards them. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * Drops hop-by-hop headers, and those the `Connection` header names, from a raw header list
 * (`[name, value, name, value, ...]`, as Node gives `rawHeaders`).
 */
export const endToEndHeaders = (raw: string[]): string[] => {
  const named = new Set<string>();
  for (let index = 0; index < raw.length; index += 2) {
    if (raw[index].toLowerCase() === 'connection') {
      for (const token of raw[index + 1].split(',')) if (token.trim()) named.add(token.trim().toLowerCase());
    }
  }
  const kept: string[] = [];
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index].toLowerCase();
    if (!HOP_BY_HOP.has(name) && !named.has(name)) kept.push(raw[index], raw[index + 1]);
  }
  return kept;
};

/**
 * Round robin: the instances to try for one request, in order, starting after the one the
 * previous request went to (`cursor` counts requests), skipping those out of rotation.
 */
export const rotationOrder = (names: string[], healthy: (name: string) => boolean, cursor: number): string[] => {
  const inRotation = names.filter(healthy);
  if (inRotation.length === 0) return [];
  const start = ((cursor % inRotation.length) + inRotation.length) % inRotation.length;
  return [...inRotation.slice(start), ...inRotation.slice(0, start)];
};

/** What a health-check answer means: only 200 keeps an instance in rotation. */
export const healthVerdict = (status: number | undefined): boolean => status === 200;

/**
 * Whether an upstream error may be retried on the next instance: only when the connection to the
 * instance never opened, so that not a byte of the request reached it (nginx
 * `proxy_next_upstream error` for a connect failure; safe for any method, uploads included).
 */
export const retryable = (failure: { connected: boolean; code?: string }): boolean =>
  !failure.connected && ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE'].includes(failure.code ?? '');

// ---------------------------------------------------------------------------------------------
// The server

interface Upstream {
  name: string;
  host: string;
  port: number;
  agent: http.Agent;
  healthy: boolean;
  timer?: NodeJS.Timeout;
  checking: boolean;
  stats: Omit<InstanceStats, 'inRotation'>;
}

const parseTarget = (target: string | { host?: string; port: number }) => {
  if (typeof target !== 'string') return { host: target.host ?? '127.0.0.1', port: target.port };
  const url = new URL(target);
  return { host: url.hostname, port: Number(url.port || 80) };
};

export const createBalancer = async (options: BalancerOptions = {}): Promise<Balancer> => {
  const healthPath = options.healthPath ?? '/_ready';
  const intervalMs = options.intervalMs ?? 250;
  const checkTimeoutMs = options.checkTimeoutMs ?? 1000;
  const keepAlive = options.keepAlive ?? true;
  const upstreams = new Map<string, Upstream>();
  // Kept after an instance is removed, so a test can still read what it served.
  const counts = new Map<string, Omit<InstanceStats, 'inRotation'>>();
  const totals: BalancerTotals = { requests: 0, unavailable: 0, failed: 0, retried: 0 };
  let cursor = 0;
  let closed = false;

  const check = (upstream: Upstream) => {
    if (upstream.checking || closed) return;
    upstream.checking = true;
    const done = (status?: number) => {
      if (!upstream.checking) return;
      upstream.checking = false;
      if (upstreams.get(upstream.name) === upstream) upstream.healthy = healthVerdict(status);
    };
    // A connection of its own for each check, as nginx and HAProxy do.
    const request = http.get({ host: upstream.host, port: upstream.port, path: healthPath, agent: false, timeout: checkTimeoutMs }, (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode));
      response.on('error', () => done());
    });
    request.on('timeout', () => request.destroy(new Error('health check timed out')));
    request.on('error', () => done());
  };

  const forward = (request: http.IncomingMessage, response: http.ServerResponse, order: string[]) => {
    const upstream = upstreams.get(order[0]);
    if (!upstream) {
      totals.unavailable += 1;
      if (!response.headersSent) response.writeHead(503, { 'content-type': 'text/plain' });
      response.end('no instance in rotation\n');
      return;
    }
    let connected = false;
    let answered = false;
    const upstreamRequest = http.request({
      host: upstream.host,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers: endToEndHeaders(request.rawHeaders) as unknown as http.OutgoingHttpHeaders,
      agent: upstream.agent,
    });
    // Nothing is written until the connection is open, so a connect failure leaves the body unread
    // and the request can go to the next instance whole.
    upstreamRequest.on('socket', (socket: net.Socket) => {
      const start = () => {
        connected = true;
        request.pipe(upstreamRequest);
      };
      if (socket.connecting) socket.once('connect', start);
      else start();
    });
    upstreamRequest.on('response', (upstreamResponse) => {
      answered = true;
      upstream.stats.served += 1;
      if ((upstreamResponse.statusCode ?? 0) >= 500) upstream.stats.serverErrors += 1;
      response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.statusMessage, endToEndHeaders(upstreamResponse.rawHeaders) as unknown as http.OutgoingHttpHeaders);
      upstreamResponse.pipe(response);
      upstreamResponse.on('error', () => response.destroy());
      upstreamResponse.on('aborted', () => response.destroy());
    });
    upstreamRequest.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered && retryable({ connected, code: error.code })) {
        upstream.stats.retried += 1;
        totals.retried += 1;
        upstream.healthy = false;
        const rest = order.slice(1).filter((name) => upstreams.get(name)?.healthy);
        forward(request, response, rest);
        return;
      }
      upstream.stats.failed += 1;
      totals.failed += 1;
      if (answered || response.headersSent) {
        response.destroy();
      } else {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`bad gateway: ${upstream.name}: ${error.code ?? error.message}\n`);
      }
    });
    // The client gave up: so does the request to the instance.
    response.on('close', () => {
      if (!response.writableFinished) upstreamRequest.destroy();
    });
  };

  const server = http.createServer((request, response) => {
    totals.requests += 1;
    const order = rotationOrder([...upstreams.keys()], (name) => upstreams.get(name)!.healthy, cursor);
    cursor += 1;
    forward(request, response, order);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  const remove = (name: string) => {
    const upstream = upstreams.get(name);
    if (!upstream) return;
    upstreams.delete(name);
    clearInterval(upstream.timer);
    // Idle connections go now; those in use close once their request is answered.
    setTimeout(() => upstream.agent.destroy(), 30_000).unref();
  };

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    add(name, target) {
      if (upstreams.has(name)) throw new Error(`the balancer already has an instance named ${name}`);
      if (!counts.has(name)) counts.set(name, { served: 0, serverErrors: 0, retried: 0, failed: 0 });
      const upstream: Upstream = {
        name,
        ...parseTarget(target),
        agent: new http.Agent({ keepAlive, maxSockets: 64 }),
        healthy: false,
        checking: false,
        stats: counts.get(name)!,
      };
      upstreams.set(name, upstream);
      check(upstream);
      upstream.timer = setInterval(() => check(upstream), intervalMs);
      upstream.timer.unref();
    },
    remove,
    inRotation: () => [...upstreams.values()].filter((upstream) => upstream.healthy).map((upstream) => upstream.name),
    async waitFor(name, { inRotation = true, timeoutMs = 60_000 } = {}) {
      const until = Date.now() + timeoutMs;
      while ((upstreams.get(name)?.healthy ?? false) !== inRotation) {
        if (Date.now() > until) throw new Error(`${name} is still ${inRotation ? 'out of' : 'in'} rotation after ${Math.round(timeoutMs / 1000)} s`);
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, intervalMs)));
      }
    },
    stats: () => Object.fromEntries([...counts].map(([name, stats]) => [name, { ...stats, inRotation: upstreams.get(name)?.healthy ?? false }])),
    totals: () => ({ ...totals }),
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const name of [...upstreams.keys()]) {
          const upstream = upstreams.get(name)!;
          remove(name);
          upstream.agent.destroy();
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
