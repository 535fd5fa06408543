import type { Core } from '@strapi/strapi';

import { publicRegistrationEnabled } from '../lib/public-access';

/**
 * Sets users-permissions' advanced setting `allow_register` to PUBLIC_REGISTRATION (false unless
 * it is true): a newsroom has no public accounts. Idempotent; the other advanced settings are kept.
 * The Public role's permissions follow the same variable (ensurePublicPermissions).
 */
export const ensureSignUpSetting = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const allowRegister = publicRegistrationEnabled(env);
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register === allowRegister) return { allowRegister, changed: false };
  await store.set({ key: 'advanced', value: { ...advanced, allow_register: allowRegister } });
  return { allowRegister, changed: true };
};
