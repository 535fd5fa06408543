/**
 * What the article routes' convenience parameters ask of the read itself (not of its filters),
 * handed from the route middleware that parses them to the controller: typed, per request.
 */
export interface ArticleReadOptions {
  /** `fallback=true`: a document missing in the requested locale is served in the default one */
  fallback: boolean;
}

const options = new WeakMap<object, ArticleReadOptions>();

export const setReadOptions = (ctx: object, value: ArticleReadOptions) => {
  options.set(ctx, value);
};

export const readOptions = (ctx: object): ArticleReadOptions => options.get(ctx) ?? { fallback: false };
