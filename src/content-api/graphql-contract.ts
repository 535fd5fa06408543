import type { Core } from '@strapi/strapi';

import { versionsFilter } from '../lib/read-options';
import { ARTICLE_DEFAULT_SORT, createBatchLoader, withDefaultSort, type BatchLoader } from '../lib/graphql-contract';
import { groupLocalizations } from '../lib/localizations';
import { absolutizeUrls, absoluteUrl, languageLinks, pageUrl, type Alternate, type LanguageLink, type SiteUrlConfig } from '../lib/site-urls';

/**
 * GraphQL tells the same contract as REST (docs/api.md, "GraphQL"; issue #14):
 * - `articles` (and `articles_connection`) without `sort` are newest first, like GET /api/articles;
 *   sources and institutions keep Strapi's order, as REST does (neither sorts them by default);
 * - Article, Source and Institution have `url` (the page on the site), `languages` (every
 *   published edition, the current one included: REST's `localizations`) and `alternates`
 *   (`<link rel="alternate">`, with x-default): one SQL query per type and level of a response,
 *   whatever the page size (a loader per request, keyed on the GraphQL context);
 * - `UploadFile.url`, `previewUrl` and every URL in `formats`, and media inside blocks (image
 *   blocks in `body`), are absolute with PUBLIC_URL.
 * Strapi's own `localizations` (the other editions, as full documents) stays as Strapi defines it.
 */

export const LOCALIZED_TYPES = ['api::article.article', 'api::source.source', 'api::institution.institution'] as const;

/** The types (and Query fields) whose lists get a default order when the client does not sort. */
const DEFAULT_SORTS: Record<string, string[]> = { 'api::article.article': ARTICLE_DEFAULT_SORT };

interface EditionKey {
  uid: string;
  drafts: boolean;
  documentId: string;
}
type Links = { languages: LanguageLink[]; alternates: Alternate[] };
type Row = Record<string, any>;

const editionsLoader = (strapi: Core.Strapi): BatchLoader<EditionKey, Links> => {
  const site = strapi.config.get('site') as SiteUrlConfig;
  return createBatchLoader<EditionKey, Links>({
    cacheKey: ({ uid, drafts, documentId }) => `${uid}|${drafts ? 'draft' : 'published'}|${documentId}`,
    missing: () => ({ languages: [], alternates: [] }),
    async fetch(keys) {
      const groups = new Map<string, EditionKey[]>();
      for (const key of keys) {
        const group = `${key.uid}|${key.drafts ? 'draft' : 'published'}`;
        groups.set(group, [...(groups.get(group) ?? []), key]);
      }
      const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
      const values = new Map<string, Links>();
      await Promise.all(
        [...groups.entries()].map(async ([group, members]) => {
          const { uid, drafts } = members[0];
          // As REST: a published read links the published editions, a draft read the drafts.
          const rows = await strapi.db.query(uid as never).findMany({
            where: { documentId: { $in: [...new Set(members.map((member) => member.documentId))] }, ...versionsFilter(drafts) },
            select: ['documentId', 'locale', 'slug'],
          });
          for (const [documentId, editions] of groupLocalizations(rows as never)) {
            const { localizations, alternates } = languageLinks(editions, { pattern: site.patterns[uid], defaultLocale });
            values.set(`${group}|${documentId}`, { languages: localizations, alternates });
          }
        })
      );
      return values;
    },
  });
};

const absolutizedCopy = (value: unknown, base: string) => {
  if (value === null || typeof value !== 'object') return value;
  const copy = structuredClone(value);
  absolutizeUrls(copy, base);
  return copy;
};

/** The blocks and JSON fields of a model and of the components it holds, by GraphQL type name. */
const jsonFields = (strapi: Core.Strapi, naming: any, uid: string, seen = new Set<string>()): Array<[string, string]> => {
  if (seen.has(uid)) return [];
  seen.add(uid);
  const model: any = strapi.getModel(uid as never);
  if (!model) return [];
  const typeName = model.modelType === 'component' ? naming.getComponentName(model) : naming.getTypeName(model);
  const fields: Array<[string, string]> = [];
  for (const [name, attribute] of Object.entries<any>(model.attributes)) {
    if (attribute.type === 'blocks' || attribute.type === 'json') fields.push([typeName, name]);
    if (attribute.type === 'component') fields.push(...jsonFields(strapi, naming, attribute.component, seen));
    if (attribute.type === 'dynamiczone') for (const component of attribute.components ?? []) fields.push(...jsonFields(strapi, naming, component, seen));
  }
  return fields;
};

