import { parseArticleQuery, CONVENIENCE_PARAMS, type RelationLookup } from '../../../lib/article-query';
import { validationError } from '../../../lib/validation-error';

const UID = 'api::article.article';

/** Turns institution/source/section/from/to into `filters` (see lib/article-query). */
export default (_config: unknown, { strapi }: { strapi: any }) => {
  const attributes = strapi.contentType(UID).attributes;
  const sections: string[] = attributes.section.enum;

  /**
   * The documents a key or slug names, in any locale (a slug is per locale; a site may carry
   * another locale's slug). A published read looks among published versions only.
   */
  const documentIdsOf = async ({ relation, values }: RelationLookup, drafts: boolean): Promise<string[]> => {
    const rows: Array<{ documentId: string }> = await strapi.db.query(attributes[relation].target).findMany({
      where: { $or: [{ key: { $in: values } }, { slug: { $in: values } }], ...(drafts ? {} : { publishedAt: { $notNull: true } }) },
      select: ['documentId'],
    });
    return [...new Set(rows.map((row) => row.documentId))];
  };

  return async (ctx: any, next: () => Promise<void>) => {
    const { filters, lookups, problems } = parseArticleQuery(ctx.query, sections);
    if (problems.length > 0) {
      throw validationError(problems, problems.map((problem) => problem.message).join('; '));
    }
    const drafts = ctx.query.status === 'draft';
    for (const lookup of lookups) {
      const ids = await documentIdsOf(lookup, drafts);
      // Strapi drops an empty `$in`: a key or slug that names nothing must match nothing.
      filters.push(ids.length > 0 ? { [lookup.relation]: { documentId: { $in: ids } } } : { documentId: { $null: 'true' } });
    }
    // ctx.query is Strapi's parsed query object: change it in place (assigning would re-stringify it).
    for (const param of CONVENIENCE_PARAMS) delete ctx.query[param];
    if (filters.length > 0) {
      const all = ctx.query.filters ? [ctx.query.filters, ...filters] : filters;
      ctx.query.filters = all.length === 1 ? all[0] : { $and: all };
    }
    await next();
  };
};
