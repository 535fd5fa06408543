import type { Core } from '@strapi/strapi';
import { errors } from '../host-utils';

import { fieldError } from '../errors';
import { attributableTypes, getService } from '../utils';

/** Content API: GET /api/reprint-attribution/:contentType/:documentId?locale= */
const attribution = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findOne(ctx: any) {
    const { contentType, documentId } = ctx.params;
    const uid = Object.keys(attributableTypes(strapi)).find(
      (candidate) => (strapi.contentTypes[candidate as never] as any)?.info?.singularName === contentType
    );
    if (!uid) return ctx.notFound(`${contentType} is not an attributable content type`);

    const locale = ctx.query.locale;
    if (locale !== undefined) {
      const codes: string[] = (await strapi.plugin('i18n').service('locales').find()).map((entry: { code: string }) => entry.code);
      if (typeof locale !== 'string' || !codes.includes(locale)) {
        throw fieldError(['locale'], `locale "${locale}" does not exist; use one of: ${codes.join(', ')}`, locale);
      }
    }
    const status = ctx.query.status;
    if (status !== undefined && status !== 'draft' && status !== 'published') {
      throw fieldError(['status'], 'status must be draft or published');
    }
    const drafts = status === 'draft';
    if (drafts && ctx.state.auth?.strategy?.name !== 'content-api-token') {
      throw new errors.PolicyError('Drafts are only readable with an API token; omit status or use status=published');
    }

    const result = await getService(strapi, 'attribution').ofDocument(uid, documentId, locale, drafts);
    if (!result) return ctx.notFound(`No ${drafts ? 'draft' : 'published'} ${contentType} ${documentId}${locale ? ` in locale ${locale}` : ''}`);
    ctx.body = { data: result, meta: { contentType: uid, documentId, locale: locale ?? (await strapi.plugin('i18n').service('locales').getDefaultLocale()) } };
  },
});

export default attribution;
