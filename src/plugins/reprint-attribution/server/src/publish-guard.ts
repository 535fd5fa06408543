import type { Core } from '@strapi/strapi';
import { errors } from './host-utils';

import type { ContentTypeFields } from './config';
import { checkSourcePublished, citedSourceProblems, localizeProblem, personName, refusalSummary, resolveRuleSets, type CitingReprint, type Problem } from './domain';
import { validationError } from './errors';
import { toFieldPath } from './fields';
import { adminLanguage, adminRequest, attributableTypes, getConfig, getService, isLocalized as localizedType } from './utils';

type Row = Record<string, any>;

/**
 * The language of the person asking: an admin's interface language (or their browser's);
 * content-API clients get English. Messages only: paths and codes are the same in every language.
 */
export const requestLanguage = (strapi: Core.Strapi): string | null => adminLanguage(adminRequest(strapi));

/** The admin user behind the current request (Content Manager, admin API), or null. */
export const requestAdmin = (strapi: Core.Strapi): { firstname?: string | null; lastname?: string | null } | null => adminRequest(strapi)?.state?.user ?? null;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const refuse = (strapi: Core.Strapi, found: Array<Problem & { locale?: string }>, fields: ContentTypeFields | null, multiLocale: boolean, extra: Row = {}) => {
  const language = requestLanguage(strapi);
  const ruleSets = resolveRuleSets(getConfig(strapi).ruleSets);
  const problems = found.map((problem) => ({ ...localizeProblem(problem, language, ruleSets), locale: problem.locale }));
  const summary = refusalSummary(
    fields ? 'publish' : 'citedSource',
    problems.map((problem) => ({ message: problem.message, code: problem.code, locale: multiLocale ? problem.locale : undefined })),
    language
  );
  const details = problems.map((problem) => ({
    path: fields ? toFieldPath(problem.path, fields) : problem.path,
    message: multiLocale && problem.locale ? `[${problem.locale}] ${problem.message}` : problem.message,
    code: problem.code,
    ...(problem.ruleSet ? { ruleSet: problem.ruleSet } : {}),
    ...(problem.locale ? { locale: problem.locale } : {}),
  }));
  return validationError(details, summary, extra);
};

/**
 * The rules on the Document Service, so REST, GraphQL, the admin and code all meet them:
 * - every save: the reprint's values are well-formed (drafts may be incomplete, never wrong);
 * - publish (and create/update with status=published): the reprint is complete and its source
 *   is published. A refusal lists every problem by field and leaves everything as it was;
 * - unpublish or delete of a source: no published reprint cites the versions it takes away.
 */
