import type { Core } from '@strapi/strapi';

import { localesOfQuery } from '../domain';

type Row = Record<string, any>;
export const CM = {
  read: 'plugin::content-manager.explorer.read',
  update: 'plugin::content-manager.explorer.update',
  create: 'plugin::content-manager.explorer.create',
} as const;

/** What the built-in conditions (`admin::is-creator`, `admin::has-same-role-as-creator`) read from a version. */
export const CREATOR_POPULATE = { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } };

const isEmpty = (value: unknown) => !value || (typeof value === 'object' && Object.keys(value as object).length === 0);

/**
 * The desk shows an admin what the Content Manager lets it see: its permission checker (with the
 * role's conditions, and i18n's locales) on the type, on each version it reads or changes, and
 * its permission query on the lists.
 */
const access = ({ strapi }: { strapi: Core.Strapi }) => {
  const checker = (userAbility: unknown, uid: string) => strapi.plugin('content-manager').service('permission-checker').create({ userAbility, model: uid });

  /** The read permission as a database filter: null when the admin may read nothing, {} for everything. */
  const readQuery = (userAbility: unknown, uid: string): Row | null =>
    (strapi.service('admin::permission') as any).createPermissionsManager({ ability: userAbility, model: uid }).getQuery(CM.read) ?? null;

  return {
    canReadType: (userAbility: unknown, uid: string) => !checker(userAbility, uid).cannot.read(),

    /**
     * What of `uid` the admin may read: null for everything; the locales, when the permission
     * restricts only those (no query); else the documents it may read some version of (one query).
     */
    async readable(userAbility: unknown, uid: string): Promise<{ documents?: Set<string>; versions?: Set<string>; locales?: Set<string> } | null> {
      const query = readQuery(userAbility, uid);
      if (query === null) return { documents: new Set(), versions: new Set() };
      const locales = localesOfQuery(query);
      if (locales === 'all') return null;
      if (locales) return { locales };
      const rows: Row[] = await strapi.db.query(uid as never).findMany({ where: query, select: ['documentId', 'locale'] });
      // `documentId|locale` of every version it may read: a document's title and search use only those.
      return { documents: new Set(rows.map((row) => row.documentId)), versions: new Set(rows.map((row) => `${row.documentId}|${row.locale ?? ''}`)) };
    },

    /** A version with what the conditions read (its creator), or null. */
    async version(uid: string, documentId: string, locale: string, { draftAndPublish }: { draftAndPublish: boolean }): Promise<Row | null> {
      return strapi.db.query(uid as never).findOne({
        where: { documentId, locale, ...(draftAndPublish ? { publishedAt: { $null: true } } : {}) },
        populate: CREATOR_POPULATE,
      });
    },

    /**
     * Whether the admin may create the `locale` version of a document as the Content Manager
     * checks it: update on the type, and create of the version it would create (that locale,
     * itself as its creator).
     */
    mayCreate(userAbility: unknown, uid: string, locale: string, user: { id?: number; roles?: Array<{ id: number }> } | undefined): boolean {
      const creator = { id: user?.id, roles: (user?.roles ?? []).map((role) => ({ id: role.id })) };
      const check = checker(userAbility, uid);
      return !check.cannot.update() && !check.cannot.create({ locale, createdBy: creator });
    },

    /** The Content Manager's check; no subject: on the type (conditions aside). */
    can(userAbility: unknown, uid: string, action: 'read' | 'update' | 'create', subject?: Row): boolean {
      return !checker(userAbility, uid).cannot[action](subject);
    },
  };
};

export default access;
