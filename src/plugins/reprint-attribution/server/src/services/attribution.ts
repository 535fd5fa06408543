import type { Core } from '@strapi/strapi';

import type { ContentTypeFields } from '../config';
import { buildAttribution, buildChecklist, checkForPublish, checkOnSave, localizeProblem, type Attribution, type AttributionInput, type ChecklistItem, type Problem } from '../domain';
import { inFieldPaths, toFieldPath } from '../fields';
import { attributableTypes, getService, isLocalized, todayIn } from '../utils';
import { CREATOR_POPULATE } from './access';

type Row = Record<string, any>;

const populateFor = (fields: ContentTypeFields, { withCreator = false }: { withCreator?: boolean } = {}) => ({
  [fields.reprint]: true,
  [fields.source]: { select: ['id', 'name', 'homepage'] },
  ...(fields.seo ? { [fields.seo]: true } : {}),
  ...(fields.image ? { [fields.image]: { select: ['id', 'url'] } } : {}),
  // What the Content Manager's permission conditions read (admin routes only).
  ...(withCreator ? CREATOR_POPULATE : {}),
});

/** The admin asking, on admin routes: what it reads is checked as in the Content Manager. */
export interface Reader {
  userAbility: unknown;
}

type Target = { id: number } | { documentId: string; locale?: string };

/**
 * The source a form's relation value names: `undefined` when the value leaves it unchanged,
 * `null` when it removes it, else the target. Every shape Strapi accepts for a relation:
 * { connect, disconnect }, { set }, an array, an id, a documentId, { id } or { documentId }.
 */
export const relationTarget = (value: unknown): Target | null | undefined => {
  const one = (item: unknown): Target | null => {
    if (typeof item === 'number' && Number.isInteger(item)) return { id: item };
    if (typeof item === 'string' && item !== '') return /^\d+$/.test(item) ? { id: Number(item) } : { documentId: item };
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const { id, documentId, locale } = item as Record<string, unknown>;
      if (typeof documentId === 'string' && documentId !== '') return { documentId, ...(typeof locale === 'string' ? { locale } : {}) };
      if (id !== undefined) return one(id);
    }
    return null;
  };
  const last = (items: unknown[]) => (items.length === 0 ? null : one(items[items.length - 1]));
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (Array.isArray(value)) return last(value);
  if (typeof value === 'object') {
    const relation = value as Record<string, unknown>;
    if (Array.isArray(relation.set)) return last(relation.set);
    if (Array.isArray(relation.connect) && relation.connect.length > 0) return last(relation.connect);
    if (Array.isArray(relation.disconnect) && relation.disconnect.length > 0) return null;
    if ('connect' in relation || 'disconnect' in relation) return undefined;
  }
  return one(value);
};

/** The plain input of the domain functions, from a stored row or a response item. */
export const toInput = (row: Row, fields: ContentTypeFields, fallbackLocale: string | undefined): AttributionInput => ({
  locale: row.locale ?? fallbackLocale ?? 'en',
  title: row[fields.title] ?? null,
  slug: fields.slug ? (row[fields.slug] ?? null) : null,
  date: fields.date ? (row[fields.date] ?? null) : null,
  reprint: row[fields.reprint] ?? null,
  source: row[fields.source] ?? null,
  seo: fields.seo ? (row[fields.seo] ?? null) : null,
  image: fields.image ? (row[fields.image]?.url ?? null) : null,
  dateModified: row.updatedAt ? String(row.updatedAt instanceof Date ? row.updatedAt.toISOString() : row.updatedAt) : null,
});

/** Whether a response item already carries everything the attribution is computed from. */
const isComplete = (item: Row, fields: ContentTypeFields) =>
  [fields.reprint, fields.source, fields.title, fields.date, fields.slug, fields.seo, fields.image]
    .filter((field): field is string => Boolean(field))
    .every((field) => field in item) &&
  (item[fields.source] === null || 'homepage' in item[fields.source]);

