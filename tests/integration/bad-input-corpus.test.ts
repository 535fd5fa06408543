import { graphqlCorpus, restCorpus, type BadCase, type Caller } from '../helpers/bad-input-corpus';
import { ARTICLE_UID, documents, INSTITUTION_UID, snapshotDatabase, SOURCE_UID } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * The generated bad-input corpus (tests/helpers/bad-input-corpus.ts): hundreds of malformed reads
 * and writes across the three types, REST and GraphQL, public and with an API token. None is
 * answered with a 5xx, every refusal says what is wrong (and where, for validation errors), no
 * error body carries a stack, and the database is the same after each.
 */

let app: TestApp;
let token: string;
const documentIds: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  token = await app.adminToken();
  const source = await documents(app.strapi, SOURCE_UID).create({ locale: 'en', data: { name: 'China News Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' } });
  await documents(app.strapi, SOURCE_UID).publish({ documentId: source.documentId, locale: 'en' });
  const institution = await documents(app.strapi, INSTITUTION_UID).create({ locale: 'en', data: { name: 'Bohai University', website: 'https://www.bhu.edu.cn/' } });
  await documents(app.strapi, INSTITUTION_UID).publish({ documentId: institution.documentId, locale: 'en' });
  const article = await documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: 'Seminar', date: '2025-03-22', source: source.documentId } });
  await documents(app.strapi, ARTICLE_UID).publish({ documentId: article.documentId, locale: 'en' });
  Object.assign(documentIds, { articles: article.documentId, sources: source.documentId, institutions: institution.documentId });
});

afterAll(async () => {
  await app?.stop();
});

const headers = (caller: Caller): Record<string, string> => (caller === 'token' ? { Authorization: `Bearer ${token}` } : {});

const send = (c: BadCase) => {
  const agent = app.http();
  let req = c.method === 'GET' ? agent.get(c.url) : c.method === 'POST' ? agent.post(c.url) : c.method === 'PUT' ? agent.put(c.url) : agent.delete(c.url);
  req = req.set(headers(c.caller));
  if (c.raw !== undefined) return req.set('Content-Type', 'application/json').send(c.raw);
  if (c.body !== undefined) return req.send(c.body as object);
  return req;
};

/** What is wrong with one answer; empty when it is a proper answer. */
const judge = (status: number, body: any, refuse: boolean): string[] => {
  const wrong: string[] = [];
  if (status >= 500) wrong.push(`status ${status}`);
  if (refuse && (status < 400 || status >= 500)) wrong.push(`expected a 4xx, got ${status}`);
  const text = JSON.stringify(body ?? '');
  if (/node_modules|\/work\/|at [A-Za-z.<>]+ \(/.test(text)) wrong.push('the body shows a stack or a server path');
  if (status >= 400 && status < 500 && body?.error) {
    if (typeof body.error.message !== 'string' || body.error.message.length < 5) wrong.push('no message a person can act on');
    if (body.error.name === 'ValidationError') {
      const errors = body.error.details?.errors;
      if (!Array.isArray(errors) || errors.length === 0 || !errors.every((e: any) => Array.isArray(e.path))) wrong.push('a validation error without the path of each bad field');
    }
  }
  return wrong;
};

it('REST: no malformed read or write gets a 5xx or changes anything', async () => {
  const cases = restCorpus(documentIds);
  const failures: string[] = [];
  let before = JSON.stringify(await snapshotDatabase(app.strapi));
  let readsSinceCheck = 0;
  for (const c of cases) {
    const res = await send(c);
    const wrong = judge(res.status, res.body, c.refuse);
    // Every write attempt is checked on its own; reads in runs of 25 (and at the end).
    readsSinceCheck = c.method === 'GET' ? readsSinceCheck + 1 : 25;
    if (readsSinceCheck >= 25 || c === cases[cases.length - 1]) {
      readsSinceCheck = 0;
      const after = JSON.stringify(await snapshotDatabase(app.strapi));
      if (after !== before) {
        wrong.push('the database changed');
        before = after;
      }
    }
    if (wrong.length > 0) failures.push(`${c.name}: ${wrong.join('; ')} — ${JSON.stringify(res.body).slice(0, 200)}`);
  }
  expect(cases.length).toBeGreaterThanOrEqual(500);
  expect(failures).toEqual([]);
}, 300_000);

it('GraphQL: no malformed query or mutation gets a 5xx, an internal error or changes anything', async () => {
  const cases = graphqlCorpus(documentIds);
  const failures: string[] = [];
  const before = JSON.stringify(await snapshotDatabase(app.strapi));
  for (const c of cases) {
    const res = await app.http().post('/graphql').set(headers(c.caller)).send({ query: c.query, variables: c.variables });
    const wrong = judge(res.status, res.body, false);
    const internal = (res.body?.errors ?? []).filter((e: any) => e?.extensions?.code === 'INTERNAL_SERVER_ERROR');
    if (internal.length > 0) wrong.push(`internal error: ${internal[0].message}`);
    // GraphQL's errors[], or the HTTP layer's error (a body the parser refused).
    if (c.refuse !== false && !res.body?.errors?.length && !res.body?.error) wrong.push('answered without an error');
    if (JSON.stringify(await snapshotDatabase(app.strapi)) !== before) wrong.push('the database changed');
    if (wrong.length > 0) failures.push(`${c.name}: ${wrong.join('; ')} — ${JSON.stringify(res.body).slice(0, 200)}`);
  }
  expect(cases.length).toBeGreaterThanOrEqual(200);
  expect(failures).toEqual([]);
}, 120_000);
