import type { Core } from '@strapi/strapi';

import { newsroomLocales } from '../lib/locales';

const STOCK_ROLES = ['strapi-editor', 'strapi-author'];

/**
 * Strapi creates its stock Editor and Author roles on the first start, before this project's
 * bootstrap creates the newsroom's locales, so their Content Manager permissions name no locale
 * (not even Strapi's own `en`) and an editor of either role can read nothing. On the start that
 * creates the newsroom's locales, those roles get all of them on every Content Manager permission
 * of a localized type; an administrator's later choices in Settings → Roles are never undone
 * (it happens once per database, remembered in Strapi's core store; existing databases get it on
 * their next start).
 */
export const grantLocalesToStockRoles = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'app', name: 'newsroom' });
  if (await store.get({ key: 'stockRolesLocales' })) return 0;
  const permissions = await strapi.db.query('admin::permission').findMany({
    where: { role: { code: { $in: STOCK_ROLES } }, action: { $startsWith: 'plugin::content-manager.explorer.' } },
  });
  let changed = 0;
  for (const permission of permissions) {
    const model = permission.subject ? (strapi.getModel(permission.subject as never) as any) : undefined;
    if (!model?.pluginOptions?.i18n?.localized) continue;
    const current: string[] = Array.isArray(permission.properties?.locales) ? permission.properties.locales : [];
    const locales = [...new Set([...current, ...newsroomLocales()])];
    if (locales.length === current.length) continue;
    await strapi.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: { ...permission.properties, locales } } });
    changed += 1;
  }
  await store.set({ key: 'stockRolesLocales', value: { grantedAt: new Date().toISOString() } });
  return changed;
};
