import { errors } from '@strapi/utils';

import { parseArticleQuery, CONVENIENCE_PARAMS } from '../../../lib/article-query';

/** Turns institution/source/section/from/to into `filters` (see lib/article-query). */
export default (_config: unknown, { strapi }: { strapi: any }) => {
  const sections: string[] = strapi.contentType('api::article.article').attributes.section.enum;
  return async (ctx: any, next: () => Promise<void>) => {
    const { filters, fallback, problems } = parseArticleQuery(ctx.query, sections);
    if (problems.length > 0) {
      throw new errors.ValidationError(problems.map((problem) => problem.message).join('; '), {
        errors: problems.map(({ path, message, value }) => ({ path, message, name: 'ValidationError', value })),
      });
    }
    // ctx.query is Strapi's parsed query object: change it in place (assigning would re-stringify it).
    for (const param of CONVENIENCE_PARAMS) delete ctx.query[param];
    if (filters.length > 0) {
      const all = ctx.query.filters ? [ctx.query.filters, ...filters] : filters;
      ctx.query.filters = all.length === 1 ? all[0] : { $and: all };
    }
    ctx.state.localeFallback = fallback;
    await next();
  };
};
