import { isWriteConflict, lockKey, LOCK_SPACE } from '../../src/lib/write-locks';

describe('write locks', () => {
  it('gives each document one stable 32-bit key in the application’s namespace', () => {
    const [space, key] = lockKey('api::article.article', 'abc');
    expect(space).toBe(LOCK_SPACE);
    expect(lockKey('api::article.article', 'abc')).toEqual([space, key]);
    expect(Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31).toBe(true);
    expect(lockKey('api::source.source', 'abc')[1]).not.toBe(key);
    expect(lockKey('api::article.article', 'abd')[1]).not.toBe(key);
  });

  it('knows a conflict from any other database error', () => {
    expect(isWriteConflict({ code: '40P01' })).toBe(true);
    expect(isWriteConflict({ code: '40001' })).toBe(true);
    expect(isWriteConflict({ code: '55P03' })).toBe(true);
    expect(isWriteConflict({ code: '23505' })).toBe(false);
    expect(isWriteConflict(new Error('x'))).toBe(false);
    expect(isWriteConflict(undefined)).toBe(false);
  });
});
