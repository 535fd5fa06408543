import type { Core } from '@strapi/strapi';

import { own, renderCreditLine, sampleInput, validateTemplate, type AttributionInput } from '../domain';
import { attributableTypes, getConfig, getService, isLocalized } from '../utils';
import type { Reader } from './attribution';
import { toInput } from './attribution';

export interface PreviewRequest {
  /** the template to try; the saved one of the locale when absent */
  template?: string;
  locale?: string;
  /** a named draft to render on */
  contentType?: string;
  documentId?: string;
  /** render on the configured preview document (or the latest reprint) instead of the sample */
  onDocument?: boolean;
}

/**
 * The settings page's live preview of a credit-line template: on a sample reprint, on the
 * configured preview document, or on a named draft, each only if the admin may read it in the
 * Content Manager (services/access.ts).
 */
const preview = ({ strapi }: { strapi: Core.Strapi }) => {
  const access = () => getService(strapi, 'access');
  const attribution = () => getService(strapi, 'attribution');
  /** The locale filter of a draft: types without i18n have one version, whose locale is null. */
  const inLocale = (uid: string, code: string) => (isLocalized(strapi, uid) ? { locale: code } : {});

  /** The configured preview document (or the latest reprint) in the locale, if the admin may read it. */
  const previewDocument = async (code: string, reader: Reader) => {
    const configured = getConfig(strapi).previewDocument;
    const uid = configured?.contentType ?? Object.keys(attributableTypes(strapi))[0];
    const fields = uid ? attributableTypes(strapi)[uid] : undefined;
    if (!uid || !fields || !access().canReadType(reader.userAbility, uid)) return null;
    const row = await strapi.db.query(uid as never).findOne({
      where: { ...(configured?.where ?? { [fields.reprint]: { isReprint: true } }), ...inLocale(uid, code), publishedAt: { $null: true } },
      orderBy: fields.date ? [{ [fields.date]: 'desc' }] : [{ id: 'desc' }],
      populate: attribution().populateFor(fields, { withCreator: true }),
    });
    if (!row || !access().canRead(reader.userAbility, uid, row)) return null;
    await access().withholdSources(reader.userAbility, uid, fields, [row]);
    return { input: toInput(row, fields, code), document: { contentType: uid, documentId: row.documentId as string, title: (row[fields.title] ?? null) as string | null } };
  };

  return {
    /** The credit line, or the template's errors; null when the named draft does not exist. */
    async render(request: PreviewRequest, reader: Reader) {
      const code = request.locale ?? 'en';
      const text = request.template ?? own((await getService(strapi, 'settings').get()).templates, code);
      const errors = validateTemplate(text);
      if (errors.length > 0) return { errors, creditLine: null };

      let input: AttributionInput = sampleInput(code);
      let document: { contentType: string; documentId: string; title: string | null } | null = null;
      if (request.onDocument) {
        const found = await previewDocument(code, reader);
        if (!found) return { errors: [], creditLine: null, document: null };
        ({ input, document } = found);
      }
      if (request.contentType && request.documentId) {
        const fields = attributableTypes(strapi)[request.contentType];
        access().assertCanReadType(reader.userAbility, request.contentType);
        const row = await strapi.db.query(request.contentType as never).findOne({
          where: { documentId: request.documentId, ...inLocale(request.contentType, code), publishedAt: { $null: true } },
          populate: attribution().populateFor(fields, { withCreator: true }),
        });
        if (!row) return null;
        await attribution().guard(request.contentType, [row], reader);
        input = toInput(row, fields, code);
      }
      return { errors: [], creditLine: renderCreditLine(input, text as string), document };
    },
  };
};

export default preview;
