import { ensureDevelopmentAdmin } from '../../src/bootstrap/dev-admin';
import { ensureLocales } from '../../src/bootstrap/locales';
import { ensurePublicPermissions } from '../../src/bootstrap/public-permissions';
import { grantLocalesToStockRoles } from '../../src/bootstrap/stock-roles';
import { startTestApp, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.stop();
});

const snapshot = async () => {
  const locales = await app.strapi.db.query('plugin::i18n.locale').findMany({ orderBy: { code: 'asc' } });
  const permissions = await app.strapi.db
    .query('plugin::users-permissions.permission')
    .findMany({ populate: ['role'], orderBy: { id: 'asc' } });
  const defaultLocale = await app.strapi.plugin('i18n').service('locales').getDefaultLocale();
  return { locales, permissions: permissions.map((p: any) => `${p.role?.type}:${p.action}`), defaultLocale };
};

describe('bootstrap', () => {
  it('creates zh-Hans, en and ru with zh-Hans as the default', async () => {
    const { locales, defaultLocale } = await snapshot();
    expect(locales.map((l: any) => l.code)).toEqual(['en', 'ru', 'zh-Hans']);
    expect(locales.find((l: any) => l.code === 'zh-Hans').name).toMatch(/Chinese \(Simplified\)/);
    expect(defaultLocale).toBe('zh-Hans');

    const res = await app.http().get('/api/i18n/locales').set('Authorization', `Bearer ${await app.adminToken()}`);
    expect(res.status).toBe(200);
    expect(res.body.find((l: any) => l.isDefault).code).toBe('zh-Hans');
  });

  it('grants the public role find and findOne on the three types, the site labels, and nothing else on them', async () => {
    const { permissions } = await snapshot();
    const publicApi = permissions.filter((p) => p.startsWith('public:api::')).sort();
    expect(publicApi).toEqual(
      [
        'public:api::article.article.find',
        'public:api::article.article.findOne',
        'public:api::institution.institution.find',
        'public:api::institution.institution.findOne',
        'public:api::site.site.find',
        'public:api::source.source.find',
        'public:api::source.source.findOne',
      ].sort()
    );
  });

  it('changes nothing when bootstrap runs again', async () => {
    const before = await snapshot();
    const localeResult = await ensureLocales(app.strapi);
    const permissionResult = await ensurePublicPermissions(app.strapi);
    expect(localeResult).toEqual({ created: [], defaultLocale: 'zh-Hans', changedDefault: false });
    expect(permissionResult).toEqual({ granted: [], revoked: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('revokes a write permission someone granted to the public role on a newsroom type', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    await app.strapi.db
      .query('plugin::users-permissions.permission')
      .create({ data: { action: 'api::article.article.create', role: role.id } });
    const result = await ensurePublicPermissions(app.strapi);
    expect(result.revoked).toEqual(['api::article.article.create']);
    const { permissions } = await snapshot();
    expect(permissions).not.toContain('public:api::article.article.create');
  });

  it('restores the default locale from DEFAULT_LOCALE and rejects a locale outside the three', async () => {
    // A cached response for a request without locale must not outlive the default it was served in.
    const site = async () => (await app.http().get('/api/site')).body.data.defaultLocale;
    expect(await site()).toBe('zh-Hans');
    const changed = await ensureLocales(app.strapi, { DEFAULT_LOCALE: 'en' });
    expect(await site()).toBe('en');
    expect(changed).toEqual({ created: [], defaultLocale: 'en', changedDefault: true });
    await ensureLocales(app.strapi, {});
    expect(await app.strapi.plugin('i18n').service('locales').getDefaultLocale()).toBe('zh-Hans');
    await expect(ensureLocales(app.strapi, { DEFAULT_LOCALE: 'fr' })).rejects.toThrow(
      'DEFAULT_LOCALE="fr" is not a newsroom locale; use one of: zh-Hans, en, ru'
    );
  });
});

describe('development admin', () => {
  const env = { ADMIN_EMAIL: 'Editor@Example.edu', ADMIN_PASSWORD: 'Newsroom-2025' };
  const admins = () => app.strapi.db.query('admin::user').count();

  it('is never created in production or without both variables', async () => {
    expect(await ensureDevelopmentAdmin(app.strapi, { ...env, NODE_ENV: 'production' })).toBeNull();
    expect(await ensureDevelopmentAdmin(app.strapi, { NODE_ENV: 'development', ADMIN_EMAIL: env.ADMIN_EMAIL })).toBeNull();
    expect(await admins()).toBe(0);
  });

  it('is created once in development and can log in', async () => {
    const user = await ensureDevelopmentAdmin(app.strapi, { ...env, NODE_ENV: 'development' });
    expect(user).toMatchObject({ email: 'editor@example.edu' });
    expect(await ensureDevelopmentAdmin(app.strapi, { ...env, ADMIN_EMAIL: 'other@example.edu', NODE_ENV: 'development' })).toBeNull();
    expect(await admins()).toBe(1);
    const login = await app.http().post('/admin/login').send({ email: 'editor@example.edu', password: env.ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.data.user.email).toBe('editor@example.edu');
    const stored = await app.strapi.db.query('admin::user').findOne({ where: { email: 'editor@example.edu' }, populate: ['roles'] });
    expect(stored.roles.map((r: any) => r.code)).toEqual(['strapi-super-admin']);
  });
});

describe('stock admin roles', () => {
  it('the stock Editor and Author roles may work in every newsroom locale', async () => {
    const permissions = await app.strapi.db.query('admin::permission').findMany({
      where: { role: { code: { $in: ['strapi-editor', 'strapi-author'] } }, action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' },
      populate: ['role'],
    });
    expect(permissions.map((p: any) => p.role.code).sort()).toEqual(['strapi-author', 'strapi-editor']);
    for (const permission of permissions) expect([...permission.properties.locales].sort()).toEqual(['en', 'ru', 'zh-Hans']);
  });

  it('a later start does not undo an administrator’s narrower choice', async () => {
    const where = { role: { code: 'strapi-author' }, action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' };
    const permission = await app.strapi.db.query('admin::permission').findOne({ where });
    await app.strapi.db.query('admin::permission').update({ where: { id: permission.id }, data: { properties: { ...permission.properties, locales: ['en'] } } });
    // Even after a locale is deleted and created again.
    const en = await app.strapi.plugin('i18n').service('locales').findByCode('ru');
    await app.strapi.plugin('i18n').service('locales').delete({ id: en.id });
    expect((await ensureLocales(app.strapi)).created).toEqual(['ru']);
    expect(await grantLocalesToStockRoles(app.strapi)).toBe(0);
    expect((await app.strapi.db.query('admin::permission').findOne({ where })).properties.locales).toEqual(['en']);
  });
});
