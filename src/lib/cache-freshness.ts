/**
 * Whether a cached response may still be served, decided from the invalidations recorded in the
 * database (src/response-cache/invalidations.ts), never from the cache store alone: a Redis that
 * restarted from an old append-only file, or that one instance could not reach while it wrote,
 * holds entries no invalidation removed. Pure: no Strapi, no database, no clock of its own.
 *
 * Every invalidation has an `order`: the writer's transaction id on PostgreSQL, the row's id on
 * SQLite (whose writers commit one at a time). A poll reports a `horizon`: every invalidation
 * whose order is below it had finished when the poll's snapshot was taken, so the poll saw it if
 * it committed. An entry is stamped with the horizon of the last poll before it was computed; it
 * is stale when any of its tags has an invalidation at or above that stamp (the write may have
 * committed after the data was read). That test is conservative: a write that had in fact
 * committed just before costs a recomputation, never a stale answer.
 *
 * An instance is current while its last successful poll was sent less than `boundMs` ago; when
 * it is not, nothing is served from the cache nor stored in it. So a write that returned is seen
 * by every instance's cache within `boundMs`, whatever the cache store did.
 */

/** The tag of an invalidation that removes everything (settings, media, permissions, locales). */
export const ALL_TAGS = '*';

export interface Invalidation {
  /** the row's id: one invalidation may be read by several polls */
  id: number;
  order: number;
  tags: string[];
}

/** What a shared store returns with an entry so that a reader can judge it. */
export interface EntryFreshness {
  /** the horizon of the computing instance's last poll before it computed the entry */
  stamp?: number;
  tags?: string[];
  /** wall-clock milliseconds when it was stored */
  storedAt?: number;
}

export interface FreshnessOptions {
  /** the longest a write that returned may go unseen by this instance's cache (ms) */
  boundMs: number;
  /** an entry older than this is never served (the cache's TTL, ms) */
  maxAgeMs: number;
  /**
   * after a gap between successful polls longer than this, invalidations may have been pruned
   * from the database unseen: everything cached before is dropped (ms)
   */
  resetAfterMs: number;
  /** a monotonic clock (ms) for the bound, and the wall clock for entries' ages */
  clock?: { monotonic(): number; wall(): number };
}

export interface PollResult {
  /** tags of each invalidation seen for the first time, in order */
  fresh: string[][];
  /** true when every entry cached before must be dropped (a gap longer than resetAfterMs) */
  reset: boolean;
}

const defaultClock = { monotonic: () => performance.now(), wall: () => Date.now() };

export const createFreshness = ({ boundMs, maxAgeMs, resetAfterMs, clock = defaultClock }: FreshnessOptions) => {
  // tag → highest order of an invalidation naming it
  const latest = new Map<string, number>();
  // invalidations already applied whose order is at or above the horizon: a later poll reads them again
  const applied = new Map<number, number>();
  let horizon: number | null = null;
  let confirmedAt = Number.NEGATIVE_INFINITY;
  // entries stamped below it are never served: computed before a reset, or before maxAgeMs ago
  let floor = Number.NEGATIVE_INFINITY;
  // (poll sent at, its horizon): what the horizon was maxAgeMs ago, for pruning
  const history: Array<[number, number]> = [];

  const note = (invalidation: Invalidation): boolean => {
    if (applied.has(invalidation.id)) return false;
    applied.set(invalidation.id, invalidation.order);
    for (const tag of invalidation.tags) {
      const known = latest.get(tag);
      if (known === undefined || known < invalidation.order) latest.set(tag, invalidation.order);
    }
    return true;
  };

  const prune = (now: number) => {
    for (const [id, order] of applied) if (horizon !== null && order < horizon) applied.delete(id);
    // Entries computed before the horizon of maxAgeMs ago have expired: what invalidated them no longer matters.
    let expiredHorizon: number | undefined;
    while (history.length > 0 && history[0][0] <= now - maxAgeMs) expiredHorizon = history.shift()![1];
    if (expiredHorizon === undefined) return;
    floor = Math.max(floor, expiredHorizon);
    for (const [tag, order] of latest) if (order < floor) latest.delete(tag);
  };

  return {
    /** the order a poll must read from: every invalidation below it is known */
    since(): number | null {
      return horizon;
    },

    /** Records a poll sent at `sentAt` (monotonic) that saw `rows` and reported `nextHorizon`. */
    poll(sentAt: number, nextHorizon: number, rows: Invalidation[]): PollResult {
      const reset = confirmedAt !== Number.NEGATIVE_INFINITY && sentAt - confirmedAt > resetAfterMs;
      const fresh = rows.filter(note).map((row) => row.tags);
      if (reset) floor = Math.max(floor, nextHorizon);
      horizon = nextHorizon;
      confirmedAt = Math.max(confirmedAt, sentAt);
      history.push([sentAt, nextHorizon]);
      prune(sentAt);
      return { fresh, reset };
    },

    /** Records this instance's own invalidation once its transaction committed; false if known already. */
    local(invalidation: Invalidation): boolean {
      return note(invalidation);
    },

    /** true while the last successful poll was sent less than boundMs ago */
    isCurrent(): boolean {
      return horizon !== null && clock.monotonic() - confirmedAt < boundMs;
    },

    /** The stamp for an entry about to be computed, or null when nothing may be stored now. */
    stamp(): number | null {
      return this.isCurrent() ? horizon : null;
    },

    /** Whether a shared store's entry may be served: current, stamped, young enough, and no tag invalidated at or after its stamp. */
    accepts(entry: EntryFreshness): boolean {
      if (!this.isCurrent()) return false;
      const { stamp, tags, storedAt } = entry;
      if (typeof stamp !== 'number' || !Number.isFinite(stamp) || stamp < floor || !Array.isArray(tags)) return false;
      if (typeof storedAt !== 'number' || clock.wall() - storedAt > maxAgeMs) return false;
      const all = latest.get(ALL_TAGS);
      if (all !== undefined && all >= stamp) return false;
      for (const tag of tags) {
        const order = latest.get(tag);
        if (order !== undefined && order >= stamp) return false;
      }
      return true;
    },

    /** for diagnostics and tests */
    state() {
      return { horizon, confirmedAt, floor, tags: latest.size, applied: applied.size };
    },
  };
};

export type Freshness = ReturnType<typeof createFreshness>;
