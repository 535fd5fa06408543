import { readinessAnswer, runChecks, withinTimeout } from '../../src/lib/readiness';

const never = () => new Promise<never>(() => undefined);

describe('readiness', () => {
  it('bounds a check by its timeout', async () => {
    await expect(withinTimeout(async () => 'answered', 50)).resolves.toBe('answered');
    await expect(withinTimeout(never, 20)).rejects.toThrow(/no answer within 20 ms/);
    await expect(withinTimeout(() => Promise.reject(new Error('ECONNREFUSED')), 50)).rejects.toThrow('ECONNREFUSED');
    // A check that throws before returning a promise counts as failed, not as a crash.
    await expect(
      withinTimeout(() => {
        throw new Error('sync');
      }, 50)
    ).rejects.toThrow('sync');
  });

  it('runs the checks side by side and names each state, never the error', async () => {
    const started = Date.now();
    const states = await runChecks({ database: async () => 1, redis: never, other: () => Promise.reject(new Error('password authentication failed for user "cms"')) }, 100);
    expect(states).toEqual({ database: 'ok', redis: 'failed', other: 'failed' });
    // One timeout for all, not one after the other.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(JSON.stringify(states)).not.toMatch(/password|cms/);
  });

  it('answers 200 when every dependency is ok, 503 naming what failed, 503 while shutting down', () => {
    expect(readinessAnswer({ database: 'ok' })).toEqual({ status: 200, body: { status: 'ready', database: 'ok' } });
    expect(readinessAnswer({ database: 'ok', redis: 'ok' })).toEqual({ status: 200, body: { status: 'ready', database: 'ok', redis: 'ok' } });
    expect(readinessAnswer({ database: 'failed', redis: 'ok' })).toEqual({ status: 503, body: { status: 'unavailable', database: 'failed', redis: 'ok' } });
    expect(readinessAnswer({ database: 'ok', redis: 'failed' }).status).toBe(503);
    expect(readinessAnswer({ database: 'ok' }, { shuttingDown: true })).toEqual({ status: 503, body: { status: 'shutting down' } });
  });
});
