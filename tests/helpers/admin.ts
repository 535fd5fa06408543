import crypto from 'node:crypto';

import type { TestApp } from './strapi';

/**
 * Creates an admin user with the given role (super admin, or the stock Editor or Author role,
 * which have no plugin permission; an Author reads only what it created) and logs in through the
 * real /admin/login, returning its bearer header.
 */
export const adminLogin = async (
  app: TestApp,
  role: 'strapi-super-admin' | 'strapi-editor' | 'strapi-author' = 'strapi-super-admin',
  { firstname = 'Test', lastname = role as string, preferedLanguage }: { firstname?: string; lastname?: string; preferedLanguage?: string } = {}
) => {
  const roleRow = await app.strapi.db.query('admin::role').findOne({ where: { code: role } });
  if (!roleRow) throw new Error(`admin role ${role} not found`);
  const email = `${role}-${crypto.randomBytes(3).toString('hex')}@example.edu`;
  const password = `Test-${crypto.randomBytes(6).toString('hex')}-1a`;
  await app.strapi.service('admin::user').create({ firstname, lastname, email, password, isActive: true, roles: [roleRow.id], ...(preferedLanguage ? { preferedLanguage } : {}) });
  const res = await app.http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.data.token}` };
};
