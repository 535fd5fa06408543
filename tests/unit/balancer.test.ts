import http from 'node:http';
import net from 'node:net';

import { createBalancer, endToEndHeaders, healthVerdict, retryable, rotationOrder, type Balancer } from '../helpers/balancer';

describe('the test balancer, its pure rules', () => {
  it('drops hop-by-hop headers and those Connection names, keeps the rest in order', () => {
    expect(
      endToEndHeaders(['Host', 'a', 'Connection', 'keep-alive, X-Private', 'Keep-Alive', 'timeout=5', 'X-Private', '1', 'Transfer-Encoding', 'chunked', 'Content-Type', 'text/plain', 'set-cookie', 'a=1', 'set-cookie', 'b=2'])
    ).toEqual(['Host', 'a', 'Content-Type', 'text/plain', 'set-cookie', 'a=1', 'set-cookie', 'b=2']);
  });

  it('goes round the instances in rotation, starting after the previous one', () => {
    const healthy = (name: string) => name !== 'b';
    expect(rotationOrder(['a', 'b', 'c'], healthy, 0)).toEqual(['a', 'c']);
    expect(rotationOrder(['a', 'b', 'c'], healthy, 1)).toEqual(['c', 'a']);
    expect(rotationOrder(['a', 'b', 'c'], healthy, 2)).toEqual(['a', 'c']);
    expect(rotationOrder(['a', 'b', 'c'], () => false, 5)).toEqual([]);
    expect(rotationOrder([], () => true, 3)).toEqual([]);
  });

  it('keeps only a 200 in rotation', () => {
    expect(healthVerdict(200)).toBe(true);
    for (const status of [undefined, 204, 301, 404, 500, 503]) expect(healthVerdict(status)).toBe(false);
  });

  it('retries only a failure to connect, never one after the request was sent', () => {
    expect(retryable({ connected: false, code: 'ECONNREFUSED' })).toBe(true);
    expect(retryable({ connected: false, code: 'ECONNRESET' })).toBe(true);
    expect(retryable({ connected: true, code: 'ECONNRESET' })).toBe(false);
    expect(retryable({ connected: true, code: 'EPIPE' })).toBe(false);
    expect(retryable({ connected: false, code: 'ERR_SOMETHING_ELSE' })).toBe(false);
    expect(retryable({ connected: false })).toBe(false);
  });
});

/** A small instance: `/_ready` answers `ready`, everything else its name (POST: the body's byte count). */
const instance = async (name: string) => {
  const state = { ready: 200, requests: 0 };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    if (request.url === '/_ready') {
      response.writeHead(state.ready).end();
      return;
    }
    state.requests += 1;
    if (request.url === '/hang-up') {
      request.socket.destroy();
      return;
    }
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => response.writeHead(200, { 'content-type': 'text/plain', 'x-instance': name }).end(request.method === 'POST' ? `${name}:${bytes}` : name));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    name,
    port,
    state,
    server,
    /** stops listening and drops every connection: the next connect is refused */
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
};

const get = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
};

