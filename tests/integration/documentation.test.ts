import fs from 'node:fs';
import path from 'node:path';

import { startTestApp } from '../helpers/strapi';

const SPEC = path.resolve(__dirname, '..', '..', 'src', 'extensions', 'documentation', 'documentation', '1.0.0', 'full_documentation.json');

describe('OpenAPI documentation', () => {
  it('is served at /documentation when DOCUMENTATION_ENABLED=true and describes the article API', async () => {
    const app = await startTestApp({ DOCUMENTATION_ENABLED: 'true' });
    try {
      const page = await app.http().get('/documentation/v1.0.0');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      const spec = JSON.parse(fs.readFileSync(SPEC, 'utf8'));
      expect(spec.info.title).toBe('Newsroom CMS content API');
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/articles', '/articles/{id}', '/sources', '/institutions']));
    } finally {
      await app.stop();
    }
  });

  it('is not served by default', async () => {
    const app = await startTestApp({ DOCUMENTATION_ENABLED: 'false' });
    try {
      expect((await app.http().get('/documentation/v1.0.0')).status).toBe(404);
    } finally {
      await app.stop();
    }
  });
});
