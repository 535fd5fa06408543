import type { Core } from '@strapi/strapi';

/**
 * In development only: when ADMIN_EMAIL and ADMIN_PASSWORD are set and no admin exists yet,
 * creates that super admin, so a fresh clone opens straight onto the login page. Never in
 * production, never a second admin, never a change to an existing one.
 */
export const ensureDevelopmentAdmin = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const email = env.ADMIN_EMAIL?.trim();
  const password = env.ADMIN_PASSWORD;
  if (!email || !password) return null;
  if ((env.NODE_ENV ?? 'development') !== 'development') return null;
  if (await strapi.service('admin::user').exists()) return null;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return null;
  try {
    const user = await strapi.service('admin::user').create({
      email: email.toLowerCase(),
      firstname: env.ADMIN_FIRSTNAME || 'Newsroom',
      lastname: env.ADMIN_LASTNAME || 'Admin',
      password,
      isActive: true,
      roles: [superAdmin.id],
    });
    strapi.log.info(`admin: created the development admin ${user.email} (ADMIN_EMAIL)`);
    return user;
  } catch (error) {
    // A password Strapi refuses must not stop the CMS from starting: say why and carry on.
    strapi.log.warn(`admin: could not create the development admin ${email}: ${(error as Error).message}`);
    return null;
  }
};
