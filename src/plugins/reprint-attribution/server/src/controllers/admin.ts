import type { Core } from '@strapi/strapi';

import { own } from '../domain';
import { parseStatusFilter, REPORT_STATUSES } from '../domain/report';
import { listFilterProblems, type ListFilter, type ListView } from '../domain/list-status';
import { fieldError, validationError } from '../errors';
import { adminLanguage, attributableTypes, getService } from '../utils';


/** Ids and locales from a request body go into database filters: plain strings only. */
const optionalString = (value: unknown, path: string) => {
  if (value === undefined || value === null || typeof value === 'string') return (value ?? undefined) as string | undefined;
  throw fieldError([path], `${path} must be a string`);
};

const SUPER_ADMIN = 'strapi-super-admin';

const attributableType = (value: unknown, types: Record<string, unknown>): string => {
  if (typeof value !== 'string' || !own(types, value)) throw fieldError(['contentType'], `contentType must be an attributable content type (${Object.keys(types).join(', ')})`, value);
  return value;
};

/** The list column's request: an attributable type, at most 200 documentIds (strings), a locale. */
const statusRequest = (body: any, types: Record<string, unknown>) => {
  const contentType = attributableType(body?.contentType, types);
  const { documentIds } = body ?? {};
  if (!Array.isArray(documentIds) || documentIds.length > 200) throw fieldError(['documentIds'], 'documentIds must be a list of at most 200 document ids');
  const bad = documentIds.findIndex((id: unknown) => typeof id !== 'string');
  if (bad >= 0) throw fieldError(['documentIds', String(bad)], 'each documentId must be a string', documentIds[bad]);
  return { contentType, documentIds: documentIds as string[], locale: optionalString(body?.locale, 'locale') };
};

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

    /**
     * The list column: each document's draft and published version in one locale (one query for
     * the page), the missing requirements named in the admin's language.
     */
    async status(ctx: any) {
      const { contentType, documentIds, locale } = statusRequest(ctx.request.body, attributableTypes(strapi));
      ctx.body = await getService(strapi, 'listStatus').statusOf(contentType, documentIds, locale, reader(ctx), adminLanguage(ctx));
    },

    /** The documents an attribution filter keeps in the Content Manager's list (what its `__attribution` filter applies). */
    async listFilter(ctx: any) {
      const query = ctx.query ?? {};
      const contentType = attributableType(query.contentType, attributableTypes(strapi));
      const problems = listFilterProblems({ filter: query.filter, locale: query.locale, view: query.status }, { filter: ['filter'], locale: ['locale'], view: ['status'] });
      if (problems.length > 0) throw validationError(problems);
      const request = { filter: query.filter as ListFilter, locale: query.locale as string | undefined, view: (query.status ?? 'draft') as ListView };
      ctx.body = { data: { documentIds: await getService(strapi, 'listStatus').matching(contentType, request, reader(ctx)) } };
    },
  };
};

export default admin;
