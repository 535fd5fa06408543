import { ARTICLE_DEFAULT_SORT } from '../../../lib/graphql-contract';

/**
 * What a page needs, without the client knowing Strapi's populate syntax (docs/api.md,
 * "Articles"): a single read carries everything the article page shows; a list item carries
 * what a teaser shows (lean: no body, no institutions, the attribution's summary). A client's
 * own `fields` or `populate` wins. Newest first unless the client sorts.
 */
const institutionFields = ['key', 'name', 'shortName', 'slug', 'kind', 'city', 'province', 'country', 'website'];
const mediaFields = ['name', 'alternativeText', 'caption', 'width', 'height', 'formats', 'url', 'mime'];

export const DEFAULT_ARTICLE_POPULATE = {
  source: { fields: ['key', 'name', 'shortName', 'slug', 'kind', 'homepage', 'country'] },
  institutions: { fields: institutionFields },
  hostInstitution: { fields: institutionFields },
  cover: true,
  reprint: true,
  seo: { populate: { ogImage: true } },
};

/** A list item: what a teaser needs. */
export const LEAN_ARTICLE_FIELDS = ['key', 'title', 'slug', 'date', 'section', 'summary', 'locale', 'publishedAt', 'updatedAt'];
export const LEAN_ARTICLE_POPULATE = {
  cover: { fields: mediaFields },
  source: { fields: ['key', 'name', 'shortName', 'slug'] },
};

export default () => {
  return async (ctx: any, next: () => Promise<void>) => {
    const single = ctx.params?.id !== undefined || ctx.params?.slug !== undefined;
    if (single) {
      if (ctx.query.populate === undefined) ctx.query.populate = DEFAULT_ARTICLE_POPULATE;
    } else {
      if (ctx.query.populate === undefined && ctx.query.fields === undefined) {
        ctx.query.fields = LEAN_ARTICLE_FIELDS;
        ctx.query.populate = LEAN_ARTICLE_POPULATE;
        // The plugin's credit line without the JSON-LD (strapi-plugin-reprint-attribution, "Lean lists").
        ctx.state.reprintAttribution = { shape: 'summary' };
      } else if (ctx.query.populate === undefined) {
        ctx.query.populate = LEAN_ARTICLE_POPULATE;
      }
      if (ctx.query.sort === undefined) ctx.query.sort = [...ARTICLE_DEFAULT_SORT];
    }
    await next();
  };
};
