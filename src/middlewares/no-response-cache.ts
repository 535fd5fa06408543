import { skipResponseCache } from '../response-cache/opt-out';

/** Route middleware `global::no-response-cache`: this route's responses are never cached (src/response-cache/). */
export default () => async (ctx: object, next: () => Promise<void>) => {
  skipResponseCache(ctx);
  await next();
};
