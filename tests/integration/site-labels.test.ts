import crypto from 'node:crypto';

import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID, documents } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * GET /api/site (docs/api.md, "Labels"): a site reads its locales and the names of sections and
 * kinds instead of hard-coding them; public, cached, and fresh after a locale change.
 */

let app: TestApp;
let auth: { Authorization: string };

const enumOf = (uid: string, attribute: string): string[] => (app.strapi.contentType(uid as never) as any).attributes[attribute].enum;

const EXPECTED_LOCALES = [
  { code: 'zh-Hans', name: '简体中文', englishName: 'Simplified Chinese', isDefault: true },
  { code: 'en', name: 'English', englishName: 'English', isDefault: false },
  { code: 'ru', name: 'русский', englishName: 'Russian', isDefault: false },
];

// One Strapi per process at a time: the added locale boots its own after this one stops.
describe('with the configured locales (zh-Hans, en, ru)', () => {
  beforeAll(async () => {
    app = await startTestApp();
    auth = { Authorization: `Bearer ${await app.adminToken()}` };
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('GET /api/site', () => {
    it('gives the public the locales, in configured order, each named in its own language, and the default', async () => {
      const res = await app.http().get('/api/site');
      expect(res.status).toBe(200);
      expect(res.body.data.locales).toEqual(EXPECTED_LOCALES);
      expect(res.body.data.defaultLocale).toBe('zh-Hans');
      expect(res.body.meta).toEqual({ labelFallbacks: {} });
    });

    it('names every section of the article schema in every locale', async () => {
      const { body } = await app.http().get('/api/site');
      const sections = enumOf(ARTICLE_UID, 'section');
      expect(body.data.sections.map((section: any) => section.key)).toEqual(sections);
      expect(body.data.sections[0]).toEqual({ key: 'news', names: { 'zh-Hans': '新闻', en: 'News', ru: 'Новости' } });
      for (const section of body.data.sections) {
        expect(Object.keys(section.names)).toEqual(['zh-Hans', 'en', 'ru']);
        for (const name of Object.values(section.names)) expect(name).toEqual(expect.stringMatching(/\S/));
        // A name, not the key echoed back.
        expect(section.names.en).not.toBe(section.key);
      }
    });

    it('names every source kind and institution kind in every locale', async () => {
      const { body } = await app.http().get('/api/site');
      expect(body.data.kinds.source.map((kind: any) => kind.key)).toEqual(enumOf('api::source.source', 'kind'));
      expect(body.data.kinds.institution.map((kind: any) => kind.key)).toEqual(enumOf('api::institution.institution', 'kind'));
      expect(body.data.kinds.institution.find((kind: any) => kind.key === 'university').names).toEqual({ 'zh-Hans': '大学', en: 'University', ru: 'Университет' });
      for (const kind of [...body.data.kinds.source, ...body.data.kinds.institution]) {
        expect(Object.keys(kind.names)).toEqual(['zh-Hans', 'en', 'ru']);
        expect(kind.names['zh-Hans']).toMatch(/\p{Script=Han}/u);
        expect(kind.names.ru).toMatch(/\p{Script=Cyrillic}/u);
      }
    });

    it('answers an API token the same, full-access or read-only', async () => {
      const anonymous = await app.http().get('/api/site');
      const full = await app.http().get('/api/site').set(auth);
      expect(full.status).toBe(200);
      expect(full.body).toEqual(anonymous.body);
      const readOnly = await app.strapi.service('admin::api-token').create({ name: `read-only-${crypto.randomBytes(3).toString('hex')}`, type: 'read-only', lifespan: null });
      const res = await app.http().get('/api/site').set('Authorization', `Bearer ${readOnly.accessKey}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(anonymous.body);
    });

    it('takes no query parameters: a 400 naming each', async () => {
      for (const [query, path] of [
        ['locale=en', ['locale']],
        ['v=2', ['v']],
      ] as const) {
        const res = await app.http().get(`/api/site?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.details.errors.map((e: any) => e.path)).toEqual([path]);
        expect(res.body.error.message).toMatch(/GET \/api\/site takes no query parameters/);
      }
    });
  });

  describe('the public role and the i18n locale list', () => {
    it('holds api::site.site.find', async () => {
      const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
      const rows = await app.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { role: role.id, action: { $startsWith: 'api::site.' } } });
      expect(rows.map((row: any) => row.action)).toEqual(['api::site.site.find']);
    });

    it('GET /api/i18n/locales stays closed to the public (REST and GraphQL); an API token reads it', async () => {
      const anonymous = await app.http().get('/api/i18n/locales');
      expect(anonymous.status).toBe(403);
      const token = await app.http().get('/api/i18n/locales').set(auth);
      expect(token.status).toBe(200);
      expect(token.body.map((locale: any) => locale.code).sort()).toEqual(['en', 'ru', 'zh-Hans']);

      const query = '{ i18NLocales { code name } }';
      const graphqlAnonymous = await app.http().post('/graphql').send({ query });
      expect(graphqlAnonymous.status).toBeLessThan(500);
      expect(graphqlAnonymous.body.errors[0].extensions.code).toBe('FORBIDDEN');
      const graphqlToken = await app.http().post('/graphql').set(auth).send({ query });
      expect(graphqlToken.body.errors).toBeUndefined();
      expect(graphqlToken.body.data.i18NLocales.map((locale: any) => locale.code).sort()).toEqual(['en', 'ru', 'zh-Hans']);
    });
  });

  describe('the response cache', () => {
    it('serves GET /api/site from the cache, with an ETag, and a locale change empties it', async () => {
      await app.strapi.get('responseCache').clear();
      const miss = await app.http().get('/api/site');
      expect(miss.headers['x-cache']).toBe('MISS');
      const hit = await app.http().get('/api/site');
      expect(hit.headers['x-cache']).toBe('HIT');
      expect(hit.body).toEqual(miss.body);
      expect(hit.headers.etag).toBe(miss.headers.etag);
      expect((await app.http().get('/api/site').set('If-None-Match', miss.headers.etag)).status).toBe(304);

      // The admin's "default locale" switch (Settings → Internationalization) writes the locale.
      const admin = await adminLogin(app);
      const english = await app.strapi.db.query('plugin::i18n.locale').findOne({ where: { code: 'en' } });
      const chinese = await app.strapi.db.query('plugin::i18n.locale').findOne({ where: { code: 'zh-Hans' } });
      try {
        const switched = await app.http().put(`/i18n/locales/${english.id}`).set(admin).send({ isDefault: true });
        expect(switched.status).toBe(200);
        const after = await app.http().get('/api/site');
        expect(after.headers['x-cache']).toBe('MISS');
        expect(after.body.data.defaultLocale).toBe('en');
        expect(after.body.data.locales.map((locale: any) => [locale.code, locale.isDefault])).toEqual([
          ['zh-Hans', false],
          ['en', true],
          ['ru', false],
        ]);
        expect(after.headers.etag).not.toBe(miss.headers.etag);
      } finally {
        await app.http().put(`/i18n/locales/${chinese.id}`).set(admin).send({ isDefault: true });
      }
      const back = await app.http().get('/api/site');
      expect(back.headers['x-cache']).toBe('MISS');
      expect(back.body.data.defaultLocale).toBe('zh-Hans');
    });

    it('a content write leaves the labels right (they are stored as a list and recomputed)', async () => {
      const before = await app.http().get('/api/site');
      await documents(app.strapi, ARTICLE_UID).create({ locale: 'en', data: { title: 'A write', date: '2025-01-01' } });
      const after = await app.http().get('/api/site');
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body).toEqual(before.body);
    });
  });
});

describe('an added locale (LOCALES=zh-Hans,en,ru,ja)', () => {
  it('is listed in its place, named in Japanese, and given the English names until labels.ts has its own', async () => {
    const japanese = await startTestApp({ LOCALES: 'zh-Hans,en,ru,ja' });
    try {
      const res = await japanese.http().get('/api/site');
      expect(res.status).toBe(200);
      expect(res.body.data.locales).toEqual([...EXPECTED_LOCALES, { code: 'ja', name: '日本語', englishName: 'Japanese', isDefault: false }]);
      expect(res.body.meta.labelFallbacks).toEqual({ ja: 'en' });
      for (const item of [...res.body.data.sections, ...res.body.data.kinds.source, ...res.body.data.kinds.institution]) {
        expect(item.names.ja).toBe(item.names.en);
      }
    } finally {
      await japanese.stop();
    }
  });
});
