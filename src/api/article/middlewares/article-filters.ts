import { parseArticleQuery, CONVENIENCE_PARAMS } from '../../../lib/article-query';
import { validationError } from '../../../lib/validation-error';
import { setReadOptions } from '../read-options';

/** Turns institution/source/section/from/to into `filters`, and `fallback` into the read's options (see lib/article-query). */
export default (_config: unknown, { strapi }: { strapi: any }) => {
  const sections: string[] = strapi.contentType('api::article.article').attributes.section.enum;
  return async (ctx: any, next: () => Promise<void>) => {
    const { filters, fallback, problems } = parseArticleQuery(ctx.query, sections);
    if (problems.length > 0) {
      throw validationError(problems, problems.map((problem) => problem.message).join('; '));
    }
    // ctx.query is Strapi's parsed query object: change it in place (assigning would re-stringify it).
    for (const param of CONVENIENCE_PARAMS) delete ctx.query[param];
    if (filters.length > 0) {
      const all = ctx.query.filters ? [ctx.query.filters, ...filters] : filters;
      ctx.query.filters = all.length === 1 ? all[0] : { $and: all };
    }
    setReadOptions(ctx, { fallback });
    await next();
  };
};