describe('the test balancer in front of real HTTP servers', () => {
  let balancer: Balancer | undefined;
  const servers: Array<Awaited<ReturnType<typeof instance>>> = [];
  const start = async (name: string) => {
    const server = await instance(name);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    await balancer?.close();
    balancer = undefined;
    await Promise.all(servers.splice(0).map((server) => (server.server.listening ? server.close() : undefined)));
  });

  it('answers 503 with no instance in rotation, then shares requests round-robin and counts them', async () => {
    balancer = await createBalancer({ intervalMs: 30 });
    expect((await get(`${balancer.url}/x`)).status).toBe(503);
    const [a, b] = [await start('a'), await start('b')];
    balancer.add('a', { port: a.port });
    balancer.add('b', `http://127.0.0.1:${b.port}`);
    await balancer.waitFor('a');
    await balancer.waitFor('b');
    const bodies: string[] = [];
    for (let index = 0; index < 10; index += 1) bodies.push((await get(`${balancer.url}/x`)).body);
    expect(bodies.filter((body) => body === 'a')).toHaveLength(5);
    expect(bodies.filter((body) => body === 'b')).toHaveLength(5);
    expect(balancer.stats()).toMatchObject({ a: { served: 5, inRotation: true }, b: { served: 5, inRotation: true } });
    expect(balancer.totals()).toEqual({ requests: 11, unavailable: 1, failed: 0, retried: 0 });
  });

  it('takes an instance out while its health check fails and back once it passes', async () => {
    balancer = await createBalancer({ intervalMs: 30 });
    const [a, b] = [await start('a'), await start('b')];
    balancer.add('a', { port: a.port });
    balancer.add('b', { port: b.port });
    await balancer.waitFor('a');
    await balancer.waitFor('b');
    a.state.ready = 503;
    await balancer.waitFor('a', { inRotation: false, timeoutMs: 5000 });
    const before = a.state.requests;
    for (let index = 0; index < 6; index += 1) expect((await get(`${balancer.url}/x`)).body).toBe('b');
    expect(a.state.requests).toBe(before);
    a.state.ready = 200;
    await balancer.waitFor('a', { timeoutMs: 5000 });
    const bodies = await Promise.all([1, 2, 3, 4].map(() => get(`${balancer!.url}/x`).then((answer) => answer.body)));
    expect(bodies).toContain('a');
  });

  it('retries a refused connection on the next instance, uploads included, and takes the refusing one out', async () => {
    // Checks too rare to notice the stop: only the retry saves these requests.
    balancer = await createBalancer({ intervalMs: 60_000 });
    const [a, b] = [await start('a'), await start('b')];
    balancer.add('a', { port: a.port });
    balancer.add('b', { port: b.port });
    await balancer.waitFor('a');
    await balancer.waitFor('b');
    await a.close();
    const upload = Buffer.alloc(256 * 1024, 7);
    const answers = await Promise.all([
      get(`${balancer.url}/x`),
      get(`${balancer.url}/x`),
      fetch(`${balancer.url}/upload`, { method: 'POST', body: upload }).then(async (response) => ({ status: response.status, body: await response.text() })),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.map((answer) => answer.body)).toEqual(['b', 'b', `b:${upload.length}`]);
    expect(balancer.totals().retried).toBeGreaterThanOrEqual(1);
    expect(balancer.totals().failed).toBe(0);
    expect(balancer.stats().a.inRotation).toBe(false);
  });

  it('does not retry once the request was sent: 502 and a failure counted', async () => {
    balancer = await createBalancer({ intervalMs: 30 });
    const a = await start('a');
    balancer.add('a', { port: a.port });
    await balancer.waitFor('a');
    const answer = await get(`${balancer.url}/hang-up`);
    expect(answer.status).toBe(502);
    expect(answer.body).toContain('bad gateway: a');
    expect(balancer.totals()).toMatchObject({ failed: 1, retried: 0 });
    expect(a.state.requests).toBe(1);
  });

  it('streams the request body and the answer instead of buffering them', async () => {
    let seen: (bytes: number) => void = () => {};
    let sendRest: () => void = () => {};
    const server = http.createServer((request, response) => {
      if (request.url === '/_ready') return void response.writeHead(200).end();
      // The first part of the answer goes before the body has ended; the rest once it has.
      let bytes = 0;
      request.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        seen(bytes);
      });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first;');
      sendRest = () => response.end('rest');
      request.on('end', () => sendRest());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      balancer = await createBalancer({ intervalMs: 30 });
      balancer.add('s', { port: (server.address() as net.AddressInfo).port });
      await balancer.waitFor('s');
      const firstBytesArrived = new Promise<void>((resolve) => (seen = (bytes) => bytes >= 1000 && resolve()));
      const received: string[] = [];
      const firstChunk = new Promise<void>((resolve) => {
        const request = http.request({ host: '127.0.0.1', port: balancer!.port, method: 'POST', path: '/stream', headers: { 'content-type': 'application/octet-stream' } }, (response) => {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            received.push(chunk);
            resolve();
          });
        });
        request.write(Buffer.alloc(1000, 1));
        // The rest of the body is sent only once the instance has seen the first part: a
        // buffering proxy would wait for it and this test would time out.
        void firstBytesArrived.then(() => request.end(Buffer.alloc(10, 1)));
      });
      await firstBytesArrived;
      await firstChunk;
      expect(received.join('')).toContain('first;');
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  });

  it('removes an instance at run time and keeps what it served in the counts', async () => {
    balancer = await createBalancer({ intervalMs: 30 });
    const [a, b] = [await start('a'), await start('b')];
    balancer.add('a', { port: a.port });
    balancer.add('b', { port: b.port });
    await balancer.waitFor('a');
    await balancer.waitFor('b');
    await get(`${balancer.url}/x`);
    await get(`${balancer.url}/x`);
    balancer.remove('a');
    expect(balancer.inRotation()).toEqual(['b']);
    for (let index = 0; index < 4; index += 1) expect((await get(`${balancer.url}/x`)).body).toBe('b');
    expect(balancer.stats().a).toEqual({ served: 1, serverErrors: 0, retried: 0, failed: 0, inRotation: false });
    expect(balancer.stats().b.served).toBe(5);
    expect(() => balancer!.add('b', { port: b.port })).toThrow(/already/);
  });
});
