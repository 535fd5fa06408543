/**
 * Marks the read model's own renders (src/read-model): requests it sends through the app in
 * process, which must reach Strapi's path, past the read model and the response cache. The mark
 * is a property of the request object, which no client can set.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const RENDER = Symbol.for('newsroom.read-model.render');

// The read model's own work (renders, sweeps, rebuilds), whatever request it runs: the queries it
// causes can be told apart from a reader's (tests/helpers/query-counter.ts counts a request's own).
// One store per process, found by a registered symbol: the compiled app and code loaded from the
// sources (the tests) share it.
const WORK = Symbol.for('newsroom.read-model.work');
const work: AsyncLocalStorage<true> = ((globalThis as any)[WORK] ??= new AsyncLocalStorage<true>());

export const asReadModelWork = <T>(fn: () => T): T => work.run(true, fn);

export const isReadModelWork = (): boolean => work.getStore() === true;

// Requests this process received from clients (not the read model's own renders): background
// renders give way to readers only when there are readers (src/read-model/index.ts, drain).
const SEEN = Symbol.for('newsroom.read-model.requests-seen');
const seen: { count: number } = ((globalThis as any)[SEEN] ??= { count: 0 });

export const noteClientRequest = () => {
  seen.count += 1;
};

export const clientRequestsSeen = (): number => seen.count;

export const markRenderRequest = (req: any) => {
  req[RENDER] = true;
};

export const isRenderRequest = (ctx: any): boolean => Boolean(ctx?.req?.[RENDER]);

/** What the read-model middleware records on a request it answered (the response cache stores it). */
export interface ReadModelAnswer {
  list: boolean;
}
