import type { Core } from '@strapi/strapi';

import type { DeskType } from '../domain';
import { forbidden, notFound, validationError } from '../errors';
import { adminName, deskTypes, getConfig, getService } from '../utils';
import { parseStatusQuery, type Problem } from '../validation';

/**
 * The admin API (docs/translations.md, "Admin API"). Each action: check the input (a 400 naming
 * every bad field), check the Content Manager's permission, call a service, respond.
 */
const desk = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => getService(strapi, 'desk');
  const access = () => getService(strapi, 'access');
  const records = () => getService(strapi, 'records');

  /** A covered type the admin may read: 404 for an unknown one, 403 when the Content Manager would refuse. */
  const readableType = (ctx: any, uid: unknown, path: string[]): DeskType => {
    if (typeof uid !== 'string' || uid === '') throw validationError([{ path, message: `${path.join('.')} must be a content type uid (${[...deskTypes(strapi).keys()].join(', ')})` }]);
    const type = deskTypes(strapi).get(uid);
    if (!type) throw notFound(`${uid} is not a content type the translation desk covers (${[...deskTypes(strapi).keys()].join(', ')})`);
    if (!access().canReadType(ctx.state.userAbility, uid)) throw forbidden(`You may not read ${uid} in the Content Manager`);
    return type;
  };

  /** The path's documentId and locale, checked; the document's versions (404 when it has none). */
  const target = async (ctx: any) => {
    const type = readableType(ctx, ctx.params.uid, ['uid']);
    const { codes, defaultLocale } = await records().locales();
    const problems: Problem[] = [];
    const { documentId, locale } = ctx.params as { documentId: string; locale: string };
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(documentId)) problems.push({ path: ['documentId'], message: 'documentId must be a document id (letters and digits)' });
    if (!codes.includes(locale)) problems.push({ path: ['locale'], message: `locale must be one of ${codes.join(', ')}` });
    if (problems.length > 0) throw validationError(problems);
    const versions = await service().versionsOf(type, documentId);
    if (!versions) throw notFound(`${type.uid} has no document ${documentId}`);
    return { type, documentId, locale, versions, codes, defaultLocale };
  };

  /**
   * The source's text (the diff's before and after) only for an admin who may read the source
   * version in the Content Manager; otherwise the changed fields' names alone, and `diffWithheld`.
   */
  const withSourceAccess = async <T extends { translatedFrom?: string | null; diff?: unknown[] }>(ctx: any, type: DeskType, documentId: string, data: T) => {
    if (!data.translatedFrom || !data.diff || data.diff.length === 0) return data;
    const source = await access().version(type.uid, documentId, data.translatedFrom, type);
    if (source && access().can(ctx.state.userAbility, type.uid, 'read', source)) return data;
    return { ...data, diff: [], diffWithheld: true };
  };

  const assertMay = async (ctx: any, action: 'read' | 'update', type: DeskType, documentId: string, locale: string) => {
    const version = await access().version(type.uid, documentId, locale, type);
    if (version && !access().can(ctx.state.userAbility, type.uid, action, version)) {
      throw forbidden(`You may not ${action} the ${locale} version of this ${type.uid} document in the Content Manager`);
    }
    return version;
  };

  return {
    async types(ctx: any) {
      ctx.body = { data: await service().types(ctx.state.userAbility, ctx.state.user) };
    },

    async status(ctx: any) {
      const { type: uid, ...rest } = (ctx.query ?? {}) as Record<string, unknown>;
      const type = readableType(ctx, uid, ['type']);
      const { codes, defaultLocale } = await records().locales();
      const { query, problems } = parseStatusQuery(rest, type, { locales: codes, maxPageSize: getConfig(strapi).maxPageSize });
      if (!query) throw validationError(problems);
      ctx.body = await service().status(type, query, ctx.state.userAbility, { codes, defaultLocale });
    },

    async detail(ctx: any) {
      const { type, documentId, locale, versions } = await target(ctx);
      await assertMay(ctx, 'read', type, documentId, locale);
      ctx.body = { data: await withSourceAccess(ctx, type, documentId, await service().detail(type, documentId, locale, versions)) };
    },

    /** Marks a translation reviewed: its source's text now is what it is compared with; the text is not touched. */
    async review(ctx: any) {
      const { type, documentId, locale, versions } = await target(ctx);
      const version = await assertMay(ctx, 'update', type, documentId, locale);
      if (!version) throw notFound(`${type.uid} ${documentId} has no ${locale} version to review`);
      const before = await service().detail(type, documentId, locale, versions);
      if (!before.translatedFrom) throw validationError([{ path: ['locale'], message: `the ${locale} version is the original edition (translated from no other): there is nothing to review it against` }]);
      await records().review(type.uid, documentId, locale, { id: ctx.state.user?.id ?? null, name: adminName(ctx.state.user) });
      ctx.body = { data: await service().detail(type, documentId, locale, versions) };
    },

    /** Creates the missing `locale` version from the source's content (409 when it exists). */
    async create(ctx: any) {
      const { type, documentId, locale, versions, codes, defaultLocale } = await target(ctx);
      const body = ctx.request.body ?? {};
      const problems: Problem[] = [];
      if (typeof body !== 'object' || Array.isArray(body)) problems.push({ path: [], message: 'the body must be a JSON object ({ "from": locale }) or empty' });
      const unknown = typeof body === 'object' && body ? Object.keys(body).filter((key) => key !== 'from') : [];
      for (const key of unknown) problems.push({ path: [key], message: `unknown field "${key}" (known: from)` });
      const present = [...new Set(versions.map((version) => version.locale))];
      const records_ = await records().loadRecords(type.uid, [documentId], { full: false });
      const from = body?.from ?? service().originalOf(present, records_, defaultLocale);
      if (typeof from !== 'string' || !codes.includes(from)) problems.push({ path: ['from'], message: `from must be one of ${codes.join(', ')}` });
      else if (from === locale) problems.push({ path: ['from'], message: 'from must be another locale than the one created' });
      else if (!versions.some((version) => version.locale === from && (!version.published || !type.draftAndPublish))) problems.push({ path: ['from'], message: `the document has no ${from} version to translate from` });
      if (problems.length > 0) throw validationError(problems);
      if (versions.some((version) => version.locale === locale)) ctx.throw(409, `the ${locale} version of ${documentId} exists already: open it in the Content Manager`);
      await assertMay(ctx, 'read', type, documentId, from);
      if (!access().mayCreate(ctx.state.userAbility, type.uid, locale, ctx.state.user)) {
        throw forbidden(`You may not create ${type.uid} documents in ${locale} in the Content Manager`);
      }
      const created = await service().createFrom(type, documentId, locale, from, ctx.state.user);
      if (!created) throw notFound(`${type.uid} ${documentId} has no ${from} draft`);
      ctx.status = 201;
      ctx.body = { data: created };
    },
  };
};

export default desk;
