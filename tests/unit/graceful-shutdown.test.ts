import http from 'node:http';
import net from 'node:net';

import {
  delayBeforeDrain,
  READINESS_WATCH_WINDOW_MS,
  SHUTDOWN_DELAY_DEFAULT_MS,
  SHUTDOWN_GRACE_DEFAULT_MS,
  shutdownDelayMs,
  shutdownGraceMs,
  trackRequests,
} from '../../src/lib/graceful-shutdown';

/** A real HTTP server whose /slow answers when the test says so. */
const startServer = async () => {
  const held: Array<() => void> = [];
  const server = http.createServer((request, response) => {
    if (request.url === '/slow') {
      held.push(() => response.end('slow done'));
      return;
    }
    response.end('fast');
  });
  const tracker = trackRequests(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return { server, tracker, port, held, release: () => held.splice(0).forEach((answer) => answer()) };
};

/** One GET on a connection of its own; resolves with the status, body and Connection header. */
const get = (port: number, path: string, agent?: http.Agent) =>
  new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: agent ?? false }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body, connection: response.headers.connection }));
      })
      .on('error', reject);
  });

const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe('graceful shutdown', () => {
  it('reads SHUTDOWN_GRACE_MS, 10 s by default', () => {
    expect(shutdownGraceMs({})).toBe(SHUTDOWN_GRACE_DEFAULT_MS);
    expect(SHUTDOWN_GRACE_DEFAULT_MS).toBe(10000);
    expect(shutdownGraceMs({ SHUTDOWN_GRACE_MS: '2500' })).toBe(2500);
    expect(() => shutdownGraceMs({ SHUTDOWN_GRACE_MS: 'soon' })).toThrow(/SHUTDOWN_GRACE_MS must be a whole number/);
  });

  it('finishes the request in flight, refuses new connections, and resolves as soon as nothing is in flight', async () => {
    const { tracker, port, held, release } = await startServer();
    const slow = get(port, '/slow');
    await waitFor(() => held.length === 1);
    expect(tracker.inFlight()).toBe(1);

    const drained = tracker.drain(5000);
    await expect(get(port, '/fast')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    release();
    expect(await slow).toMatchObject({ status: 200, body: 'slow done', connection: 'close' });
    const result = await drained;
    expect(result.cutOff).toBe(0);
    expect(result.ms).toBeLessThan(5000);
  });

  it('stops waiting when the grace runs out, reporting what it cut off', async () => {
    const { server, tracker, port, held } = await startServer();
    const slow = get(port, '/slow').catch((error) => error);
    await waitFor(() => held.length === 1);
    const started = Date.now();
    const result = await tracker.drain(200);
    expect(result.cutOff).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
    server.closeAllConnections();
    expect(await slow).toMatchObject({ code: 'ECONNRESET' });
  });

  it('resolves at once with nothing in flight, closing idle keep-alive connections', async () => {
    const { server, tracker, port } = await startServer();
    const agent = new http.Agent({ keepAlive: true });
    expect((await get(port, '/fast', agent)).status).toBe(200);
    const closed = new Promise<void>((resolve) => server.on('close', () => resolve()));
    expect(await tracker.drain(5000)).toEqual({ cutOff: 0, ms: expect.any(Number) });
    // The server's close callback fires only once every connection, the idle one included, is gone.
    await closed;
    agent.destroy();
  });

  it('drains a server that never listened without throwing', async () => {
    const server = http.createServer();
    await expect(trackRequests(server).drain(100)).resolves.toEqual({ cutOff: 0, ms: expect.any(Number) });
  });

  it('reads SHUTDOWN_DELAY_MS, 5 s by default, 0 turning it off', () => {
    expect(shutdownDelayMs({})).toBe(SHUTDOWN_DELAY_DEFAULT_MS);
    expect(SHUTDOWN_DELAY_DEFAULT_MS).toBe(5000);
    expect(shutdownDelayMs({ SHUTDOWN_DELAY_MS: '0' })).toBe(0);
    expect(shutdownDelayMs({ SHUTDOWN_DELAY_MS: '1500' })).toBe(1500);
    expect(() => shutdownDelayMs({ SHUTDOWN_DELAY_MS: '-1' })).toThrow(/SHUTDOWN_DELAY_MS must be a whole number, at least 0/);
  });

  it('delays the drain only while a health checker watches the instance', () => {
    const now = 1_000_000;
    expect(delayBeforeDrain({ delayMs: 5000, lastReadinessCheckAt: now - 250, now })).toBe(5000);
    expect(delayBeforeDrain({ delayMs: 5000, lastReadinessCheckAt: now - READINESS_WATCH_WINDOW_MS, now })).toBe(5000);
    expect(delayBeforeDrain({ delayMs: 5000, lastReadinessCheckAt: now - READINESS_WATCH_WINDOW_MS - 1, now })).toBe(0);
    expect(delayBeforeDrain({ delayMs: 5000, lastReadinessCheckAt: undefined, now })).toBe(0);
    expect(delayBeforeDrain({ delayMs: 0, lastReadinessCheckAt: now, now })).toBe(0);
  });

  it('while leaving, still accepts connections and answers, each answer closing its connection', async () => {
    const { server, tracker, port } = await startServer();
    const agent = new http.Agent({ keepAlive: true });
    expect(await get(port, '/fast', agent)).toMatchObject({ status: 200, connection: 'keep-alive' });
    tracker.leave();
    // The kept-alive connection carries one more request, answered with Connection: close ...
    expect(await get(port, '/fast', agent)).toMatchObject({ status: 200, body: 'fast', connection: 'close' });
    // ... and a new connection is still accepted, and answered the same way.
    expect(await get(port, '/fast')).toMatchObject({ status: 200, body: 'fast', connection: 'close' });
    expect(server.listening).toBe(true);
    await tracker.drain(1000);
    agent.destroy();
  });
});
