/**
 * The per-route opt-out: a route that lists `global::no-response-cache` among its middlewares
 * (in its route config) is never stored in the response cache, whatever its path.
 */
const skipped = new WeakSet<object>();

export const skipResponseCache = (ctx: object) => {
  skipped.add(ctx);
};

export const isResponseCacheSkipped = (ctx: object) => skipped.has(ctx);
