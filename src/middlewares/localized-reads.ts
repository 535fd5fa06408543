import type { Core } from '@strapi/strapi';

import { groupLocalizations } from '../lib/localizations';
import { parseFallback, setReadOptions, versionsFilter } from '../lib/read-options';
import { absolutizeUrls, languageLinks, pageUrl, type SiteUrlConfig } from '../lib/site-urls';
import { validationError } from '../lib/validation-error';

/**
 * Gives the documents of one response (of type `uid`, in the locale `served`) what every read of
 * a localized type carries: absolute media URLs, the page address (`url`), the published (with
 * `drafts`, the draft) editions (`localizations`) and the `<link rel="alternate">` list
 * (`alternates`), and the address of related documents with a page. In place; one query for
 * all the items. The preview (src/preview) gives its page the same through this function.
 */
export const describeItems = async (
  strapi: Core.Strapi,
  uid: string,
  data: unknown,
  { drafts, served: servedLocale, fieldRank }: { drafts: boolean; served?: string; fieldRank?: Map<string, number> }
): Promise<void> => {
  if (!data || typeof data !== 'object') return;
  const { publicUrl, patterns } = strapi.config.get('site') as SiteUrlConfig;
  absolutizeUrls(data, publicUrl);
  // Related documents of a type with a page (an article's source and institutions) get its address.
  const attributes: Record<string, any> = (strapi.contentTypes as any)[uid]?.attributes ?? {};
  const linked = Object.entries(attributes)
    .filter(([, attribute]) => attribute.type === 'relation' && patterns[attribute.target])
    .map(([name, attribute]) => ({ name, pattern: patterns[attribute.target] as string }));

  const items: any[] = (Array.isArray(data) ? data : [data]).filter((item: any) => item?.documentId);
  if (items.length === 0) return;
  // One field order whatever the query: Strapi's own follows the SQL it ran (a list filtered
  // through a relation starts with the sort columns), and the read model stores the items of
  // one query to answer others with (src/read-model).
  if (fieldRank) for (const item of items) inSchemaOrder(item, fieldRank);
  const ids = [...new Set(items.map((item) => item.documentId))];
  const [rows, defaultLocale] = await Promise.all([
    strapi.db.query(uid as never).findMany({ where: { documentId: { $in: ids }, ...versionsFilter(drafts) }, select: ['documentId', 'locale', 'slug'] }),
    strapi.plugin('i18n').service('locales').getDefaultLocale() as Promise<string>,
  ]);
  const grouped = groupLocalizations(rows);
  const pattern = patterns[uid];
  const served = servedLocale ?? defaultLocale;
  for (const item of items) {
    const editions = grouped.get(item.documentId) ?? [];
    const { localizations, alternates } = languageLinks(editions, { pattern, defaultLocale });
    // A client that narrowed `fields` may have left out the locale or slug: the editions know them.
    const locale: string = item.locale ?? item.fallback?.served ?? served;
    item.url = pageUrl(pattern, { locale, slug: item.slug ?? editions.find((edition) => edition.locale === locale)?.slug });
    item.localizations = localizations;
    item.alternates = alternates;
    // Relations link the same locale's versions.
    for (const { name, pattern: target } of linked) {
      for (const related of [item[name]].flat()) {
        if (related && typeof related === 'object' && 'slug' in related) related.url = pageUrl(target, { locale: related.locale ?? locale, slug: related.slug });
      }
    }
  }
};

/** The rank of each field of `uid` in its schema (id, documentId, then the attributes). */
export const schemaFieldRank = (strapi: Core.Strapi, uid: string) =>
  new Map(['id', 'documentId', ...Object.keys((strapi.contentTypes as any)[uid]?.attributes ?? {})].map((name, index) => [name, index]));

/**
 * Route middleware for reads of a localized content type (config: { uid }); docs/api.md,
 * "Addresses and language links":
 * - takes `fallback=true|false` for the controller (content-api/localized-controller);
 * - makes every root-relative media URL in the response absolute (PUBLIC_URL);
 * - gives every returned document its page address on the site (`url`), its published editions
 *   (`localizations`: locale, slug, url, hreflang) and the `<link rel="alternate">` list
 *   (`alternates`, with x-default): one query per response, whatever the page size.
 */
export default (config: { uid: string }, { strapi }: { strapi: Core.Strapi }) => {
  const { uid } = config;
  const fieldRank = schemaFieldRank(strapi, uid);

  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.query.fallback !== undefined) {
      const { fallback, problem } = parseFallback(ctx.query.fallback);
      if (problem) throw validationError([problem]);
      // ctx.query is Strapi's parsed query object: change it in place.
      delete ctx.query.fallback;
      setReadOptions(ctx, { fallback });
    }
    const drafts = ctx.query.status === 'draft';
    await next();

    const body = ctx.body;
    if (!body || typeof body !== 'object' || !body.data) return;
    // The locale this response serves (after a single read's fallback, the controller set it).
    const served: string | undefined = body.meta?.fallback?.served ?? (typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined);
    await describeItems(strapi, uid, body.data, { drafts, served, fieldRank });
  };
};

/**
 * Puts an item's keys in the order of `rank` (id, documentId, then the schema's attributes);
 * keys it does not rank keep their order, after the others. In place: the item stays the object
 * the response holds.
 */
export const inSchemaOrder = (item: Record<string, unknown>, rank: Map<string, number>) => {
  const keys = Object.keys(item);
  const position = (key: string, index: number) => rank.get(key) ?? rank.size + index;
  const sorted = keys.map((key, index) => ({ key, at: position(key, index) })).sort((a, b) => a.at - b.at);
  if (sorted.every(({ key }, index) => key === keys[index])) return;
  for (const { key } of sorted) {
    const value = item[key];
    delete item[key];
    item[key] = value;
  }
};
