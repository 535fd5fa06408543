import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * GET /_ready (#19; docs/operations.md, "Load balancer health checks") on a real Strapi: 200 while
 * the database answers, no token needed, never cached; with Redis configured and not answering,
 * 503 naming it. (tests/faults/shutdown-readiness.test.ts cuts PostgreSQL and Redis off under
 * production servers.)
 */
describe('readiness without Redis', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 200 naming the database, with no Redis entry, uncached and without a token', async () => {
    const res = await app.http().get('/_ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', database: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-cache']).toBeUndefined();
    // Liveness stays Strapi's.
    expect((await app.http().get('/_health')).status).toBe(204);
  });
});

describe('readiness with a Redis that does not answer', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Nothing listens there (as in response-cache.test.ts).
    app = await startTestApp({ RESPONSE_CACHE_ENABLED: 'true', REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 503 naming Redis, within the check’s bound', async () => {
    const started = Date.now();
    const res = await app.http().get('/_ready');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', database: 'ok', redis: 'failed' });
  });
});
