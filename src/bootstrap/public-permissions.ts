import type { Core } from '@strapi/strapi';

import { isGovernedAction, planPublicPermissions, publicRegistrationEnabled } from '../lib/public-access';

export { PUBLIC_READ_ACTIONS, PUBLIC_READ_TYPES } from '../lib/public-access';

const PERMISSION = 'plugin::users-permissions.permission';

/**
 * Makes the users-permissions Public role read-only: find/findOne on article, source and
 * institution, and no other action on them nor any users-permissions action (register, login,
 * password reset…), unless PUBLIC_REGISTRATION=true, which grants the sign-up actions instead.
 * Idempotent; other plugins' and other types' permissions are left to the admins.
 */
export const ensurePublicPermissions = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) throw new Error('users-permissions Public role not found; is @strapi/plugin-users-permissions installed?');

  const rows: Array<{ id: number; action: string }> = await strapi.db.query(PERMISSION).findMany({ where: { role: role.id }, select: ['id', 'action'] });
  const existing = rows.filter((row) => isGovernedAction(row.action));
  const { grant, revoke } = planPublicPermissions(
    existing.map((row) => row.action),
    { registration: publicRegistrationEnabled(env) }
  );

  for (const action of grant) {
    await strapi.db.query(PERMISSION).create({ data: { action, role: role.id } });
  }
  const revokedIds = existing.filter((row) => revoke.includes(row.action)).map((row) => row.id);
  if (revokedIds.length > 0) {
    await strapi.db.query(PERMISSION).deleteMany({ where: { id: { $in: revokedIds } } });
  }
  return { granted: grant, revoked: revoke };
};
