import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

import { localizeProblem, renderCreditLine, resolveRuleSets, validateTemplate, type AttributionInput, type Problem } from '../domain';
import { attributableTypes, getConfig, getService } from '../utils';
import { toInput } from '../services/attribution';

/** A reprint to preview templates on when no document is named. */
export const SAMPLE_INPUT: Record<string, AttributionInput> = {
  'zh-Hans': {
    locale: 'zh-Hans',
    title: '示例标题',
    source: { name: '中新网辽宁', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: '张三', reprintType: 'full', license: 'statutory-news-exception', responsibleEditor: '李四' },
  },
  en: {
    locale: 'en',
    title: 'Sample headline',
    source: { name: 'China News Service Liaoning', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalTitleGloss: 'Sample original headline', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: 'Zhang San', translator: 'Anna Smith', reprintType: 'translation', license: 'statutory-news-exception', responsibleEditor: 'Li Si' },
  },
  ru: {
    locale: 'ru',
    title: 'Пример заголовка',
    source: { name: 'Ляонинский канал агентства «Чжунго синьвэнь»', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalTitleGloss: 'Пример заголовка оригинала', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: 'Чжан Сань', translator: 'Анна Петрова', reprintType: 'translation', license: 'statutory-news-exception', responsibleEditor: 'Ли Сы' },
  },
};

const own = <T>(record: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined);

/** Ids and locales from a request body go into database filters: plain strings only. */
const optionalString = (value: unknown, path: string) => {
  if (value === undefined || value === null || typeof value === 'string') return (value ?? undefined) as string | undefined;
  throw new errors.ValidationError(`${path} must be a string`, { errors: [{ path: [path], message: `${path} must be a string`, name: 'ValidationError' }] });
};

