import { JOB_LOCK_SPACE, jobLockKey } from '../job-lock';

const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;

describe('jobLockKey', () => {
  it('is the plugin’s space and a stable int4 per job name', () => {
    const [space, key] = jobLockKey('reprint-attribution:expiry');
    expect(space).toBe(JOB_LOCK_SPACE);
    expect(jobLockKey('reprint-attribution:expiry')).toEqual([space, key]);
    for (const value of [space, key]) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(INT4_MIN);
      expect(value).toBeLessThanOrEqual(INT4_MAX);
    }
  });

  it('differs between jobs', () => {
    expect(jobLockKey('reprint-attribution:expiry')[1]).not.toBe(jobLockKey('reprint-attribution:other')[1]);
  });

  it('keeps out of the host application’s write-lock space (src/lib/write-locks.ts: 0x4e5752)', () => {
    expect(JOB_LOCK_SPACE).not.toBe(0x4e5752);
  });
});
