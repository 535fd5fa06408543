import { ensurePublicPermissions } from '../../src/bootstrap/public-permissions';
import { ensureSignUpSetting } from '../../src/bootstrap/sign-up';
import { startTestApp, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const READS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::institution.institution.find',
  'api::institution.institution.findOne',
  // GET /api/site: the locales and the names of sections and kinds
  'api::site.site.find',
  'api::source.source.find',
  'api::source.source.findOne',
];

const publicActions = async () => {
  const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  const rows = await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id } });
  return rows.map((row: any) => row.action).sort();
};
const advanced = () => app.strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' }) as Promise<any>;
const users = () => app.strapi.db.query('plugin::users-permissions.user').count();

describe('no public accounts', () => {
  it('refuses anonymous registration, login and forgot-password, and writes nothing', async () => {
    const before = await users();
    const register = await app.http().post('/api/auth/local/register').send({ username: 'mallory', email: 'mallory@example.com', password: 'Secret-2025' });
    const login = await app.http().post('/api/auth/local').send({ identifier: 'mallory@example.com', password: 'Secret-2025' });
    const forgot = await app.http().post('/api/auth/forgot-password').send({ email: 'mallory@example.com' });
    for (const res of [register, login, forgot]) {
      expect([400, 403]).toContain(res.status);
      expect(res.body.error.message).toEqual(expect.any(String));
    }
    expect(await users()).toBe(before);
  });

  it('turns the users-permissions "allow_register" setting off at bootstrap', async () => {
    expect((await advanced()).allow_register).toBe(false);
  });

  it('leaves the Public role exactly the content reads, also after a second bootstrap', async () => {
    expect(await publicActions()).toEqual(READS);
    // What src/index.ts's bootstrap runs, a second time.
    expect(await ensureSignUpSetting(app.strapi)).toEqual({ allowRegister: false, changed: false });
    expect(await ensurePublicPermissions(app.strapi)).toEqual({ granted: [], revoked: [] });
    expect(await publicActions()).toEqual(READS);
    expect((await advanced()).allow_register).toBe(false);
  });

  it('puts registration back when PUBLIC_REGISTRATION=true, and takes it away again without it', async () => {
    const open = { PUBLIC_REGISTRATION: 'true' };
    expect(await ensureSignUpSetting(app.strapi, open)).toEqual({ allowRegister: true, changed: true });
    const signUp = await ensurePublicPermissions(app.strapi, open);
    expect(signUp.granted).toContain('plugin::users-permissions.auth.register');
    const res = await app.http().post('/api/auth/local/register').send({ username: 'reader', email: 'reader@example.com', password: 'Secret-2025' });
    expect(res.status).toBe(200);

    expect(await ensureSignUpSetting(app.strapi, {})).toEqual({ allowRegister: false, changed: true });
    const closed = await ensurePublicPermissions(app.strapi, {});
    expect(closed.revoked).toContain('plugin::users-permissions.auth.register');
    expect(await publicActions()).toEqual(READS);
  });
});
