import type { Core } from '@strapi/strapi';

/** What anonymous readers may do on the newsroom's own content types. */
export const PUBLIC_READ_TYPES = ['api::article.article', 'api::source.source', 'api::institution.institution'] as const;
export const PUBLIC_READ_ACTIONS = ['find', 'findOne'] as const;

const PERMISSION = 'plugin::users-permissions.permission';

/**
 * Grants the users-permissions Public role find/findOne on article, source and institution and
 * revokes any other action on those types (create, update, delete …), so the public API is
 * read-only however the role was edited before. Other content types are left to the admins.
 */
export const ensurePublicPermissions = async (strapi: Core.Strapi) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions Public role not found; is @strapi/plugin-users-permissions installed?');

  const wanted = PUBLIC_READ_TYPES.flatMap((uid) => PUBLIC_READ_ACTIONS.map((action) => `${uid}.${action}`));
  const existing: Array<{ id: number; action: string }> = await strapi.db.query(PERMISSION).findMany({
    where: { role: role.id, $or: PUBLIC_READ_TYPES.map((uid) => ({ action: { $startsWith: `${uid}.` } })) },
    select: ['id', 'action'],
  });

  const have = new Set(existing.map((permission) => permission.action));
  const granted = wanted.filter((action) => !have.has(action));
  const revoked = existing.filter((permission) => !wanted.includes(permission.action));

  for (const action of granted) {
    await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
  if (revoked.length > 0) {
    await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: revoked.map((permission) => permission.id) } } });
  }
  return { granted, revoked: revoked.map((permission) => permission.action) };
};
