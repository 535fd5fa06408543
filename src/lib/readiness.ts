/**
 * Readiness (GET /_ready; docs/operations.md, "Load balancer health checks"): whether this
 * instance's dependencies answer now. Liveness stays Strapi's /_health (the process answers).
 */

/** How long a dependency may take to answer a readiness check before it counts as failed. */
export const READINESS_TIMEOUT_MS = 1000;

export type CheckState = 'ok' | 'failed';

/** A dependency's check: resolves when it answers, rejects (or never settles) when it does not. */
export type Check = () => Promise<unknown>;

/** `work()`, or a rejection once `ms` have passed (the work itself is left to settle on its own). */
export const withinTimeout = <T>(work: () => Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    Promise.resolve()
      .then(work)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        }
      );
  });

/** Every check at once, each bounded by `ms`: its name and ok or failed (never why: the answer is public). */
export const runChecks = async (checks: Record<string, Check>, ms: number = READINESS_TIMEOUT_MS): Promise<Record<string, CheckState>> => {
  const names = Object.keys(checks);
  const states = await Promise.all(
    names.map((name) =>
      withinTimeout(checks[name], ms).then(
        (): CheckState => 'ok',
        (): CheckState => 'failed'
      )
    )
  );
  return Object.fromEntries(names.map((name, i) => [name, states[i]]));
};

export interface ReadinessAnswer {
  status: 200 | 503;
  body: { status: 'ready' | 'unavailable' | 'shutting down' } & Record<string, string>;
}

/** 200 when every check is ok; 503 naming each check's state otherwise, or while the instance shuts down. */
export const readinessAnswer = (states: Record<string, CheckState> | null, { shuttingDown = false } = {}): ReadinessAnswer => {
  if (shuttingDown || states === null) return { status: 503, body: { status: 'shutting down' } };
  const ready = Object.values(states).every((state) => state === 'ok');
  return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'unavailable', ...states } };
};
