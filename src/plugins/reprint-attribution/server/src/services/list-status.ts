import type { Core } from '@strapi/strapi';

import { fieldName } from '../domain';
import { matchesListFilter, versionStatus, type DocumentStatus, type ListFilter, type ListView, type Today, type Versions } from '../domain/list-status';
import { errors } from '../host-utils';
import { addDays, attributableTypes, getService, isLocalized, todayIn } from '../utils';
import type { Reader } from './attribution';

type Row = Record<string, any>;

/** A requirement named as the form names its field (the checklist's and refusals' words), in the admin's language. */
const labelIn = (language: string | null | undefined) => (requirement: string): string | undefined => {
  const label = fieldName(requirement, language);
  return label === requirement ? undefined : label;
};

/**
 * The Content Manager's list at a glance: each row's draft and published version (in the row's
 * locale), and which documents an attribution filter keeps. Each call reads the rows it needs in
 * one query (with their reprint, source and creator), whatever their number, and computes their
 * attribution with the rules the content API, the report and the publish check use.
 */
const listStatus = ({ strapi }: { strapi: Core.Strapi }) => {
  const fieldsOf = (uid: string) => attributableTypes(strapi)[uid];

  /** The day and the "expiring" window: the report's (settings.expiringWithinDays). */
  const todayOf = async (): Promise<Today & { expiringWithinDays: number }> => {
    const settings = await getService(strapi, 'settings').get();
    const today = todayIn(settings.timeZone);
    return { today, until: addDays(today, settings.expiringWithinDays), expiringWithinDays: settings.expiringWithinDays };
  };

  /** The locale a list shows: the one asked for, else the default (as the Content Manager); none for a type without i18n. */
  const localeWhere = async (uid: string, locale: string | undefined) =>
    isLocalized(strapi, uid) ? { locale: locale || ((await strapi.plugin('i18n').service('locales').getDefaultLocale()) as string) } : {};

  /**
   * The fields a status reveals (what is set, what is missing, when a permission lapses): the
   * source relation and every field of the reprint component, as the role's permissions name
   * them (a component's fields by their paths, `reprint.license`).
   */
  const revealedFields = (uid: string): string[] => {
    const fields = fieldsOf(uid);
    const leaves = (attributes: Record<string, any> | undefined, prefix: string, depth: number): string[] =>
      Object.entries(attributes ?? {}).flatMap(([key, attribute]) => {
        const path = `${prefix}.${key}`;
        if (attribute?.type !== 'component' || depth === 0) return [path];
        const nested = leaves((strapi.components as any)[attribute.component]?.attributes, path, depth - 1);
        return nested.length > 0 ? nested : [path];
      });
    const reprint = (strapi.contentTypes[uid as never] as any)?.attributes?.[fields.reprint];
    const component = reprint?.type === 'component' ? (strapi.components as any)[reprint.component] : undefined;
    return [fields.source, ...(component ? leaves(component.attributes, fields.reprint, 5) : [fields.reprint])];
  };

  /**
   * What this admin may read of `uid`, by one permission checker for the request (the Content
   * Manager's, with the role's conditions): a 403 unless it may read the type and, on some
   * documents, the fields a status reveals; else whether it may read a row and those fields of it.
   */
  const readAccess = (uid: string, reader: Reader) => {
    const checker = getService(strapi, 'access').checkerFor(reader.userAbility, uid);
    if (checker.cannot.read()) throw new errors.PolicyError(`You may not read ${uid} in the Content Manager`);
    const fields = revealedFields(uid);
    const hidden = fields.filter((field) => checker.cannot.read(null, field));
    if (hidden.length > 0) {
      throw new errors.PolicyError(
        // Named by the fields the role settings show (a component's fields under its name).
        `Your role may not read ${[...new Set(hidden.map((field) => field.split('.')[0]))].join(', ')} of ${uid}, which the attribution column and filter show: ask an administrator to let the role read these fields`
      );
    }
    // Without conditions, what the role may read does not depend on the row: the type's answer holds.
    if (!checker.requiresEntity.read()) return () => true;
    return (row: Row) => !checker.cannot.read(row) && fields.every((field) => !checker.cannot.read(row, field));
  };

  /** Rows of `uid` the admin may read, with the fields a status reveals (one permission checker for all). */
  const readableRows = async (uid: string, where: Row, reader: Reader): Promise<Row[]> => {
    const canRead = readAccess(uid, reader);
    const rows: Row[] = await strapi.db.query(uid as never).findMany({
      where,
      populate: getService(strapi, 'attribution').populateFor(fieldsOf(uid), { withCreator: true }),
    });
    return rows.filter(canRead);
  };

  /** Each document's draft and published version, as statuses. */
  const versionsOf = async (uid: string, rows: Row[], today: Today, language: string | null | undefined) => {
    const fields = fieldsOf(uid);
    const results = await getService(strapi, 'attribution').ofRows(uid, rows);
    const label = labelIn(language);
    const byDocument = new Map<string, Versions>();
    rows.forEach((row, index) => {
      const entry = byDocument.get(row.documentId) ?? { draft: null, published: null };
      entry[row.publishedAt ? 'published' : 'draft'] = versionStatus(results[index], row[fields.reprint], today, label);
      byDocument.set(row.documentId, entry);
    });
    return byDocument;
  };

  return {
    /**
     * The list column: for each document the admin may read (the others are left out, as from
     * the Content Manager's list), its draft's status and its published version's, in `locale`.
     */
    async statusOf(uid: string, documentIds: string[], locale: string | undefined, reader: Reader, language?: string | null) {
      const today = await todayOf();
      const meta = { today: today.today, expiringWithinDays: today.expiringWithinDays };
      if (documentIds.length === 0) {
        readAccess(uid, reader);
        return { data: {} as Record<string, DocumentStatus>, meta };
      }
      const rows = await readableRows(uid, { documentId: { $in: documentIds }, ...(await localeWhere(uid, locale)) }, reader);
      const data: Record<string, DocumentStatus> = {};
      for (const [documentId, { draft, published }] of await versionsOf(uid, rows, today, language)) {
        // Every document has a draft; one the admin reads only as published still gets a row.
        const own = draft ?? published;
        if (own) data[documentId] = { ...own, published };
      }
      return { data, meta };
    },

    /**
     * The documents (ids) that an attribution filter keeps in the list of `uid` in `locale`, for
     * the view the list shows; only those the admin may read. Reads the type's reprints in that
     * locale in one query.
     */
    async matching(uid: string, { filter, locale, view }: { filter: ListFilter; locale?: string; view: ListView }, reader: Reader): Promise<string[]> {
      const fields = fieldsOf(uid);
      const today = await todayOf();
      const rows = await readableRows(
        uid,
        {
          ...(await localeWhere(uid, locale)),
          [fields.reprint]: { isReprint: true },
          ...(view === 'published' ? { publishedAt: { $notNull: true } } : {}),
        },
        reader
      );
      const kept: string[] = [];
      for (const [documentId, versions] of await versionsOf(uid, rows, today, null)) {
        if (matchesListFilter(versions, filter, view)) kept.push(documentId);
      }
      return kept;
    },
  };
};

export default listStatus;
