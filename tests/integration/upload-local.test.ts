import fs from 'node:fs';
import path from 'node:path';

import { adminLogin } from '../helpers/admin';
import { ARTICLE_UID } from '../helpers/fixtures';
import { pngImage, pngSize } from '../helpers/object-storage';
import { startTestApp, type TestApp } from '../helpers/strapi';

/**
 * With UPLOAD_PROVIDER unset (the default), uploads stay on the project's disk as before media on
 * object storage existed (#19): a real upload through the admin's media library is stored in
 * public/uploads with root-relative URLs, served by the CMS, given absolute on PUBLIC_URL in
 * responses, deleted from the disk with its formats; the CSP allows no other origin for media.
 */

const PUBLIC_URL = 'https://cms.example.edu';
const UPLOADS = path.resolve(__dirname, '..', '..', 'public', 'uploads');

let app: TestApp;
let admin: Record<string, string>;
const created: string[] = [];

beforeAll(async () => {
  delete process.env.UPLOAD_PROVIDER;
  app = await startTestApp({ PUBLIC_URL });
  admin = await adminLogin(app);
});

afterAll(async () => {
  for (const file of created) fs.rmSync(path.join(UPLOADS, file), { force: true });
  await app?.stop();
});

describe('uploads on the local disk (UPLOAD_PROVIDER unset)', () => {
  it('stores, serves, answers with PUBLIC_URL and deletes as before', async () => {
    const png = pngImage(600, 400, 5);
    const uploaded = await app.http().post('/upload').set(admin).attach('files', png, { filename: 'local.png', contentType: 'image/png' });
    expect(uploaded.status).toBe(201);
    const [file] = uploaded.body;
    const urls = [file.url, ...Object.values<any>(file.formats).map((format) => format.url)];
    created.push(...urls.map((url: string) => path.basename(url)));
    expect(file.provider).toBe('local');
    expect(Object.keys(file.formats).sort()).toEqual(['small', 'thumbnail']);
    for (const url of urls) {
      expect(url).toMatch(/^\/uploads\/[^/]+\.png$/);
      expect(fs.existsSync(path.join(UPLOADS, path.basename(url)))).toBe(true);
    }
    // Strapi's size optimisation (on by default) may have re-encoded the original: the disk's bytes are the truth.
    const stored = fs.readFileSync(path.join(UPLOADS, path.basename(file.url)));
    expect(pngSize(stored)).toEqual({ width: 600, height: 400 });
    const served = await app.http().get(file.url).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(served.status).toBe(200);
    expect((served.body as Buffer).equals(stored)).toBe(true);

    const [row] = await app.strapi.db.query(ARTICLE_UID).findMany({ where: { locale: 'en', publishedAt: { $null: true } }, limit: 1 });
    const documents = app.strapi.documents(ARTICLE_UID as never) as any;
    if (row) {
      await documents.update({ documentId: row.documentId, locale: 'en', data: { cover: file.id } });
      await documents.publish({ documentId: row.documentId, locale: 'en' });
    } else {
      const article = await documents.create({ locale: 'en', data: { title: 'Local cover', date: '2025-01-01', section: 'news', cover: file.id } });
      await documents.publish({ documentId: article.documentId, locale: 'en' });
    }
    const list = await app.http().get('/api/articles?locale=en&pagination[pageSize]=100');
    const covered = list.body.data.find((item: any) => item.cover?.id === file.id);
    expect(covered.cover.url).toBe(`${PUBLIC_URL}${file.url}`);
    expect(covered.cover.formats.thumbnail.url).toBe(`${PUBLIC_URL}${file.formats.thumbnail.url}`);

    const csp = (await app.http().get('/admin')).headers['content-security-policy'] as string;
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/market-assets\.strapi\.io;/);
    expect(csp).toMatch(/media-src 'self' data: blob:;/);

    const deleted = await app.http().delete(`/upload/files/${file.id}`).set(admin);
    expect(deleted.status).toBe(200);
    for (const url of urls) expect(fs.existsSync(path.join(UPLOADS, path.basename(url)))).toBe(false);
  });
});
