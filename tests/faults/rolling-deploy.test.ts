import { createBalancer, type Balancer } from '../helpers/balancer';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { productionEnv, startInstance, stopInstance, type Instance } from '../helpers/instances';

/**
 * A rolling deploy under read load loses no request (#19; docs/operations.md, "Rolling deploy").
 * Two production servers behind a load balancer that behaves like nginx or HAProxy
 * (tests/helpers/balancer.ts: /_ready checked every 250 ms, retry on the next instance only when
 * connecting fails, kept-alive upstream connections), several anonymous clients reading through
 * it for the whole test (REST detail by slug, REST list, GraphQL); then instance 1 gets SIGTERM
 * (it answers 503 on /_ready and serves on for SHUTDOWN_DELAY_MS, 5 s, before it stops listening
 * and drains: without that delay this test lost requests, reset on kept-alive connections the
 * balancer reused as the instance closed them) and, once it has exited, the new release's instance 1' starts and joins the rotation; then the
 * same for instance 2. Every answer is checked: a network error, a 5xx (the balancer's 502 and
 * 503 included) or a body that is not the expected JSON counts as a lost request; the count must
 * be zero, and the load must really have run through each phase and reached both new instances.
 */
jest.setTimeout(900_000);

const CLIENTS = 6;

let database: TestDatabase;
let balancer: Balancer;
let env: Record<string, string>;
const instances: Instance[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.client !== 'postgres') throw new Error('the fault suite runs on PostgreSQL: DATABASE_CLIENT=postgres');
  env = productionEnv({ ...database.env, LOG_LEVEL: 'info', SEED_ON_EMPTY: 'true' });
  balancer = await createBalancer();
}, 300_000);

afterAll(async () => {
  await balancer?.close();
  await Promise.all(instances.map((instance) => stopInstance(instance)));
  await database?.drop();
});

const start = async (name: string, release: string) => {
  const instance = await startInstance(name, { ...env, RELEASE_MARKER: release }, { timeoutMs: 300_000 });
  instances.push(instance);
  return instance;
};

/** One read and what makes its answer right. */
interface Read {
  name: string;
  send: () => Promise<Response>;
  check: (body: any) => boolean;
}

const reads = (slugs: string[]): Read[] => [
  ...slugs.map((slug) => ({
    name: `REST article ${slug}`,
    send: () => fetch(`${balancer.url}/api/articles/slug/${encodeURIComponent(slug)}?locale=en`),
    check: (body: any) => body?.data?.slug === slug,
  })),
  {
    name: 'REST article list',
    send: () => fetch(`${balancer.url}/api/articles?locale=en`),
    check: (body: any) => Array.isArray(body?.data) && body.data.length === slugs.length,
  },
  {
    name: 'GraphQL article list',
    send: () =>
      fetch(`${balancer.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ articles(locale: "en") { documentId slug title } }' }),
      }),
    check: (body: any) => !body?.errors && Array.isArray(body?.data?.articles) && body.data.articles.length === slugs.length,
  },
];

interface Phase {
  name: string;
  ok: number;
  lost: number;
}

/** Clients reading through the balancer until stopped, counting per phase. */
const readLoad = (list: Read[]) => {
  const phases: Phase[] = [];
  const failures: string[] = [];
  let phase: Phase = { name: 'warm-up', ok: 0, lost: 0 };
  let running = true;
  const client = async (offset: number) => {
    for (let index = offset; running; index += 1) {
      const read = list[index % list.length];
      const current = phase;
      let problem: string | null = null;
      try {
        const response = await read.send();
        const text = await response.text();
        if (response.status >= 500) problem = `${response.status} ${text.slice(0, 200)}`;
        else if (response.status !== 200) problem = `unexpected ${response.status} ${text.slice(0, 200)}`;
        else {
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            problem = `not JSON: ${text.slice(0, 200)}`;
          }
          if (!problem && !read.check(body)) problem = `unexpected body: ${text.slice(0, 200)}`;
        }
      } catch (error: any) {
        problem = `network error: ${error?.cause?.code ?? error?.cause?.message ?? error?.message}`;
      }
      if (problem) {
        current.lost += 1;
        if (failures.length < 30) failures.push(`${current.name}: ${read.name}: ${problem}`);
      } else {
        current.ok += 1;
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
  return {
    phases,
    failures,
    enter(name: string) {
      phase = { name, ok: 0, lost: 0 };
      phases.push(phase);
    },
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
};

/** SIGTERM, as a process manager sends it, and the exit it leads to. */
const terminate = async (instance: Instance) => {
  instance.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([instance.exited, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 60_000)))]);
  clearTimeout(timer);
  if (!exit) throw new Error(`${instance.name} did not exit within 60 s of SIGTERM:\n${instance.log.join('')}`);
  return exit;
};

it('replaces both instances one after the other under read load without losing a request', async () => {
  const old1 = await start('instance 1', 'old');
  const old2 = await start('instance 2', 'old');
  const slugs = ((await (await fetch(`${old1.base}/api/articles?locale=en`)).json()) as any).data.map((article: any) => article.slug as string);
  expect(slugs.length).toBeGreaterThan(0);

  balancer.add('1', { port: old1.port });
  balancer.add('2', { port: old2.port });
  await balancer.waitFor('1');
  await balancer.waitFor('2');

  const load = readLoad(reads(slugs));
  await sleep(1000);
  load.enter('before');
  await sleep(3000);

  const replace = async (name: string, old: Instance) => {
    load.enter(`${name}: stopping`);
    const exit = await terminate(old);
    expect([old.name, exit.code]).toEqual([old.name, 0]);
    // It went on serving, /_ready answering 503, until the balancer had taken it out (SHUTDOWN_DELAY_MS).
    expect(old.log.join('')).toContain('serving on for 5000 ms (SHUTDOWN_DELAY_MS)');
    // The operator (or the orchestrator) deregisters the old target once it has gone.
    balancer.remove(name);
    load.enter(`${name}': starting`);
    const fresh = await start(`instance ${name}'`, 'new');
    balancer.add(`${name}'`, { port: fresh.port });
    await balancer.waitFor(`${name}'`);
    load.enter(`${name}': in rotation`);
    await sleep(3000);
    return fresh;
  };
  await replace('1', old1);
  await replace('2', old2);
  await load.stop();

  const stats = balancer.stats();
  const lost = load.phases.reduce((sum, phase) => sum + phase.lost, 0);
  console.log(
    `rolling-deploy: lost ${lost}; ${load.phases.map((phase) => `${phase.name} ${phase.ok} ok/${phase.lost} lost`).join(', ')}; ` +
      `balancer: ${Object.entries(stats)
        .map(([name, stat]) => `${name} served ${stat.served}`)
        .join(', ')}, retried on connect failure ${balancer.totals().retried}`
  );
  expect(load.failures).toEqual([]);
  expect(lost).toBe(0);
  // The load really ran through every phase, and both new instances answered some of it.
  for (const phase of load.phases) expect([phase.name, phase.ok >= 10]).toEqual([phase.name, true]);
  expect(stats["1'"].served).toBeGreaterThan(0);
  expect(stats["2'"].served).toBeGreaterThan(0);
  expect(balancer.totals()).toMatchObject({ failed: 0, unavailable: 0 });
});
