import type { Core } from '@strapi/strapi';

import { needsPermission } from '../domain';
import { addDays, attributableTypes, getService, todayIn } from '../utils';
import type { EffectiveSettings } from './settings';

type Row = Record<string, any>;

/**
 * The editors' overview: reprints per source, published reprints whose attribution is
 * incomplete, and permissions that expire within N days. One query per content type.
 */
const report = ({ strapi }: { strapi: Core.Strapi }) => ({
  async build({ days, locale }: { days?: number; locale?: string } = {}) {
    const settings = (await getService(strapi, 'settings').get()) as EffectiveSettings;
    const within = days ?? settings.expiringWithinDays;
    const today = todayIn(settings.timeZone);
    const until = addDays(today, within);
    const language: string = locale || (await strapi.plugin('i18n').service('locales').getDefaultLocale());
    const attribution = getService(strapi, 'attribution');

    const perSource = new Map<string, { documentId: string | null; name: string | null; documents: Set<string> }>();
    const incomplete: Row[] = [];
    const expiring: Row[] = [];

    for (const [uid, fields] of Object.entries(attributableTypes(strapi))) {
      const rows: Row[] = await strapi.db.query(uid as never).findMany({
        where: { publishedAt: { $notNull: true }, [fields.reprint]: { isReprint: true } },
        populate: { ...attribution.populateFor(fields), [fields.source]: { select: ['name', 'homepage', 'documentId', 'locale'] } },
      });
      const results = await attribution.ofRows(uid, rows);
      rows.forEach((row, index) => {
        const source = row[fields.source];
        const key = source?.documentId ?? '(no source)';
        const entry = perSource.get(key) ?? { documentId: source?.documentId ?? null, name: null, documents: new Set<string>() };
        if (source && (!entry.name || row.locale === language)) entry.name = source.name;
        entry.documents.add(`${uid}:${row.documentId}`);
        perSource.set(key, entry);

        const result = results[index];
        const base = { contentType: uid, documentId: row.documentId, locale: row.locale ?? null, title: row[fields.title] ?? null };
        if (!result.complete) incomplete.push({ ...base, missing: result.missing });

        const reprint = row[fields.reprint];
        const expires = reprint?.permissionExpiresAt ? String(reprint.permissionExpiresAt).slice(0, 10) : null;
        if (expires && !reprint.permissionPerpetual && needsPermission(reprint.license) && expires >= today && expires <= until) {
          expiring.push({ ...base, permissionExpiresAt: expires, permissionGrantedBy: reprint.permissionGrantedBy ?? null, daysLeft: Math.round((Date.parse(expires) - Date.parse(today)) / 86400000) });
        }
      });
    }

    return {
      today,
      expiringWithinDays: within,
      perSource: [...perSource.values()]
        .map((entry) => ({ documentId: entry.documentId, name: entry.name, reprints: entry.documents.size }))
        .sort((a, b) => b.reprints - a.reprints || String(a.name).localeCompare(String(b.name))),
      incompletePublished: incomplete,
      expiringPermissions: expiring.sort((a, b) => a.permissionExpiresAt.localeCompare(b.permissionExpiresAt)),
      expiryLog: (await getService(strapi, 'expiry').log()).slice(0, 50),
    };
  },
});

export default report;
