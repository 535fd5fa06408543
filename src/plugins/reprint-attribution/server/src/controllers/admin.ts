import type { Core } from '@strapi/strapi';

import { own } from '../domain';
import { parseStatusFilter, REPORT_STATUSES } from '../domain/report';
import { fieldError } from '../errors';
import { adminLanguage, attributableTypes, getService } from '../utils';


/** Ids and locales from a request body go into database filters: plain strings only. */
const optionalString = (value: unknown, path: string) => {
  if (value === undefined || value === null || typeof value === 'string') return (value ?? undefined) as string | undefined;
  throw fieldError([path], `${path} must be a string`);
};

const SUPER_ADMIN = 'strapi-super-admin';

/** The report's query (`days`, `status`, `locale`), checked: 400 naming the parameter otherwise. */
const reportQuery = (query: Record<string, unknown>) => {
  const days = query.days === undefined ? undefined : Number(query.days);
  if (days !== undefined && (!Number.isInteger(days) || days < 0 || days > 3650)) {
    throw fieldError(['days'], 'days must be a whole number from 0 to 3650', query.days);
  }
  const { statuses, unknown } = parseStatusFilter(query.status);
  if (unknown.length > 0) {
    throw fieldError(['status'], `status must be one or more of ${REPORT_STATUSES.join(', ')}, separated by commas (not ${unknown.join(', ')})`, query.status);
  }
  return { days, statuses, locale: optionalString(query.locale, 'locale') };
};

const admin = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings');
  // Every document these routes read, and every related document they resolve, is checked as
  // the Content Manager checks it (services/access.ts): 403 for a document, withheld for a source.
  const reader = (ctx: any) => ({ userAbility: ctx.state.userAbility });
  const reportOptions = (ctx: any) => ({ ...reportQuery(ctx.query ?? {}), language: adminLanguage(ctx), reader: reader(ctx) });

  return {
    async getSettings(ctx: any) {
      const superAdmin = (ctx.state.user?.roles ?? []).some((role: { code?: string }) => role.code === SUPER_ADMIN);
      ctx.body = { data: { ...(await settings().forEditors({ language: adminLanguage(ctx), superAdmin })), contentTypes: attributableTypes(strapi) } };
    },

    async updateSettings(ctx: any) {
      ctx.body = { data: await settings().update(ctx.request.body ?? {}) };
    },

    /** Renders a template (the saved one when none is given) on a document's draft or on a sample. */
    async preview(ctx: any) {
      const body = ctx.request.body ?? {};
      const request = {
        template: typeof body.template === 'string' ? body.template : undefined,
        locale: optionalString(body.locale, 'locale'),
        contentType: optionalString(body.contentType, 'contentType'),
        documentId: optionalString(body.documentId, 'documentId'),
        onDocument: body.on === 'document',
      };
      if (request.contentType && !own(attributableTypes(strapi), request.contentType)) throw fieldError(['contentType'], `${request.contentType} is not attributable`);
      const result = await getService(strapi, 'preview').render(request, reader(ctx));
      if (result === null) return ctx.notFound(`No draft of ${request.documentId} in ${request.locale ?? 'en'}`);
      ctx.body = { data: result };
    },

    async report(ctx: any) {
      ctx.body = { data: await getService(strapi, 'report').build(reportOptions(ctx)) };
    },

    /** The same report (and filter) as a CSV file for the newsroom's records. */
    async reportCsv(ctx: any) {
      const csv = await getService(strapi, 'report').csv(reportOptions(ctx));
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="reprint-report-${new Date().toISOString().slice(0, 10)}.csv"`);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = csv;
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
        throw fieldError(['contentType'], `${contentType} is not attributable`);
      }
      if (values !== undefined && (typeof values !== 'object' || values === null || Array.isArray(values))) {
        throw fieldError(['values'], 'values must be the form values object');
      }
      const language = adminLanguage(ctx);
      ctx.body = { data: await getService(strapi, 'attribution').ofForm(contentType, { documentId, locale, values: values ?? {} }, reader(ctx), language) };
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
        throw fieldError(['documentIds'], 'contentType must be attributable and documentIds a list of at most 200');
      }
      const ids = documentIds.filter((id: unknown): id is string => typeof id === 'string');
      ctx.body = { data: await getService(strapi, 'attribution').statusOf(contentType, ids, locale, reader(ctx)) };
    },
  };
};

export default admin;
