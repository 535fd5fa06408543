import { startTestApp, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const ROUTES = ['/api/auth/local', '/api/auth/local/register', '/api/auth/forgot-password', '/admin/forgot-password'];
const deepArray = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const manyKeys = (count: number) => JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i])));
const users = () => app.strapi.db.query('plugin::users-permissions.user').count();

/** A refusal in Strapi's error shape: a 400 with a small body naming the problem and its path. */
const expectRefused = (res: any, message: RegExp) => {
  expect(res.status).toBe(400);
  expect(res.text.length).toBeLessThan(2048);
  expect(res.body).toMatchObject({ data: null, error: { status: 400, name: 'ValidationError' } });
  expect(res.body.error.message).toMatch(message);
  expect(res.body.error.details.errors[0]).toEqual({ path: expect.any(Array), message: expect.any(String), name: 'ValidationError' });
};

describe('parsed request bodies are bounded before any handler runs', () => {
  it.each(ROUTES)('%s: a JSON array 2,000 and 3,000 levels deep is a small 400', async (route) => {
    const before = await users();
    for (const levels of [2000, 3000]) {
      const res = await app.http().post(route).set('Content-Type', 'application/json').send(deepArray(levels));
      expectRefused(res, /nested more than \d+ levels deep/);
    }
    expect(await users()).toBe(before);
  });

  it.each(ROUTES)('%s: a JSON object with 20,000 keys is a small 400', async (route) => {
    const res = await app.http().post(route).set('Content-Type', 'application/json').send(manyKeys(20000));
    expectRefused(res, /more than \d+ keys and items/);
  });

  it('a deep urlencoded form body is a 400, not a silently flattened key', async () => {
    const res = await app
      .http()
      .post('/api/auth/local')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`identifier${'[a]'.repeat(40)}=x&password=y`);
    expectRefused(res, /nested more than \d+ levels deep/);
  });

  it('an ordinary body still reaches the handler', async () => {
    const res = await app.http().post('/admin/forgot-password').send({ email: 'nobody@example.edu' });
    expect(res.status).toBeLessThan(300);
  });

  it('five deep bodies at once are all answered quickly', async () => {
    // One listening server for the five (supertest would start one per request).
    const server = app.strapi.server.httpServer;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const started = Date.now();
      const responses = await Promise.all(
        ROUTES.concat(ROUTES[0]).map(async (route) => {
          const res = await fetch(`http://127.0.0.1:${port}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deepArray(3000) });
          return { status: res.status, text: await res.text() };
        })
      );
      expect(Date.now() - started).toBeLessThan(2000);
      for (const res of responses) {
        expect(res.status).toBe(400);
        expect(res.text.length).toBeLessThan(2048);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('query strings are bounded', () => {
  it('a query string nested deeper than the limit is a 400 naming the parameter', async () => {
    const res = await app.http().get(`/api/articles?filters${'[$and][0]'.repeat(15)}[title][$eq]=x`);
    expectRefused(res, /nested more than \d+ levels deep/);
    expect(res.body.error.details.errors[0].path).toEqual(['filters']);
  });

  it('a query string with too many parameters is a 400', async () => {
    const query = Array.from({ length: 600 }, (_, i) => `fields[${i}]=title`).join('&');
    const res = await app.http().get(`/api/articles?${query}`);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(2048);
    expect(res.body.error.name).toBe('ValidationError');
  });

  it('an ordinary query string still works', async () => {
    const res = await app.http().get('/api/articles?locale=en&filters[$and][0][title][$containsi]=x&populate[institutions][fields][0]=name');
    expect(res.status).toBe(200);
  });
});

describe('error bodies are bounded and never echo the input back', () => {
  it('a validation error on a large value stays small', async () => {
    // The admin's own validator used to print the whole value into its message.
    const value = 'x'.repeat(200000);
    const res = await app.http().post('/admin/forgot-password').send([value]);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(4096);
    expect(res.text).not.toContain('x'.repeat(1000));
  });
});
