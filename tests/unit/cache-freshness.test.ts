import { ALL_TAGS, createFreshness } from '../../src/lib/cache-freshness';

/** A clock the test moves: monotonic and wall time advance together. */
const fakeClock = () => {
  let now = 1_000_000;
  return { monotonic: () => now, wall: () => now, advance: (ms: number) => (now += ms), now: () => now };
};

const setup = (options: Partial<{ boundMs: number; maxAgeMs: number; resetAfterMs: number }> = {}) => {
  const clock = fakeClock();
  const freshness = createFreshness({ boundMs: 2000, maxAgeMs: 60_000, resetAfterMs: 30_000, clock, ...options });
  return { clock, freshness };
};

const entry = (stamp: number, tags: string[], storedAt: number) => ({ stamp, tags, storedAt });

describe('cache freshness (the database says what is stale)', () => {
  it('is not current before a first poll, and stores nothing then', () => {
    const { freshness, clock } = setup();
    expect(freshness.isCurrent()).toBe(false);
    expect(freshness.stamp()).toBeNull();
    expect(freshness.accepts(entry(1, [], clock.now()))).toBe(false);
  });

  it('serves an entry only while the last poll was sent less than the bound ago', () => {
    const { freshness, clock } = setup();
    freshness.poll(clock.now(), 10, []);
    expect(freshness.stamp()).toBe(10);
    const stored = entry(10, ['doc:a'], clock.now());
    expect(freshness.accepts(stored)).toBe(true);
    clock.advance(1999);
    expect(freshness.accepts(stored)).toBe(true);
    clock.advance(1);
    // The poll failed or stalled: this instance cannot vouch for anything.
    expect(freshness.isCurrent()).toBe(false);
    expect(freshness.accepts(stored)).toBe(false);
    expect(freshness.stamp()).toBeNull();
    freshness.poll(clock.now(), 10, []);
    expect(freshness.accepts(stored)).toBe(true);
  });

  it('rejects an entry one of whose tags was invalidated at or after its stamp, and keeps the others', () => {
    const { freshness, clock } = setup();
    freshness.poll(clock.now(), 10, []);
    const a = entry(10, ['list', 'doc:a'], clock.now());
    const b = entry(10, ['doc:b'], clock.now());
    // A write whose transaction id (10) was not below the horizon the entries were stamped with:
    // it may have committed after they read the data.
    const { fresh } = freshness.poll(clock.now(), 12, [{ id: 1, order: 10, tags: ['list', 'doc:a'] }]);
    expect(fresh).toEqual([['list', 'doc:a']]);
    expect(freshness.accepts(a)).toBe(false);
    expect(freshness.accepts(b)).toBe(true);
    // Computed after that poll: fresh.
    expect(freshness.accepts(entry(freshness.stamp()!, ['list', 'doc:a'], clock.now()))).toBe(true);
  });

  it('accepts an entry stamped after an invalidation that was below its horizon', () => {
    const { freshness, clock } = setup();
    freshness.poll(clock.now(), 20, [{ id: 1, order: 15, tags: ['doc:a'] }]);
    expect(freshness.accepts(entry(20, ['doc:a'], clock.now()))).toBe(true);
    expect(freshness.accepts(entry(15, ['doc:a'], clock.now()))).toBe(false);
  });

  it('applies an invalidation read by several polls once (PostgreSQL reads from the oldest running transaction again)', () => {
    const { freshness, clock } = setup();
    freshness.poll(clock.now(), 5, []);
    const row = { id: 7, order: 6, tags: ['doc:a'] };
    expect(freshness.poll(clock.now(), 6, [row]).fresh).toEqual([['doc:a']]);
    expect(freshness.poll(clock.now(), 6, [row]).fresh).toEqual([]);
    // The writer's own invalidation, applied at its commit, is not applied again by the poll.
    const own = { id: 8, order: 9, tags: ['doc:b'] };
    expect(freshness.local(own)).toBe(true);
    expect(freshness.poll(clock.now(), 10, [row, own]).fresh).toEqual([]);
  });

  it('rejects every older entry after an invalidation of everything', () => {
    const { freshness, clock } = setup();
    freshness.poll(clock.now(), 3, []);
    const old = entry(3, ['doc:a'], clock.now());
    freshness.local({ id: 1, order: 3, tags: [ALL_TAGS] });
    expect(freshness.accepts(old)).toBe(false);
    expect(freshness.accepts(entry(4, ['doc:a'], clock.now()))).toBe(true);
  });

  it('rejects an entry without a stamp (an older release), or older than the cache lifetime', () => {
    const { freshness, clock } = setup();
    freshness.poll(clock.now(), 3, []);
    expect(freshness.accepts({ tags: ['doc:a'], storedAt: clock.now() })).toBe(false);
    expect(freshness.accepts({ stamp: 3, storedAt: clock.now() })).toBe(false);
    expect(freshness.accepts({ stamp: 3, tags: [] })).toBe(false);
    expect(freshness.accepts(entry(3, [], clock.now() - 60_001))).toBe(false);
  });

  it('after a gap longer than resetAfterMs, asks for a reset and rejects everything stamped before', () => {
    const { freshness, clock } = setup();
    freshness.poll(clock.now(), 3, []);
    const before = entry(3, ['doc:a'], clock.now());
    clock.advance(30_001);
    const { reset } = freshness.poll(clock.now(), 4, []);
    expect(reset).toBe(true);
    expect(freshness.accepts({ ...before, storedAt: clock.now() })).toBe(false);
    expect(freshness.accepts(entry(4, ['doc:a'], clock.now()))).toBe(true);
    clock.advance(500);
    expect(freshness.poll(clock.now(), 4, []).reset).toBe(false);
  });

  it('forgets invalidations once every entry they could concern has expired', () => {
    const { freshness, clock } = setup({ maxAgeMs: 10_000, resetAfterMs: 60_000 });
    freshness.poll(clock.now(), 1, [{ id: 1, order: 1, tags: ['doc:a'] }]);
    for (let i = 0; i < 12; i += 1) {
      clock.advance(1000);
      freshness.poll(clock.now(), 2 + i, []);
    }
    expect(freshness.state().tags).toBe(0);
    expect(freshness.state().applied).toBe(0);
    // Stamped before the horizon of maxAgeMs ago: rejected whatever its tags.
    expect(freshness.accepts(entry(1, ['doc:z'], clock.now()))).toBe(false);
  });
});
