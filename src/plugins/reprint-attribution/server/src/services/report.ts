import type { Core } from '@strapi/strapi';

import type { ContentTypeFields } from '../config';
import { licenseName, needsPermission } from '../domain';
import { CSV_COLUMNS, fieldLabel, reportStatus, reportWords, REPORT_STATUSES, toCsv, type ReportStatus } from '../domain/report';
import { addDays, attributableTypes, getService, isLocalized, todayIn } from '../utils';
import { CREATOR_POPULATE } from './access';
import type { Reader } from './attribution';
import type { ExpiryAction } from './expiry';

type Row = Record<string, any>;

export interface ReportOptions {
  /** the "expiring" window in days; the configured `expiringWithinDays` when absent */
  days?: number;
  /** the locale whose source names are shown; the admin's language (else the default locale) when absent */
  locale?: string;
  /** the admin's language: labels and words */
  language?: string | null;
  /** only reprints with these statuses; all when absent */
  statuses?: ReportStatus[] | null;
  reader?: Reader;
}

export interface ReportRow {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  status: ReportStatus;
  source: { documentId: string; name: string | null } | null;
  /** field paths publishing still needs (the type's own fields) */
  missing: string[];
  /** the same, with their labels in the admin's language */
  missingFields: Array<{ path: string; label: string }>;
  originalTitle: string | null;
  originalPublishedAt: string | null;
  license: string | null;
  permissionGrantedBy: string | null;
  permissionExpiresAt: string | null;
  permissionPerpetual: boolean;
  /** days until the permission lapses (negative: since it lapsed); null without one */
  daysLeft: number | null;
  publishedAt: string | null;
}

/** A field path of a type (outlet, attribution.license) back in the domain's roles (source, reprint.license). */
const toRolePath = (path: string, fields: ContentTypeFields): string => {
  const [head, ...rest] = path.split('.');
  const role = head === fields.reprint ? 'reprint' : head === fields.source ? 'source' : head === fields.title ? 'title' : head === fields.date ? 'date' : head === fields.slug ? 'slug' : head;
  return [role, ...rest].join('.');
};

const day = (value: unknown): string | null => (value ? String(value).slice(0, 10) : null);
const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : value ? String(value) : null);

/**
 * The expiry log names documents, some unpublished by the job (drafts now): an admin sees the
 * entries of documents it may read in the Content Manager (any version of them).
 */