export const registerGraphqlContract = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const site = () => strapi.config.get('site') as SiteUrlConfig;

  // One loader per GraphQL request (Strapi's context holds the Koa context; a WeakMap forgets both).
  const loaders = new WeakMap<object, BatchLoader<EditionKey, Links>>();
  const loaderFor = (context: Row) => {
    const key = context?.koaContext ?? context;
    let loader = loaders.get(key);
    if (!loader) {
      loader = editionsLoader(strapi);
      loaders.set(key, loader);
    }
    return loader;
  };
  const linksOf = (uid: string, parent: Row, context: Row) =>
    parent?.documentId ? loaderFor(context).load({ uid, drafts: !parent.publishedAt, documentId: parent.documentId }) : Promise.resolve({ languages: [], alternates: [] });

  graphql.service('extension').use(({ nexus }: any) => {
    const { naming } = graphql.service('utils');
    const publicUrl = site().publicUrl;

    const absolute = (transform: (value: any) => any) => async (resolve: any, parent: Row, args: Row, context: Row, info: unknown) =>
      transform(await resolve(parent, args, context, info));
    const absoluteString = absolute((value) => (typeof value === 'string' ? absoluteUrl(value, publicUrl) : value));
    const absoluteJson = absolute((value) => absolutizedCopy(value, publicUrl));

    const resolversConfig: Record<string, { middlewares: unknown[] }> = {
      'UploadFile.url': { middlewares: [absoluteString] },
      'UploadFile.previewUrl': { middlewares: [absoluteString] },
      'UploadFile.formats': { middlewares: [absoluteJson] },
    };
    for (const uid of LOCALIZED_TYPES) {
      for (const [typeName, field] of jsonFields(strapi, naming, uid)) resolversConfig[`${typeName}.${field}`] = { middlewares: [absoluteJson] };
      const sort = DEFAULT_SORTS[uid];
      if (!sort) continue;
      const contentType = strapi.contentType(uid as never);
      const defaultSort = async (resolve: any, parent: Row, args: Row, context: Row, info: unknown) => resolve(parent, withDefaultSort(args, sort), context, info);
      for (const query of [naming.getFindQueryName(contentType), naming.getFindConnectionQueryName(contentType)]) {
        resolversConfig[`Query.${query}`] = { middlewares: [defaultSort] };
      }
    }

    return {
      types: [
        nexus.objectType({
          name: 'LanguageLink',
          description: 'A published edition of a document: its locale, slug, page address on the site and hreflang (REST: an item of `localizations`)',
          definition(t: any) {
            t.nonNull.string('locale');
            t.string('slug');
            t.string('url', { description: 'The page of this edition on the site (null without a slug)' });
            t.nonNull.string('hreflang');
          },
        }),
        nexus.objectType({
          name: 'LanguageAlternate',
          description: 'A <link rel="alternate" hreflang href> of a page, x-default included',
          definition(t: any) {
            t.nonNull.string('hreflang');
            t.nonNull.string('href');
          },
        }),
        ...LOCALIZED_TYPES.map((uid) =>
          nexus.extendType({
            type: naming.getTypeName(strapi.contentType(uid as never)),
            definition(t: any) {
              t.string('url', {
                description: 'The page of this document on the site, in its locale (SITE_URL and the type’s pattern; docs/api.md, "Addresses")',
                resolve: (parent: Row) => (parent?.locale ? pageUrl(site().patterns[uid], { locale: parent.locale, slug: parent.slug }) : null),
              });
              t.nonNull.list.nonNull.field('languages', {
                type: 'LanguageLink',
                description: 'Every published edition, this one included, in the newsroom’s locale order (REST: `localizations`)',
                resolve: async (parent: Row, _args: unknown, context: Row) => (await linksOf(uid, parent, context)).languages,
              });
              t.nonNull.list.nonNull.field('alternates', {
                type: 'LanguageAlternate',
                description: 'The <link rel="alternate"> list: one per edition with an address, and x-default',
                resolve: async (parent: Row, _args: unknown, context: Row) => (await linksOf(uid, parent, context)).alternates,
              });
            },
          })
        ),
      ],
      resolversConfig,
    };
  });
};
