import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import type { ContentTypeFields } from './config';
import { localizeProblem, type Problem } from './domain';
import { attributableTypes, getService } from './utils';

type Row = Record<string, any>;

/** Domain paths name the roles (reprint, source, title); the document names its own fields. */
const toFieldPath = (path: string[], fields: ContentTypeFields) => {
  const [head, ...rest] = path;
  const field = head === 'reprint' ? fields.reprint : head === 'source' ? fields.source : head === 'title' ? fields.title : head;
  return [field, ...rest];
};

/**
 * The language of the person asking: an admin's interface language (or their browser's);
 * content-API clients get English. Messages only: paths and codes are the same in every language.
 */
export const requestLanguage = (strapi: Core.Strapi): string | null => {
  const ctx: any = strapi.requestContext.get();
  if (!ctx) return null;
  const isAdmin = ctx.state?.route?.info?.type === 'admin' || ctx.state?.auth?.strategy?.name === 'admin';
  if (!isAdmin) return null;
  return ctx.state?.user?.preferedLanguage || ctx.get?.('accept-language')?.split(',')[0] || null;
};

const refuse = (strapi: Core.Strapi, found: Array<Problem & { locale?: string }>, fields: ContentTypeFields, multiLocale: boolean) => {
  const language = requestLanguage(strapi);
  const problems = found.map((problem) => ({ ...localizeProblem(problem, language), locale: problem.locale }));
  const details = problems.map((problem) => ({
    path: toFieldPath(problem.path, fields),
    message: multiLocale && problem.locale ? `[${problem.locale}] ${problem.message}` : problem.message,
    name: 'ValidationError',
    code: problem.code,
    ...(problem.locale ? { locale: problem.locale } : {}),
  }));
  const summary =
    details.length === 1 ? details[0].message : `This reprint cannot be published yet: ${details.map((detail) => `${detail.path.join('.')}: ${detail.message}`).join('; ')}`;
  return new errors.ValidationError(summary, { errors: details });
};

/**
 * The rules on the Document Service, so REST, GraphQL, the admin and code all meet them:
 * - every save: the reprint's values are well-formed (drafts may be incomplete, never wrong);
 * - publish (and create/update with status=published): the reprint is complete. A refusal
 *   lists every problem by field and leaves everything as it was.
 */
export const registerPublishGuard = (strapi: Core.Strapi) => {
  const attribution = () => getService(strapi, 'attribution');

  const draftsOf = async (uid: string, fields: ContentTypeFields, documentId: string, locale: unknown): Promise<Row[]> => {
    const localized = Boolean((strapi.contentTypes[uid as never] as any)?.pluginOptions?.i18n?.localized);
    let locales: string[] | null = null;
    if (localized && locale !== '*') {
      const list = (Array.isArray(locale) ? locale : [locale]).filter((code) => typeof code === 'string' && code !== '');
      locales = list.length > 0 ? list : [await strapi.plugin('i18n').service('locales').getDefaultLocale()];
    }
    return strapi.db.query(uid as never).findMany({
      where: { documentId, publishedAt: { $null: true }, ...(locales ? { locale: { $in: locales } } : {}) },
      populate: attribution().populateFor(fields),
    });
  };

  const assertPublishable = async (uid: string, fields: ContentTypeFields, documentId: string, locale: unknown) => {
    const rows = await draftsOf(uid, fields, documentId, locale);
    const results = await attribution().publishProblems(uid, rows);
    const blocking = results.flatMap(({ locale: code, problems }) =>
      problems.filter((problem: Problem) => problem.severity === 'error').map((problem: Problem) => ({ ...problem, locale: code }))
    );
    if (blocking.length > 0) throw refuse(strapi, blocking, fields, results.length > 1);
  };

  strapi.documents.use(async (context, next) => {
    const fields = attributableTypes(strapi)[context.uid];
    if (!fields) return next();
    const params = context.params as Row;

    if (context.action === 'create' || context.action === 'update') {
      const problems = attribution().saveProblems(params.data?.[fields.reprint]);
      if (problems.length > 0) throw refuse(strapi, problems, fields, false);
      if (params.status !== 'published') return next();
      // Strapi saves the draft and then publishes it inside its own transaction, which joins
      // this one: a refusal after the save rolls the save back too.
      return strapi.db.transaction(async () => {
        const result: any = await next();
        const entry = Array.isArray(result?.entries) ? result.entries[0] : result;
        if (entry?.documentId) await assertPublishable(context.uid, fields, entry.documentId, entry.locale ?? params.locale);
        return result;
      });
    }

    if (context.action === 'publish' && params.documentId) {
      await assertPublishable(context.uid, fields, params.documentId, params.locale);
    }
    return next();
  });
};
