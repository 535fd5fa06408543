import type { Core } from '@strapi/strapi';

import { needsPermission } from '../domain';
import { addDays, attributableTypes, getService, todayIn } from '../utils';
import { CREATOR_POPULATE } from './access';
import type { Reader } from './attribution';

type Row = Record<string, any>;

/**
 * The expiry log names documents, some unpublished by the job (drafts now): an admin sees the
 * entries of documents it may read in the Content Manager (any version of them).
 */
const readableLog = async (strapi: Core.Strapi, entries: Row[], reader?: Reader): Promise<Row[]> => {
  if (!reader || entries.length === 0) return entries;
  const access = getService(strapi, 'access');
  const readable = new Set<string>();
  for (const uid of new Set(entries.map((entry) => entry.contentType as string))) {
    if (!attributableTypes(strapi)[uid] || !access.canReadType(reader.userAbility, uid)) continue;
    const rows: Row[] = await strapi.db.query(uid as never).findMany({
      where: { documentId: { $in: entries.filter((entry) => entry.contentType === uid).map((entry) => entry.documentId) } },
      populate: CREATOR_POPULATE,
    });
    for (const row of rows) if (access.canRead(reader.userAbility, uid, row)) readable.add(`${uid}:${row.documentId}`);
  }
  return entries.filter((entry) => readable.has(`${entry.contentType}:${entry.documentId}`));
};

/**
 * The editors' overview: reprints per source, published reprints whose attribution is
 * incomplete, and permissions that expire within N days. One query per content type.
 */
const report = ({ strapi }: { strapi: Core.Strapi }) => ({
  async build({ days, locale, reader }: { days?: number; locale?: string; reader?: Reader } = {}) {
    const settings = await getService(strapi, 'settings').get();
    const within = days ?? settings.expiringWithinDays;
    const today = todayIn(settings.timeZone);
    const until = addDays(today, within);
    const language: string = locale || (await strapi.plugin('i18n').service('locales').getDefaultLocale());
    const attribution = getService(strapi, 'attribution');
    const access = getService(strapi, 'access');

    const perSource = new Map<string, { documentId: string | null; name: string | null; documents: Set<string> }>();
    const incomplete: Row[] = [];
    const expiring: Row[] = [];

    for (const [uid, fields] of Object.entries(attributableTypes(strapi))) {
      if (reader && !access.canReadType(reader.userAbility, uid)) continue;
      const loaded: Row[] = await strapi.db.query(uid as never).findMany({
        where: { publishedAt: { $notNull: true }, [fields.reprint]: { isReprint: true } },
        populate: { ...attribution.populateFor(fields, { withCreator: Boolean(reader) }), [fields.source]: { select: ['name', 'homepage', 'documentId', 'locale'] } },
      });
      // An admin sees the documents it may read in the Content Manager, and no others.
      const rows = reader ? loaded.filter((row) => access.canRead(reader.userAbility, uid, row)) : loaded;
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
      expiryLog: await readableLog(strapi, (await getService(strapi, 'expiry').log()).slice(0, 50), reader),
    };
  },
});

export default report;
