import type { Core } from '@strapi/strapi';
import { errors } from '../host-utils';

import type { ContentTypeFields } from '../config';

type Row = Record<string, any>;

/**
 * What the built-in conditions (`admin::is-creator`, `admin::has-same-role-as-creator`) read
 * from a document: rows checked in memory are loaded with it.
 */
export const CREATOR_POPULATE = { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } };

/** A related document whose name and homepage the admin asking may not see. */
const WITHHELD = Object.freeze({ name: null, homepage: null, withheld: true });

/**
 * The admin routes show an admin exactly what the Content Manager would: its permission checker
 * (with the role's conditions) on each document, as its `findOne` does (`cannot.read(entity)`,
 * a 403), and the checker's permission query on related documents, as its relations controller
 * does (a relation the admin may not read is shown by id only: here, as set but unnamed).
 */
const access = ({ strapi }: { strapi: Core.Strapi }) => {
  const checker = (userAbility: unknown, uid: string) =>
    strapi.plugin('content-manager').service('permission-checker').create({ userAbility, model: uid });

  const targetOf = (uid: string, fields: ContentTypeFields): string => (strapi.contentTypes[uid as never] as any).attributes[fields.source].target;

  /** The ids among `ids` of documents of `uid` the admin may read (one query). */
  const readableIds = async (userAbility: unknown, uid: string, ids: number[]): Promise<Set<number>> => {
    if (ids.length === 0) return new Set();
    const query = await checker(userAbility, uid).sanitizedQuery.read({ filters: { id: { $in: ids } }, fields: ['id'] });
    const rows: Row[] = await strapi.db.query(uid as never).findMany((strapi.get('query-params') as any).transform(uid, query));
    return new Set(rows.map((row) => row.id));
  };

  return {
    CREATOR_POPULATE,

    /** The Content Manager's permission checker for `uid`: build one per request and ask it for every row. */
    checkerFor: checker,

    /** The admin may read some documents of this type (conditions aside). */
    canReadType(userAbility: unknown, uid: string): boolean {
      return !checker(userAbility, uid).cannot.read();
    },

    /** 403 unless the admin may read some documents of this type, as the Content Manager. */
    assertCanReadType(userAbility: unknown, uid: string) {
      // A PolicyError (a 403): Strapi's route wrapper turns any other ForbiddenError into a bare "Forbidden" (core compose-endpoint.js).
      if (checker(userAbility, uid).cannot.read()) throw new errors.PolicyError(`You may not read ${uid} in the Content Manager`);
    },

    /** The admin may read this version (loaded with CREATOR_POPULATE). */
    canRead(userAbility: unknown, uid: string, row: Row): boolean {
      return !checker(userAbility, uid).cannot.read(row);
    },

    assertCanRead(userAbility: unknown, uid: string, row: Row) {
      if (checker(userAbility, uid).cannot.read(row)) throw new errors.PolicyError(`You may not read this ${uid} document in the Content Manager`);
    },

    readableIds,

    /**
     * Replaces, in place, each row's source that the admin may not read (or whose source field
     * the admin may not read) by a withheld one: set, unnamed.
     */
    async withholdSources(userAbility: unknown, uid: string, fields: ContentTypeFields, rows: Row[]) {
      const cm = checker(userAbility, uid);
      // As the relations controller: first the relation field itself, then each related document.
      const sources = rows.map((row) => row[fields.source]).filter((source): source is Row => Boolean(source) && !source.withheld);
      const readable = await readableIds(userAbility, targetOf(uid, fields), [...new Set(sources.map((source) => source.id).filter((id) => id !== undefined))]);
      for (const row of rows) {
        const source = row[fields.source];
        if (!source || source.withheld) continue;
        if (!readable.has(source.id) || cm.cannot.read(null, fields.source)) row[fields.source] = { ...WITHHELD };
      }
    },

    targetOf,
  };
};

export default access;