export const registerPublishGuard = (strapi: Core.Strapi) => {
  const attribution = () => getService(strapi, 'attribution');
  const isLocalized = (uid: string) => localizedType(strapi, uid);
  const defaultLocale = (): Promise<string> => strapi.plugin('i18n').service('locales').getDefaultLocale();
  const sourceTypeOf = (uid: string, fields: ContentTypeFields): string => (strapi.contentTypes[uid as never] as any).attributes[fields.source].target;

  /** The locales an action on a document touches, as the Document Service reads `locale`; null for all. */
  const localesOf = async (uid: string, locale: unknown): Promise<string[] | null> => {
    if (!isLocalized(uid) || locale === '*') return null;
    const list = (Array.isArray(locale) ? locale : [locale]).filter((code) => typeof code === 'string' && code !== '');
    return list.length > 0 ? list : [await defaultLocale()];
  };

  const draftsOf = async (uid: string, fields: ContentTypeFields, documentId: string, locale: unknown): Promise<Row[]> => {
    const locales = await localesOf(uid, locale);
    return strapi.db.query(uid as never).findMany({
      where: { documentId, publishedAt: { $null: true }, ...(locales ? { locale: { $in: locales } } : {}) },
      populate: attribution().populateFor(fields),
    });
  };

  /**
   * Whether each draft's source is published where its readers will look for it (its version in
   * the reprint's locale, else the default one): what the published reprint will link to.
   */
  const sourceProblems = async (uid: string, fields: ContentTypeFields, rows: Row[]): Promise<Array<Problem & { locale?: string }>> => {
    const citing = rows.filter((row) => row[fields.reprint]?.isReprint && row[fields.source]?.id);
    if (citing.length === 0) return [];
    const sourceUid = sourceTypeOf(uid, fields);
    const localized = isLocalized(sourceUid);
    const cited: Row[] = await strapi.db.query(sourceUid as never).findMany({
      where: { id: { $in: citing.map((row) => row[fields.source].id) } },
      select: ['id', 'documentId'],
    });
    const versions: Row[] = await strapi.db.query(sourceUid as never).findMany({
      where: { documentId: { $in: [...new Set(cited.map((row) => row.documentId))] } },
      select: ['documentId', 'publishedAt', ...(localized ? ['locale'] : [])],
    });
    const fallback = await defaultLocale();
    return citing.flatMap((row) => {
      const documentId = cited.find((source) => source.id === row[fields.source].id)?.documentId;
      const problems = checkSourcePublished({
        isReprint: true,
        hasSource: true,
        localized,
        reprintLocale: row.locale ?? fallback,
        defaultLocale: fallback,
        versions: versions
          .filter((version) => version.documentId === documentId)
          .map((version) => ({ locale: localized ? version.locale : null, published: Boolean(version.publishedAt) })),
      });
      return problems.map((problem) => ({ ...problem, locale: row.locale ?? undefined }));
    });
  };

  /**
   * Published reprints that cite the published versions of a source an action would take away
   * (an unpublish or a delete, of some locales or all).
   */
  const citingReprints = async (sourceUid: string, documentId: string, locale: unknown): Promise<CitingReprint[]> => {
    const locales = await localesOf(sourceUid, locale);
    const removed: Row[] = await strapi.db.query(sourceUid as never).findMany({
      where: { documentId, publishedAt: { $notNull: true }, ...(locales ? { locale: { $in: locales } } : {}) },
      select: ['id'],
    });
    if (removed.length === 0) return [];
    const found: CitingReprint[] = [];
    for (const [uid, fields] of Object.entries(attributableTypes(strapi))) {
      if (sourceTypeOf(uid, fields) !== sourceUid) continue;
      const rows: Row[] = await strapi.db.query(uid as never).findMany({
        where: {
          publishedAt: { $notNull: true },
          [fields.reprint]: { isReprint: true },
          [fields.source]: { id: { $in: removed.map((row) => row.id) } },
        },
        select: ['documentId', fields.title, ...(isLocalized(uid) ? ['locale'] : [])],
        orderBy: [{ documentId: 'asc' }, { id: 'asc' }],
      });
      found.push(...rows.map((row) => ({ contentType: uid, documentId: row.documentId, locale: row.locale ?? null, title: row[fields.title] ?? null })));
    }
    return found;
  };

  const titleOf = async (uid: string, fields: ContentTypeFields, documentId: string, locale: unknown): Promise<string> => {
    const locales = await localesOf(uid, locale);
    const row: Row | null = await strapi.db.query(uid as never).findOne({
      where: { documentId, publishedAt: { $null: true }, ...(locales ? { locale: { $in: locales } } : {}) },
      select: [fields.title],
    });
    return row?.[fields.title] || documentId;
  };

  const sourceTypes = () => new Set(Object.entries(attributableTypes(strapi)).map(([uid, fields]) => sourceTypeOf(uid, fields)));

  /**
   * A reprint published from the admin without a responsible editor gets the publishing admin's
   * name (family name first when it is in Chinese characters), in the draft that is being published, so the
   * published version carries it. Editors can still write another name before publishing.
   */
  const fillResponsibleEditor = async (uid: string, fields: ContentTypeFields, rows: Row[], { write }: { write: boolean }) => {
    const admin = requestAdmin(strapi);
    if (!admin) return;
    const componentUid = (strapi.contentTypes[uid as never] as any).attributes[fields.reprint].component;
    for (const row of rows) {
      const reprint = row[fields.reprint];
      if (!reprint?.isReprint || !reprint.id || !blank(reprint.responsibleEditor)) continue;
      const name = personName(admin);
      if (!name) continue;
      if (write) await strapi.db.query(componentUid).update({ where: { id: reprint.id }, data: { responsibleEditor: name } });
      reprint.responsibleEditor = name;
    }
  };

  /** fill: write the publishing admin's name where it is missing; 'check': as if it were written */
  const assertPublishable = async (uid: string, fields: ContentTypeFields, documentId: string, locale: unknown, { fill = false as boolean | 'check' } = {}) => {
    const rows = await draftsOf(uid, fields, documentId, locale);
    if (fill) await fillResponsibleEditor(uid, fields, rows, { write: fill === true });
    const results = await attribution().publishProblems(uid, rows);
    const blocking: Array<Problem & { locale?: string }> = results.flatMap(({ locale: code, problems }) =>
      problems.filter((problem) => problem.severity === 'error').map((problem) => ({ ...problem, locale: code }))
    );
    blocking.push(...(await sourceProblems(uid, fields, rows)));
    if (blocking.length > 0) throw refuse(strapi, blocking, fields, results.length > 1);
  };

  /**
   * The Content Manager's bulk publish, unpublish and delete run one Document Service action per
   * document, all at once inside one transaction. When one is refused, the transaction ends while
   * the others are still starting, and on PostgreSQL those then run outside it and commit (Strapi
   * 5.54): a refused bulk action would still change the other documents. So the whole request is
   * checked first (after the route's authentication and permission policies) and refused, with
   * every problem, before anything is written.
   */
  const guardBulkActions = () => {
    const routes: any[] = (strapi.plugin('content-manager')?.routes as any)?.admin?.routes ?? [];
    const ids = (body: any): string[] => (Array.isArray(body?.documentIds) ? body.documentIds.filter((id: unknown): id is string => typeof id === 'string') : []);
    const bulkRemoveGuard = async (ctx: any, next: () => Promise<unknown>) => {
      const uid = ctx.params?.model;
      if (typeof uid === 'string' && sourceTypes().has(uid)) {
        const reprints: CitingReprint[] = [];
        for (const documentId of ids(ctx.request.body)) reprints.push(...(await citingReprints(uid, documentId, ctx.request.body?.locale)));
        if (reprints.length > 0) throw refuse(strapi, citedSourceProblems(reprints), null, false, { reprints });
      }
      return next();
    };
    const bulkPublishGuard = async (ctx: any, next: () => Promise<unknown>) => {
      const uid = ctx.params?.model;
      const fields = typeof uid === 'string' ? attributableTypes(strapi)[uid] : undefined;
      if (fields) {
        const found: Array<Problem & { locale?: string; documentId?: string; document?: string; own?: string }> = [];
        for (const documentId of ids(ctx.request.body)) {
          try {
            await assertPublishable(uid, fields, documentId, ctx.request.body?.locale, { fill: 'check' });
          } catch (error: any) {
            if (!(error instanceof errors.ValidationError)) throw error;
            const details = (error.details as any)?.errors ?? [];
            // Named by its title, as the list shows it (the documentId stays in the detail).
            const name = await titleOf(uid, fields, documentId, ctx.request.body?.locale);
            // `own`: the message without the title and edition, which the summary puts in its own place.
            const own = (detail: any) => (detail.locale ? String(detail.message).replace(`[${detail.locale}] `, '') : detail.message);
            found.push(...details.map((detail: any) => ({ ...detail, documentId, document: name, own: own(detail), message: `“${name}”: ${detail.message}` })));
          }
        }
        if (found.length > 0) {
          const severalLocales = new Set(found.map((detail) => detail.locale)).size > 1;
          // Bounded by refusalSummary (the fields named once with their editions, titles shortened, "and N more").
          const summary = refusalSummary(
            'bulkPublish',
            found.map((detail) => ({ message: detail.own ?? detail.message, code: detail.code, locale: severalLocales ? detail.locale : undefined, document: detail.document })),
            requestLanguage(strapi)
          );
          throw validationError(
            found.map(({ document: _name, own: _own, ...detail }) => detail),
            summary
          );
        }
      }
      return next();
    };
    const guards: Record<string, (ctx: any, next: () => Promise<unknown>) => Promise<unknown>> = {
      'collection-types.bulkUnpublish': bulkRemoveGuard,
      'collection-types.bulkDelete': bulkRemoveGuard,
      'collection-types.bulkPublish': bulkPublishGuard,
    };
    for (const route of routes) {
      const guard = guards[route.handler];
      if (guard) route.config = { ...(route.config ?? {}), middlewares: [...(route.config?.middlewares ?? []), guard] };
    }
  };
  guardBulkActions();

  strapi.documents.use(async (context, next) => {
    const params = context.params as Row;
    // A source that published reprints cite stays published until they are re-pointed or unpublished.
    if ((context.action === 'unpublish' || context.action === 'delete') && typeof params.documentId === 'string' && sourceTypes().has(context.uid)) {
      const reprints = await citingReprints(context.uid, params.documentId, params.locale);
      if (reprints.length > 0) throw refuse(strapi, citedSourceProblems(reprints), null, false, { reprints });
    }
    const fields = attributableTypes(strapi)[context.uid];
    if (!fields) return next();

    if (context.action === 'create' || context.action === 'update') {
      const problems = attribution().saveProblems(params.data?.[fields.reprint]);
      if (problems.length > 0) throw refuse(strapi, problems, fields, false);
      if (params.status !== 'published') return next();
      // Saved and published at once: the publishing admin's name goes into what is saved.
      const reprint = params.data?.[fields.reprint];
      const admin = requestAdmin(strapi);
      if (admin && reprint && typeof reprint === 'object' && reprint.isReprint && blank(reprint.responsibleEditor)) {
        const name = personName(admin);
        if (name) params.data[fields.reprint] = { ...reprint, responsibleEditor: name };
      }
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
      // One transaction: a refused publish leaves the draft as it was (no filled-in editor).
      return strapi.db.transaction(async () => {
        await assertPublishable(context.uid, fields, params.documentId, params.locale, { fill: true });
        return next();
      });
    }
    return next();
  });
};
