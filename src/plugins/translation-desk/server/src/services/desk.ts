import type { Core } from '@strapi/strapi';

import { cellState, fieldDiff, staleness, statusOf, type DeskType, type StatusQuery, type VersionRow } from '../domain';
import { deskTypes, getService } from '../utils';

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

  /** The original edition of a document: the version recorded as made from no other, else the default locale's, else the first. */
  const originalOf = (present: string[], recorded: Array<{ locale: string; translatedFrom: string | null }>, defaultLocale: string | null) =>
    present.find((locale) => recorded.some((record) => record.locale === locale && !record.translatedFrom)) ??
    (defaultLocale && present.includes(defaultLocale) ? defaultLocale : present[0] ?? null);

  return {
    /** The covered types this admin may read in the Content Manager, with what the table needs. */
    async types(userAbility: unknown, user?: { id?: number; roles?: Array<{ id: number }> }) {
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
          /** the locales whose missing editions this admin may create (the page offers "Create from the original" only there) */
          creatableLocales: codes.filter((locale) => access().mayCreate(userAbility, type.uid, locale, user)),
        }));
    },

    /**
     * The status table: the documents' stored summaries (one narrow row per document, kept by
     * every write) and the admin's permissions; a constant number of queries whatever the size.
     */
    async status(type: DeskType, query: StatusQuery, userAbility: unknown, { codes, defaultLocale }: { codes: string[]; defaultLocale: string | null }) {
      const [readable, summaries] = await Promise.all([access().readable(userAbility, type.uid), records().loadSummaries(type.uid)]);
      return statusOf(summaries, query, {
        locales: codes,
        defaultLocale,
        readable: readable?.documents ?? null,
        readableVersions: readable?.versions ?? null,
        readableLocales: readable?.locales ?? null,
      });
    },

    /** The versions of one document (null when it has none). */
    versionsOf: async (type: DeskType, documentId: string) => {
      const versions = await records().loadVersions(type, [documentId]);
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
