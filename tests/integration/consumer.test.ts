import type { AddressInfo } from 'node:net';

import { strapi as createClient } from '@strapi/client';

import { seed } from '../../src/records/seed';
import { startTestApp, type TestApp } from '../helpers/strapi';

/** Reads the API as a site does: over HTTP, with Strapi's official client, no Strapi internals. */
let app: TestApp;
let baseURL: string;

beforeAll(async () => {
  app = await startTestApp();
  await seed(app.strapi);
  await new Promise<void>((resolve) => app.strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.strapi.server.httpServer.address() as AddressInfo;
  baseURL = `http://127.0.0.1:${port}/api`;
});

afterAll(async () => {
  await new Promise((resolve) => app.strapi.server.httpServer.close(resolve));
  await app?.stop();
});

describe('a site reading the API with @strapi/client', () => {
  it('renders the reference page in each language with its language links', async () => {
    const client = createClient({ baseURL });
    const articles = client.collection('articles');
    const pages: Record<string, any> = {};
    for (const locale of ['zh-Hans', 'en', 'ru']) {
      const { data } = await articles.find({ locale, filters: { key: { $eq: 'lnu-innovation-entrepreneurship-seminar-2025' } } });
      expect(data).toHaveLength(1);
      // The list item is a teaser; the page reads the article.
      pages[locale] = (await articles.findOne(data[0].documentId, { locale })).data;
    }
    expect(pages.en.title).toMatch(/^Liaoning Undergraduate Students’ Innovation/);
    expect(pages['zh-Hans'].source.name).toBe('中新网辽宁');
    expect(pages.ru.hostInstitution.name).toBe('Ляонинский университет');
    // The "Chinese | Русский" links of the English page point at the other editions' slugs.
    const links = pages.en.localizations.filter((l: any) => l.locale !== 'en');
    expect(links).toEqual([
      { locale: 'zh-Hans', hreflang: 'zh-Hans', slug: pages['zh-Hans'].slug, url: pages['zh-Hans'].url },
      { locale: 'ru', hreflang: 'ru', slug: pages.ru.slug, url: pages.ru.url },
    ]);

    const one = await articles.findOne(pages.ru.documentId, { locale: 'ru' });
    expect(one.data.title).toBe(pages.ru.title);
  });

  it('pages through a section, newest first', async () => {
    const client = createClient({ baseURL });
    const result = await client.collection('articles').find({ locale: 'en', pagination: { page: 1, pageSize: 2 } });
    expect(result.data).toHaveLength(2);
    expect(result.meta.pagination).toMatchObject({ page: 1, pageSize: 2, total: 5 });
    expect(result.data[0].date >= result.data[1].date).toBe(true);
  });

  it('sees a refusal as an error, not as data', async () => {
    const client = createClient({ baseURL });
    await expect(client.collection('articles').find({ locale: 'xx' })).rejects.toThrow();
    await expect(client.collection('articles').create({ title: 'nope', date: '2025-01-01' })).rejects.toThrow();
  });
});
