/**
 * Marks the read model's own renders (src/read-model): requests it sends through the app in
 * process, which must reach Strapi's path, past the read model and the response cache. The mark
 * is a property of the request object, which no client can set.
 */
const RENDER = Symbol.for('newsroom.read-model.render');

export const markRenderRequest = (req: any) => {
  req[RENDER] = true;
};

export const isRenderRequest = (ctx: any): boolean => Boolean(ctx?.req?.[RENDER]);

/** What the read-model middleware records on a request it answered (the response cache stores it). */
export interface ReadModelAnswer {
  list: boolean;
}
