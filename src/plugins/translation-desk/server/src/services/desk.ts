import type { Core } from '@strapi/strapi';

import { buildStatus, cellState, fieldDiff, staleness, type DeskType, type RecordState, type StatusQuery, type VersionRow } from '../domain';
import { columnsOf, deskTypes, fromJson, getService, RECORD_UID } from '../utils';

type Row = Record<string, any>;
const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

/** Attribute types "Fill in from another locale" copies (localized ones): what a new translation starts from. */
const COPIED = new Set(['string', 'text', 'richtext', 'blocks', 'email', 'json', 'enumeration', 'integer', 'biginteger', 'float', 'decimal', 'boolean', 'date', 'datetime', 'time', 'component', 'dynamiczone', 'media']);

/** A component's (or dynamic zone's) value without the ids of the source's component rows. */
const withoutIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== 'object') return value;
  const { id: _id, documentId: _documentId, ...rest } = value as Row;
  return Object.fromEntries(Object.entries(rest).map(([key, item]) => [key, withoutIds(item)]));
};
const mediaIds = (value: unknown) => (Array.isArray(value) ? value.map((file: Row) => file.id) : value && typeof value === 'object' ? (value as Row).id : null);

const desk = ({ strapi }: { strapi: Core.Strapi }) => {
  const records = () => getService(strapi, 'records');
  const access = () => getService(strapi, 'access');

  /** Every version of a type, with what the table shows and filters on: one query. */
  const loadVersions = async (type: DeskType, documentId?: string): Promise<VersionRow[]> => {
    const { table, column } = columnsOf(strapi, type.uid);
    const select = [
      `${column('documentId')} as documentId`,
      `${column('locale')} as locale`,
      `${column('createdAt')} as createdAt`,
      `${column('updatedAt')} as updatedAt`,
      ...(type.draftAndPublish ? [`${column('publishedAt')} as publishedAt`] : []),
      ...(type.title ? [`${column(type.title)} as title`] : []),
      ...(type.date ? [`${column(type.date)} as date`] : []),
      ...type.filters.map((filter) => `${column(filter.name)} as v_${filter.name}`),
    ];
    let query = strapi.db.connection(table).select(select);
    if (documentId) query = query.where(column('documentId'), documentId);
    const rows: Row[] = await query;
    return rows.map((row) => ({
      documentId: row.documentId,
      locale: row.locale,
      published: type.draftAndPublish ? row.publishedAt !== null && row.publishedAt !== undefined : false,
      createdAt: row.createdAt === null ? null : new Date(row.createdAt),
      updatedAt: row.updatedAt === null ? null : new Date(row.updatedAt),
      title: row.title ?? null,
      date: row.date instanceof Date ? row.date : row.date === null || row.date === undefined ? null : typeof row.date === 'number' ? new Date(row.date).toISOString() : String(row.date),
      values: Object.fromEntries(type.filters.map((filter) => [filter.name, row[`v_${filter.name}`]])),
    })) as VersionRow[];
  };

  /** The status table's records of a type (without the snapshots): one query. */
  const loadStates = async (uid: string): Promise<Map<string, RecordState>> => {
    const { table, column } = columnsOf(strapi, RECORD_UID);
    const fields = ['entryDocumentId', 'entryLocale', 'hash', 'fieldHashes', 'hashChangedAt', 'translatedFrom', 'sourceHash', 'sourceFieldHashes'];
    const rows: Row[] = await strapi.db.connection(table).select(fields.map((field) => `${column(field)} as ${field}`)).where(column('contentType'), uid);
    return new Map(
      rows.map((row) => [
        `${row.entryDocumentId}|${row.entryLocale}`,
        {
          hash: row.hash,
          fieldHashes: fromJson<Record<string, string>>(row.fieldHashes) ?? {},
          hashChangedAt: row.hashChangedAt === null ? null : new Date(row.hashChangedAt),
          translatedFrom: row.translatedFrom ?? null,
          sourceHash: row.sourceHash ?? null,
          sourceFieldHashes: fromJson<Record<string, string>>(row.sourceFieldHashes),
        },
      ])
    );
  };

  /** The original edition of a document: the version recorded as made from no other, else the default locale's, else the first. */
  const originalOf = (present: string[], recorded: Array<{ locale: string; translatedFrom: string | null }>, defaultLocale: string | null) =>
    present.find((locale) => recorded.some((record) => record.locale === locale && !record.translatedFrom)) ??
    (defaultLocale && present.includes(defaultLocale) ? defaultLocale : present[0] ?? null);

  return {
    /** The covered types this admin may read in the Content Manager, with what the table needs. */
    async types(userAbility: unknown) {
      const { codes, defaultLocale } = await records().locales();
      return [...deskTypes(strapi).values()]
        .filter((type) => access().canReadType(userAbility, type.uid))
        .map((type) => ({
          uid: type.uid,
          displayName: type.displayName,
          locales: codes,
          defaultLocale,
          filters: type.filters.map((filter) => ({ name: filter.name, type: 'enumeration' as const, values: filter.values })),
          date: type.date,
          title: type.title,
          fields: type.fields.map((field) => field.name),
        }));
    },

    /** The status table: a constant number of queries (locales, permissions, versions, records), whatever the size. */
    async status(type: DeskType, query: StatusQuery, userAbility: unknown, { codes, defaultLocale }: { codes: string[]; defaultLocale: string | null }) {
      const readable = await access().readable(userAbility, type.uid);
      const [versions, states] = await Promise.all([loadVersions(type), loadStates(type.uid)]);
      return buildStatus(versions, states, query, {
        locales: codes,
        defaultLocale,
        fields: type.fields.map((field) => field.name),
        draftAndPublish: type.draftAndPublish,
        readable: readable?.documents ?? null,
        readableVersions: readable?.versions ?? null,
        readableLocales: readable?.locales ?? null,
      });
    },

    /** The versions of one document (null when it has none). */
    versionsOf: async (type: DeskType, documentId: string) => {
      const versions = await loadVersions(type, documentId);
      return versions.length === 0 ? null : versions;
    },

    /** One locale version's state, staleness and the source's field-level diff since the translation. */
    async detail(type: DeskType, documentId: string, locale: string, versions: VersionRow[]) {
      const draft = versions.find((version) => version.locale === locale && !version.published);
      const published = versions.find((version) => version.locale === locale && version.published);
      const state = cellState({ hasDraft: Boolean(draft), hasPublished: Boolean(published), draftUpdatedAt: draft?.updatedAt, publishedUpdatedAt: published?.updatedAt });
      const stored = await records().loadRecords(type.uid, [documentId]);
      const record = stored.find((candidate) => candidate.locale === locale);
      const { defaultLocale } = await records().locales();
      const present = [...new Set(versions.map((version) => version.locale))];
      const base = {
        documentId,
        locale,
        state,
        original: originalOf(present, stored, defaultLocale),
        updatedAt: iso((draft ?? published)?.updatedAt as Date | undefined),
      };
      if (state === 'missing' || !record) {
        return { ...base, stale: false, translatedFrom: null, sourceChangedAt: null, changedFields: [], diff: [], reviewedAt: null, reviewedBy: null };
      }
      const source = record.translatedFrom ? stored.find((candidate) => candidate.locale === record.translatedFrom) : undefined;
      const fields = type.fields.map((field) => field.name);
      const result = staleness(record, source, fields);
      let diff: Array<{ field: string; before: string; after: string }> = [];
      if (result.stale && record.translatedFrom) {
        const current = (await records().loadDrafts(type, [documentId])).get(documentId)?.find((version) => version.locale === record.translatedFrom);
        diff = current ? fieldDiff(record.sourceSnapshot, current.texts, result.changedFields) : [];
      }
      return {
        ...base,
        stale: result.stale,
        translatedFrom: record.translatedFrom,
        sourceChangedAt: result.sourceChangedAt,
        changedFields: result.changedFields,
        diff,
        sourceRecordedAt: iso(record.sourceRecordedAt),
        reviewedAt: iso(record.reviewedAt),
        reviewedBy: record.reviewedBy,
      };
    },

    originalOf,

    /**
     * Creates the draft of `locale` from the `from` version's content (what the Content Manager's
     * "Fill in from another locale" copies: the localized fields, components without their ids,
     * media; not the slug, which the app generates, nor relations), recorded as translated from it.
     */
    async createFrom(type: DeskType, documentId: string, locale: string, from: string, user: { id: number } | undefined) {
      const model: any = strapi.contentTypes[type.uid as never];
      const copied = Object.entries<any>(model.attributes).filter(([, attribute]) => attribute.pluginOptions?.i18n?.localized && COPIED.has(attribute.type));
      const populate = Object.fromEntries(copied.filter(([, attribute]) => ['component', 'dynamiczone', 'media'].includes(attribute.type)).map(([name]) => [name, true]));
      const source: Row | null = await strapi.documents(type.uid as never).findOne({ documentId, locale: from, status: 'draft', populate } as never);
      if (!source) return null;
      const data: Row = {};
      for (const [name, attribute] of copied) {
        if (source[name] === undefined) continue;
        data[name] = attribute.type === 'media' ? mediaIds(source[name]) : ['component', 'dynamiczone'].includes(attribute.type) ? withoutIds(source[name]) : source[name];
      }
      if (user?.id) Object.assign(data, { createdBy: user.id, updatedBy: user.id });
      const created: Row = await records().translatedFrom(from, () => strapi.documents(type.uid as never).update({ documentId, locale, data } as never));
      return { documentId: created?.documentId ?? documentId, locale };
    },
  };
};

export default desk;