const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  // Every document these routes read, and every related document they resolve, is checked as
  // the Content Manager checks it (services/access.ts): 403 for a document, withheld for a source.
  const access = () => getService(strapi, 'access');
  const reader = (ctx: any) => ({ userAbility: ctx.state.userAbility });

  return {
    async getSettings(ctx: any) {
      ctx.body = { data: { ...(await settings().get()), placeholders: settings().placeholders, defaults: settings().defaults, contentTypes: attributableTypes(strapi) } };
    },

    async updateSettings(ctx: any) {
      ctx.body = { data: await settings().update(ctx.request.body ?? {}) };
    },

    /** Renders a template (the saved one when none is given) on a document's draft or on a sample. */
    async preview(ctx: any) {
      const { template } = ctx.request.body ?? {};
      const locale = optionalString(ctx.request.body?.locale, 'locale');
      const contentType = optionalString(ctx.request.body?.contentType, 'contentType');
      const documentId = optionalString(ctx.request.body?.documentId, 'documentId');
      const current = await settings().get();
      const code = typeof locale === 'string' ? locale : 'en';
      const text = typeof template === 'string' ? template : own(current.templates, code);
      const templateErrors = validateTemplate(text);
      if (templateErrors.length > 0) {
        ctx.body = { data: { errors: templateErrors, creditLine: null } };
        return;
      }
      let input: AttributionInput = own(SAMPLE_INPUT, code) ?? { ...SAMPLE_INPUT.en, locale: code };
      let document: { contentType: string; documentId: string; title: string | null } | null = null;
      if (ctx.request.body?.on === 'document') {
        // The configured preview document, or the latest reprint, in the locale previewed.
        const configured = getConfig(strapi).previewDocument;
        const uid = configured?.contentType ?? Object.keys(attributableTypes(strapi))[0];
        const fields = uid ? attributableTypes(strapi)[uid] : undefined;
        // Only on a draft the admin may read in the Content Manager; else there is none to show.
        if (uid && fields && access().canReadType(ctx.state.userAbility, uid)) {
          const row = await strapi.db.query(uid as never).findOne({
            where: { ...(configured?.where ?? { [fields.reprint]: { isReprint: true } }), locale: code, publishedAt: { $null: true } },
            orderBy: fields.date ? [{ [fields.date]: 'desc' }] : [{ id: 'desc' }],
            populate: getService(strapi, 'attribution').populateFor(fields, { withCreator: true }),
          });
          if (row && access().canRead(ctx.state.userAbility, uid, row)) {
            await access().withholdSources(ctx.state.userAbility, uid, fields, [row]);
            input = toInput(row, fields, code);
            document = { contentType: uid, documentId: row.documentId, title: row[fields.title] ?? null };
          }
        }
        if (!document) {
          ctx.body = { data: { errors: [], creditLine: null, document: null } };
          return;
        }
      }
      if (contentType && documentId) {
        const fields = attributableTypes(strapi)[contentType];
        if (!own(attributableTypes(strapi), contentType)) throw new errors.ValidationError(`${contentType} is not attributable`, { errors: [{ path: ['contentType'], message: `${contentType} is not attributable`, name: 'ValidationError' }] });
        access().assertCanReadType(ctx.state.userAbility, contentType);
        const row = await strapi.db.query(contentType as never).findOne({
          where: { documentId, locale: code, publishedAt: { $null: true } },
          populate: getService(strapi, 'attribution').populateFor(fields, { withCreator: true }),
        });
        if (!row) return ctx.notFound(`No draft of ${documentId} in ${code}`);
        await getService(strapi, 'attribution').guard(contentType, [row], reader(ctx));
        input = toInput(row, fields, code);
      }
      ctx.body = { data: { errors: [], creditLine: renderCreditLine(input, text as string), document } };
    },

    async report(ctx: any) {
      const days = ctx.query.days === undefined ? undefined : Number(ctx.query.days);
      if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > 3650)) {
        throw new errors.ValidationError('days must be a whole number from 0 to 3650', { errors: [{ path: ['days'], message: 'days must be a whole number from 0 to 3650', name: 'ValidationError', value: ctx.query.days }] });
      }
      ctx.body = { data: await getService(strapi, 'report').build({ days, locale: ctx.query.locale, reader: reader(ctx) }) };
    },

    async runExpiry(ctx: any) {
      ctx.body = { data: await getService(strapi, 'expiry').run() };
    },

    /** What the edit view's panel shows: the attribution of the form's current values. */
    async live(ctx: any) {
      const { contentType, values } = ctx.request.body ?? {};
      const documentId = optionalString(ctx.request.body?.documentId, 'documentId');
      const locale = optionalString(ctx.request.body?.locale, 'locale');
      if (typeof contentType !== 'string' || !own(attributableTypes(strapi), contentType)) {
        throw new errors.ValidationError(`${contentType} is not attributable`, { errors: [{ path: ['contentType'], message: `${contentType} is not attributable`, name: 'ValidationError' }] });
      }
      if (values !== undefined && (typeof values !== 'object' || values === null || Array.isArray(values))) {
        throw new errors.ValidationError('values must be the form values object', { errors: [{ path: ['values'], message: 'values must be an object', name: 'ValidationError' }] });
      }
      access().assertCanReadType(ctx.state.userAbility, contentType);
      const result = await getService(strapi, 'attribution').ofFormValues(contentType, { documentId, locale, values: values ?? {} }, reader(ctx));
      const language = ctx.state.user?.preferedLanguage || ctx.get('accept-language')?.split(',')[0];
      const ruleSets = resolveRuleSets(getConfig(strapi).ruleSets);
      ctx.body = { data: { ...result, problems: result.problems.map((problem: Problem) => localizeProblem(problem, language, ruleSets)) } };
    },

    /** Which content types the edit-view panel and the list-view badge apply to. */
    async types(ctx: any) {
      ctx.body = { data: attributableTypes(strapi) };
    },

    /** Completeness of many documents at once, for the list view's badge (one query). */
    async status(ctx: any) {
      const { contentType, documentIds } = ctx.request.body ?? {};
      const locale = optionalString(ctx.request.body?.locale, 'locale');
      if (typeof contentType !== 'string' || !own(attributableTypes(strapi), contentType) || !Array.isArray(documentIds) || documentIds.length > 200) {
        throw new errors.ValidationError('contentType must be attributable and documentIds a list of at most 200', { errors: [{ path: ['documentIds'], message: 'a list of at most 200 documentIds', name: 'ValidationError' }] });
      }
      access().assertCanReadType(ctx.state.userAbility, contentType);
      const service = getService(strapi, 'attribution');
      const fields = attributableTypes(strapi)[contentType];
      const loaded = await strapi.db.query(contentType as never).findMany({
        where: { documentId: { $in: documentIds.filter((id: unknown) => typeof id === 'string') }, publishedAt: { $null: true }, ...(locale ? { locale } : {}) },
        populate: service.populateFor(fields, { withCreator: true }),
      });
      // Only documents the admin may read (the Content Manager's list shows no others).
      const rows = loaded.filter((row: any) => access().canRead(ctx.state.userAbility, contentType, row));
      const results = await service.ofRows(contentType, rows);
      ctx.body = {
        data: Object.fromEntries(rows.map((row: any, index: number) => [row.documentId, { isReprint: results[index].isReprint, complete: results[index].complete, missing: results[index].missing }])),
      };
    },

    /** The attribution of a draft (what the edit view shows while an editor works). */
    async draftAttribution(ctx: any) {
      const { contentType, documentId } = ctx.params;
      if (!own(attributableTypes(strapi), contentType)) return ctx.notFound(`${contentType} is not attributable`);
      access().assertCanReadType(ctx.state.userAbility, contentType);
      const locale = optionalString(ctx.query.locale, 'locale');
      // As the Content Manager's findOne: 404 when there is no such draft, 403 when the admin may not read it.
      const result = await getService(strapi, 'attribution').ofDocument(contentType, documentId, locale, true, reader(ctx));
      if (!result) return ctx.notFound(`No draft of ${documentId}`);
      ctx.body = { data: result };
    },
  };
};

export default admin;
