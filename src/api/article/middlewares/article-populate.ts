/**
 * What a page needs, without the client knowing Strapi's populate syntax. A client's own
 * `populate` wins. Newest first unless the client sorts.
 */
const institutionFields = ['key', 'name', 'shortName', 'slug', 'kind', 'city', 'province', 'country', 'website'];

export const DEFAULT_ARTICLE_POPULATE = {
  source: { fields: ['key', 'name', 'shortName', 'slug', 'kind', 'homepage', 'country'] },
  institutions: { fields: institutionFields },
  hostInstitution: { fields: institutionFields },
  cover: true,
  reprint: true,
  seo: { populate: { ogImage: true } },
};

export default () => {
  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.query.populate === undefined) ctx.query.populate = DEFAULT_ARTICLE_POPULATE;
    if (ctx.query.sort === undefined && ctx.params?.id === undefined && ctx.params?.slug === undefined) {
      ctx.query.sort = ['date:desc', 'publishedAt:desc'];
    }
    await next();
  };
};