const readableLog = async (strapi: Core.Strapi, entries: ExpiryAction[], reader?: Reader): Promise<ExpiryAction[]> => {
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
 * The editors' report: every published reprint with its status (expired, incomplete, expiring,
 * complete), what it misses by label, its source by its name in the admin's language; reprints
 * per source; the expiry log. A constant number of queries: one per content type, one per source
 * type (the sources' names in the chosen locale), the locales, and the log's.
 */
const report = ({ strapi }: { strapi: Core.Strapi }) => {
  const i18n = () => strapi.plugin('i18n').service('locales');

  /** The CMS locale an admin language reads best: itself, one of its language (zh → zh-Hans), else the default. */
  const localeFor = async (language: string | null | undefined, fallback: string): Promise<string> => {
    if (!language) return fallback;
    const codes: string[] = (await i18n().find()).map((locale: { code: string }) => locale.code);
    if (codes.includes(language)) return language;
    const base = language.toLowerCase().split('-')[0];
    return codes.find((code) => code.toLowerCase() === base) ?? codes.find((code) => code.toLowerCase().split('-')[0] === base) ?? fallback;
  };

  /**
   * The published sources' names in `locale`, else in the default locale, by documentId: one
   * query per source type, whatever the number of reprints.
   */
  const sourceNames = async (target: string, documentIds: string[], locale: string, fallback: string): Promise<Map<string, string>> => {
    const names = new Map<string, string>();
    if (documentIds.length === 0) return names;
    const localized = isLocalized(strapi, target);
    const rows: Row[] = await strapi.db.query(target as never).findMany({
      select: ['documentId', 'name', ...(localized ? ['locale'] : [])],
      where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true }, ...(localized ? { locale: { $in: [...new Set([locale, fallback])] } } : {}) },
    });
    for (const row of rows) {
      if (!row.name) continue;
      if (!localized || row.locale === locale || !names.has(row.documentId)) names.set(row.documentId, row.name);
    }
    return names;
  };

  return {
    async build({ days, locale, language, statuses, reader }: ReportOptions = {}) {
      const settings = await getService(strapi, 'settings').get();
      const within = days ?? settings.expiringWithinDays;
      const today = todayIn(settings.timeZone);
      const until = addDays(today, within);
      const defaultLocale: string = await i18n().getDefaultLocale();
      const namesIn = locale || (await localeFor(language, defaultLocale));
      const attribution = getService(strapi, 'attribution');
      const access = getService(strapi, 'access');

      const all: ReportRow[] = [];
      const perSource = new Map<string, { documentId: string | null; name: string | null; documents: Set<string> }>();

      for (const [uid, fields] of Object.entries(attributableTypes(strapi))) {
        if (reader && !access.canReadType(reader.userAbility, uid)) continue;
        const loaded: Row[] = await strapi.db.query(uid as never).findMany({
          where: { publishedAt: { $notNull: true }, [fields.reprint]: { isReprint: true } },
          populate: { ...attribution.populateFor(fields, { withCreator: Boolean(reader) }), [fields.source]: { select: ['name', 'homepage', 'documentId', 'locale'] } },
        });
        // An admin sees the documents it may read in the Content Manager, and no others.
        const rows = reader ? loaded.filter((row) => access.canRead(reader.userAbility, uid, row)) : loaded;
        const results = await attribution.ofRows(uid, rows);
        const target = (strapi.contentTypes[uid as never] as any)?.attributes?.[fields.source]?.target as string | undefined;
        const names = target
          ? await sourceNames(target, [...new Set(rows.map((row) => row[fields.source]?.documentId).filter(Boolean))], namesIn, defaultLocale)
          : new Map<string, string>();

        rows.forEach((row, index) => {
          const result = results[index];
          const reprint = row[fields.reprint] ?? {};
          const related = row[fields.source];
          const source = related?.documentId ? { documentId: related.documentId as string, name: names.get(related.documentId) ?? related.name ?? null } : null;
          const lapses = !reprint.permissionPerpetual && needsPermission(reprint.license) ? day(reprint.permissionExpiresAt) : null;
          all.push({
            contentType: uid,
            documentId: row.documentId,
            locale: row.locale ?? null,
            title: row[fields.title] ?? null,
            status: reportStatus({ complete: result.complete, permissionExpiresAt: lapses, today, until }),
            source,
            missing: result.missing,
            missingFields: result.missing.map((path) => ({ path, label: fieldLabel(toRolePath(path, fields), language) })),
            originalTitle: reprint.originalTitle ?? null,
            originalPublishedAt: day(reprint.originalPublishedAt),
            license: reprint.license ?? null,
            permissionGrantedBy: reprint.permissionGrantedBy ?? null,
            permissionExpiresAt: day(reprint.permissionExpiresAt),
            permissionPerpetual: Boolean(reprint.permissionPerpetual),
            daysLeft: lapses ? Math.round((Date.parse(lapses) - Date.parse(today)) / 86400000) : null,
            publishedAt: iso(row.publishedAt),
          });

          const key = source?.documentId ?? '(no source)';
          const entry = perSource.get(key) ?? { documentId: source?.documentId ?? null, name: source?.name ?? null, documents: new Set<string>() };
          entry.documents.add(`${uid}:${row.documentId}`);
          perSource.set(key, entry);
        });
      }

      const urgency = (status: ReportStatus) => REPORT_STATUSES.indexOf(status);
      all.sort(
        (a, b) =>
          urgency(a.status) - urgency(b.status) ||
          String(a.permissionExpiresAt ?? '9999').localeCompare(String(b.permissionExpiresAt ?? '9999')) ||
          String(a.title ?? '').localeCompare(String(b.title ?? '')) ||
          String(a.locale ?? '').localeCompare(String(b.locale ?? ''))
      );
      const counts = Object.fromEntries(REPORT_STATUSES.map((status) => [status, all.filter((row) => row.status === status).length])) as Record<ReportStatus, number>;

      return {
        today,
        expiringWithinDays: within,
        /** the locale the source names are in */
        sourceLocale: namesIn,
        statuses: statuses ?? [...REPORT_STATUSES],
        counts,
        reprints: statuses ? all.filter((row) => statuses.includes(row.status)) : all,
        perSource: [...perSource.values()]
          .map((entry) => ({ documentId: entry.documentId, name: entry.name, reprints: entry.documents.size }))
          .sort((a, b) => b.reprints - a.reprints || String(a.name).localeCompare(String(b.name))),
        expiryLog: await readableLog(strapi, (await getService(strapi, 'expiry').log()).slice(0, 50), reader),
      };
    },

    /** The report's reprints as a CSV file for the newsroom's records, in the admin's language. */
    async csv(options: ReportOptions = {}): Promise<string> {
      const { reprints } = await this.build({ ...options, reader: options.reader });
      const words = reportWords(options.language);
      const licenseWords = (license: string | null, locale: string | null) => (license ? (licenseName(license, options.language ?? locale ?? 'en') ?? license) : null);
      const cells = (row: ReportRow): Record<(typeof CSV_COLUMNS)[number], unknown> => ({
        status: words.statuses[row.status],
        title: row.title,
        locale: row.locale,
        contentType: row.contentType,
        documentId: row.documentId,
        source: row.source?.name ?? null,
        missing: row.missingFields.map((field) => field.label).join('; '),
        originalTitle: row.originalTitle,
        originalPublishedAt: row.originalPublishedAt,
        license: licenseWords(row.license, row.locale),
        permissionGrantedBy: row.permissionGrantedBy,
        permissionExpiresAt: row.permissionPerpetual ? null : row.permissionExpiresAt,
        publishedAt: row.publishedAt,
      });
      return toCsv([CSV_COLUMNS.map((column) => words.columns[column]), ...reprints.map((row) => CSV_COLUMNS.map((column) => cells(row)[column]))]);
    },
  };
};

/** What the report's admin route answers (`build`'s result): the admin's Report page reads it. */
export type Report = Awaited<ReturnType<ReturnType<typeof report>['build']>>;

export default report;
