import type { FieldProblem } from './field-rules';

/**
 * What a read's parameters ask of the read itself (not of its filters), handed from the route
 * middleware that parses them to the controller: typed, per request.
 */
export interface ReadOptions {
  /** `fallback=true`: a document missing in the requested locale is served in the default one */
  fallback: boolean;
}

/** The versions a read sees: published ones, or with an API token's `status=draft` the drafts. */
export const versionsFilter = (drafts: boolean) => (drafts ? { publishedAt: { $null: true } } : { publishedAt: { $notNull: true } });

const options = new WeakMap<object, ReadOptions>();

export const setReadOptions = (ctx: object, value: ReadOptions) => {
  options.set(ctx, value);
};

export const readOptions = (ctx: object): ReadOptions => options.get(ctx) ?? { fallback: false };

/** `fallback` is `true` or `false`; anything else is a problem naming the parameter. */
export const parseFallback = (value: unknown): { fallback: boolean; problem?: FieldProblem } => {
  if (value === undefined || value === 'false') return { fallback: false };
  if (value === 'true') return { fallback: true };
  return { fallback: false, problem: { path: ['fallback'], message: 'fallback must be true or false', value } };
};
