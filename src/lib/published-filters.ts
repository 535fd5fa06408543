import { asList, isRecord, ownAttribute, type ModelLookup } from './query-rules';

/**
 * A published read must not see drafts through its filters either. Strapi applies the status
 * to the documents it returns, not to the rows a filter joins: `localizations` joins every row
 * of the document (drafts of other locales, unpublished edits), so
 * `filters[localizations][title][$startsWith]=…` let anyone read unpublished titles letter by
 * letter. This rewrites each condition through a relation to a draft-and-publish type into
 * "(the condition) and the related row is published", at every depth, components included.
 */

const PUBLISHED = { publishedAt: { $notNull: true } };
const GROUP = new Set(['$and', '$or']);
/** Whether anything is linked at all: no row is read, and published rows link to published rows. */
const PRESENCE = new Set(['$null', '$notNull']);

export const publishedOnlyFilters = (filters: unknown, uid: string, getModel: ModelLookup): unknown => {
  const list = asList(filters);
  if (list) return list.map((item) => publishedOnlyFilters(item, uid, getModel));
  if (!isRecord(filters)) return filters;
  const model = getModel(uid);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (GROUP.has(key)) {
      out[key] = asList(value)?.map((item) => publishedOnlyFilters(item, uid, getModel)) ?? value;
      continue;
    }
    if (key === '$not') {
      out[key] = publishedOnlyFilters(value, uid, getModel);
      continue;
    }
    const attribute = ownAttribute(model, key);
    if (attribute?.type === 'component' && attribute.component) {
      out[key] = publishedOnlyFilters(value, attribute.component, getModel);
      continue;
    }
    if (attribute?.type !== 'relation' || !attribute.target) {
      out[key] = value;
      continue;
    }
    const target = getModel(attribute.target);
    const inner = isRecord(value) && !asList(value) ? value : { id: value };
    const keys = Object.keys(inner);
    const onId = keys.length > 0 && keys.every((name) => name.startsWith('$') && !GROUP.has(name) && name !== '$not');
    if (onId && keys.every((name) => PRESENCE.has(name)) && key !== 'localizations') {
      out[key] = value;
      continue;
    }
    const condition = onId ? { id: inner } : publishedOnlyFilters(inner, attribute.target, getModel);
    out[key] = target?.options?.draftAndPublish ? { $and: [condition, PUBLISHED] } : condition;
  }
  return out;
};

/**
 * The same for a whole query: its filters, and the filters of everything it populates, at every
 * depth (`populate[localizations][filters][localizations][title]…` joins drafts just the same).
 */
export const publishedOnlyQuery = <T>(query: T, uid: string, getModel: ModelLookup): T => {
  if (!isRecord(query)) return query;
  const out: Record<string, unknown> = { ...query };
  if (out.filters !== undefined) out.filters = publishedOnlyFilters(out.filters, uid, getModel);
  if (isRecord(out.populate)) out.populate = publishedOnlyPopulate(out.populate, uid, getModel);
  return out as T;
};

const publishedOnlyPopulate = (populate: Record<string, unknown>, uid: string, getModel: ModelLookup) => {
  const model = getModel(uid);
  const out: Record<string, unknown> = {};
  for (const [name, options] of Object.entries(populate)) {
    const attribute = ownAttribute(model, name);
    if (!attribute || !isRecord(options)) {
      out[name] = options;
      continue;
    }
    if (attribute.type === 'dynamiczone' && isRecord(options.on)) {
      const on: Record<string, unknown> = {};
      for (const [component, inner] of Object.entries(options.on)) on[component] = publishedOnlyQuery(inner, component, getModel);
      out[name] = { ...options, on };
      continue;
    }
    const target = attribute.type === 'relation' ? attribute.target : attribute.type === 'component' ? attribute.component : attribute.type === 'media' ? 'plugin::upload.file' : undefined;
    out[name] = target ? publishedOnlyQuery(options, target, getModel) : options;
  }
  return out;
};