const attribution = ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = () => getService(strapi, 'settings').get();
  const defaultLocale = (): Promise<string> => strapi.plugin('i18n').service('locales').getDefaultLocale();
  /** The default locale is a store read: only asked for when some row has no locale of its own. */
  const fallbackFor = async (rows: Row[]) => (rows.some((row) => !row.locale) ? defaultLocale() : undefined);
  const fieldsOf = (uid: string) => attributableTypes(strapi)[uid];

  return {
    /** Attribution of rows loaded by the caller (populated with reprint, source, seo). */
    async ofRows(uid: string, rows: Row[]): Promise<Attribution[]> {
      const fields = fieldsOf(uid);
      const [current, locale] = await Promise.all([settings(), fallbackFor(rows)]);
      const today = todayIn(current.timeZone);
      return rows.map((row) => inFieldPaths(buildAttribution(toInput(row, fields, locale), current, today), fields));
    },

    /**
     * Attribution for the items of a content-API response, by documentId and locale. Items that
     * already carry their reprint, source and SEO (the default population) cost no query; the
     * others are loaded together in one query, whatever their number.
     */
    async ofResponseItems(uid: string, items: Row[], { drafts, locale: served }: { drafts: boolean; locale?: string }): Promise<Map<Row, Attribution>> {
      const fields = fieldsOf(uid);
      const result = new Map<Row, Attribution>();
      if (!fields || items.length === 0) return result;
      // An item lacks its locale when the client narrowed `fields`: it is in the locale served.
      const [current, fallback] = await Promise.all([settings(), served ? undefined : fallbackFor(items)]);
      const locale = served ?? fallback;
      // A type without i18n has one version per document: its rows have no locale to match.
      const localized = isLocalized(strapi, uid);
      const today = todayIn(current.timeZone);

      const incomplete = items.filter((item) => !isComplete(item, fields));
      const loaded = new Map<string, Row>();
      if (incomplete.length > 0) {
        const rows: Row[] = await strapi.db.query(uid as never).findMany({
          where: {
            documentId: { $in: [...new Set(incomplete.map((item) => item.documentId))] },
            publishedAt: drafts ? { $null: true } : { $notNull: true },
          },
          populate: populateFor(fields),
        });
        for (const row of rows) loaded.set(`${row.documentId}:${localized ? (row.locale ?? '') : ''}`, row);
      }
      for (const item of items) {
        const row = isComplete(item, fields) ? item : { ...loaded.get(`${item.documentId}:${localized ? (item.locale ?? locale ?? '') : ''}`), ...pick(item, fields) };
        result.set(item, inFieldPaths(buildAttribution(toInput(row, fields, locale), current, today), fields));
      }
      return result;
    },

    /** One document version, published unless drafts are asked for; null when there is none. */
    async ofDocument(uid: string, documentId: string, locale: string | undefined, drafts = false, reader?: Reader): Promise<Attribution | null> {
      const fields = fieldsOf(uid);
      const code = locale || (await defaultLocale());
      const row = await strapi.db.query(uid as never).findOne({
        where: { documentId, ...(isLocalized(strapi, uid) ? { locale: code } : {}), publishedAt: drafts ? { $null: true } : { $notNull: true } },
        populate: populateFor(fields, { withCreator: Boolean(reader) }),
      });
      if (!row) return null;
      if (reader) await this.guard(uid, [row], reader);
      const [result] = await this.ofRows(uid, [row]);
      return result;
    },

    /** Problems that block publishing these draft versions, per locale. */
    async publishProblems(uid: string, rows: Row[]): Promise<Array<{ locale: string; problems: Problem[] }>> {
      const fields = fieldsOf(uid);
      const [current, locale] = await Promise.all([settings(), fallbackFor(rows)]);
      const today = todayIn(current.timeZone);
      return rows.map((row) => {
        const input = toInput(row, fields, locale);
        return { locale: input.locale, problems: checkForPublish(input, { today, titleCheck: current.titleCheck, ruleSets: current.ruleSets }) };
      });
    },

    /**
     * The attribution of what an editor has on screen: the form's values over the stored draft.
     * A relation in the form is { connect, disconnect } (what changed), so the source is the
     * newly connected one, none when it was disconnected, or the draft's.
     */
    async ofFormValues(uid: string, form: { documentId?: string; locale?: string; values: Row }, reader?: Reader): Promise<Attribution> {
      const [result] = await this.ofRows(uid, [await this.formRow(uid, form, reader)]);
      return result;
    },

    /** The row an editor has on screen: the form's values over the stored draft (see ofFormValues). */
    async formRow(uid: string, { documentId, locale, values }: { documentId?: string; locale?: string; values: Row }, reader?: Reader): Promise<Row> {
      const fields = fieldsOf(uid);
      const code = locale || (await defaultLocale());
      const draft: Row | null = documentId
        ? await strapi.db.query(uid as never).findOne({ where: { documentId, locale: code, publishedAt: { $null: true } }, populate: populateFor(fields, { withCreator: Boolean(reader) }) })
        : null;
      if (draft && reader) await this.guard(uid, [draft], reader);
      const row: Row = { ...(draft ?? {}), locale: code };
      for (const field of [fields.title, fields.date, fields.slug, fields.reprint, fields.seo]) {
        if (field && values && field in values) row[field] = values[field];
      }
      const target = relationTarget(values?.[fields.source]);
      if (target === null) row[fields.source] = null;
      else if (target) {
        const targetUid = (strapi.contentTypes[uid as never] as any).attributes[fields.source].target;
        const localized = isLocalized(strapi, targetUid);
        const source = await strapi.db.query(targetUid).findOne({
          where:
            'documentId' in target
              ? { documentId: target.documentId, publishedAt: { $null: true }, ...(localized ? { locale: target.locale ?? code } : {}) }
              : { id: target.id },
          select: ['id', 'name', 'homepage'],
        });
        row[fields.source] = source ?? null;
        if (source && reader) await getService(strapi, 'access').withholdSources(reader.userAbility, uid, fields, [row]);
      }
      return row;
    },

    /**
     * For an admin route: refuses (403) a row the admin may not read in the Content Manager and
     * withholds the sources it may not read. Rows are loaded with populateFor(…, { withCreator }).
     */
    async guard(uid: string, rows: Row[], reader: Reader) {
      const access = getService(strapi, 'access');
      for (const row of rows) access.assertCanRead(reader.userAbility, uid, row);
      await access.withholdSources(reader.userAbility, uid, fieldsOf(uid), rows);
    },

    /**
     * What the edit view's panel shows: the form's attribution, problems in the admin's language,
     * and the checklist (every requirement of publishing, ticked or not, named as the form names it).
     */
    async ofForm(uid: string, form: { documentId?: string; locale?: string; values: Row }, reader: Reader, language?: string | null): Promise<Attribution & { checklist: ChecklistItem[] }> {
      getService(strapi, 'access').assertCanReadType(reader.userAbility, uid);
      const fields = fieldsOf(uid);
      const row = await this.formRow(uid, form, reader);
      const [result] = await this.ofRows(uid, [row]);
      const ruleSets = (await settings()).ruleSets;
      const problems = result.problems.map((problem) => localizeProblem(problem, language, ruleSets));
      const checklist = buildChecklist(toInput(row, fields, row.locale), problems, { language, ruleSets, toPath: (path) => toFieldPath(path, fields) });
      return { ...result, problems, checklist };
    },

    saveProblems: (reprint: unknown) => checkOnSave((reprint ?? null) as AttributionInput['reprint']),
    populateFor,
  };
};

/** The fields of a response item that describe the version itself (they win over a stored row). */
const pick = (item: Row, fields: ContentTypeFields) => {
  const out: Row = {};
  for (const field of [fields.title, fields.date, fields.slug, fields.image, 'locale', 'updatedAt']) if (field && field in item) out[field] = item[field];
  return out;
};

export default attribution;
