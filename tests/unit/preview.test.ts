import {
  DEFAULT_PREVIEW_PATTERN,
  expandPreviewUrl,
  previewOrigin,
  previewStatusOf,
  previewTokenUntil,
  readPreviewConfig,
  signPreviewToken,
  verifyPreviewToken,
  type PreviewTarget,
} from '../../src/lib/preview';

/** Preview links (src/lib/preview.ts): the configuration, the pattern and the token. */

const SECRET = 's'.repeat(44);
const target: PreviewTarget = { uid: 'api::article.article', documentId: 'h9yue8szt99nef97fz3w88w1', locale: 'zh-Hans', status: 'draft' };
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('readPreviewConfig', () => {
  const read = (env: Record<string, string>) => readPreviewConfig(env as NodeJS.ProcessEnv, { randomKey: () => 'r'.repeat(44) });

  it('defaults to the built-in page (a path on this server), an hour, and a key for this process with a warning', () => {
    const config = read({ PUBLIC_URL: 'https://cms.example.edu/' });
    expect(config).toEqual({
      secret: 'r'.repeat(44),
      secretConfigured: false,
      ttlSeconds: 3600,
      pattern: '/preview/articles/{documentId}?locale={locale}&status={status}&token={token}',
      external: false,
      warning: expect.stringMatching(/^PREVIEW_SECRET is empty/),
    });
    expect(config.pattern).toBe(DEFAULT_PREVIEW_PATTERN);
    expect(previewOrigin(config.pattern)).toBeNull();
    // {cms}: the built-in page at PUBLIC_URL (an admin served from elsewhere)
    expect(read({ PORT: '1400', PREVIEW_URL: `{cms}${DEFAULT_PREVIEW_PATTERN}` }).pattern).toBe(`http://localhost:1400${DEFAULT_PREVIEW_PATTERN}`);
    expect(previewOrigin(`http://localhost:1400${DEFAULT_PREVIEW_PATTERN}`)).toBe('http://localhost:1400');
  });

  it('takes a site’s front end with {site}, and the secret and lifetime given', () => {
    const config = read({ PREVIEW_SECRET: SECRET, PREVIEW_TOKEN_TTL: '600', SITE_URL: 'https://news.example.edu', PREVIEW_URL: '{site}/api/preview?id={documentId}&locale={locale}&status={status}&token={token}' });
    expect(config).toEqual({ secret: SECRET, secretConfigured: true, ttlSeconds: 600, pattern: 'https://news.example.edu/api/preview?id={documentId}&locale={locale}&status={status}&token={token}', external: true });
    expect(previewOrigin(config.pattern)).toBe('https://news.example.edu');
  });

  it.each([
    [{ NODE_ENV: 'production' }, /^PREVIEW_SECRET is empty: set it/],
    [{ PREVIEW_SECRET: 'short' }, /^PREVIEW_SECRET is 5 characters long: use at least 32/],
    [{ PREVIEW_TOKEN_TTL: '10' }, /^PREVIEW_TOKEN_TTL="10" must be a whole number of seconds from 60 to 604800/],
    [{ PREVIEW_TOKEN_TTL: '1h' }, /^PREVIEW_TOKEN_TTL="1h"/],
    [{ PREVIEW_TOKEN_TTL: '9999999' }, /^PREVIEW_TOKEN_TTL="9999999"/],
    [{ PREVIEW_URL: '{site}/preview/{id}' }, /^PREVIEW_URL: unknown placeholder \{id\}; use \{cms\}, \{site\}/],
    [{ PREVIEW_URL: '{site}/preview/{documentId' }, /^PREVIEW_URL="\{site\}\/preview\/\{documentId" has an unmatched brace/],
    [{ PREVIEW_URL: '{site}/preview?token={token}' }, /^PREVIEW_URL=".*" must contain \{documentId\} or \{slug\}/],
    [{ PREVIEW_URL: '//evil.example/{documentId}' }, /^PREVIEW_URL=".*" must give an absolute http\(s\) address or a path on this server/],
    [{ PREVIEW_URL: 'news.example.edu/{documentId}' }, /must give an absolute http\(s\) address/],
    [{ PREVIEW_URL: 'javascript:alert({documentId})' }, /must give an absolute http\(s\) address/],
  ])('refuses %j with one line', (env, message) => {
    let error: Error | undefined;
    try {
      read(env as Record<string, string>);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain('\n');
  });
});

describe('expandPreviewUrl', () => {
  const values = { locale: 'zh-Hans', documentId: 'abc', slug: 'liao-ning/da xue', status: 'draft' as const, token: '123.x_y-z' };

  it('fills every placeholder, URL-encoded', () => {
    expect(expandPreviewUrl('https://news.example.edu/{locale}/news/{slug}?preview={status}&id={documentId}&token={token}', values)).toBe(
      'https://news.example.edu/zh-Hans/news/liao-ning%2Fda%20xue?preview=draft&id=abc&token=123.x_y-z'
    );
    expect(expandPreviewUrl('https://x.example/{locale}/{locale}', values)).toBe('https://x.example/zh-Hans/zh-Hans');
  });

  it('gives nothing for a {slug} pattern and a version without a slug', () => {
    expect(expandPreviewUrl('https://x.example/{slug}', { ...values, slug: null })).toBeNull();
    expect(expandPreviewUrl('https://x.example/{documentId}', { ...values, slug: null })).toBe('https://x.example/abc');
  });
});

describe('the token', () => {
  it('is valid for its version until it expires', () => {
    const token = signPreviewToken(SECRET, target, { now: NOW, ttlSeconds: 600 });
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyPreviewToken(SECRET, token, target, { now: NOW })).toEqual({ valid: true, expires: NOW / 1000 + 600 });
    expect(verifyPreviewToken(SECRET, token, target, { now: NOW + 599_000 }).valid).toBe(true);
    expect(verifyPreviewToken(SECRET, token, target, { now: NOW + 600_000 })).toEqual({ valid: false, reason: 'expired' });
  });

  it.each([
    ['another document', { documentId: 'other' }],
    ['another locale', { locale: 'en' }],
    ['another status', { status: 'published' }],
    ['another type', { uid: 'api::source.source' }],
  ])('does not open %s', (_what, change) => {
    const token = signPreviewToken(SECRET, target, { now: NOW, ttlSeconds: 600 });
    expect(verifyPreviewToken(SECRET, token, { ...target, ...change } as PreviewTarget, { now: NOW })).toEqual({ valid: false, reason: 'signature' });
  });

  it('refuses another key, a changed expiry or signature, and anything malformed', () => {
    const token = signPreviewToken(SECRET, target, { now: NOW, ttlSeconds: 600 });
    const [expires, signature] = token.split('.');
    expect(verifyPreviewToken('t'.repeat(44), token, target, { now: NOW }).reason).toBe('signature');
    expect(verifyPreviewToken(SECRET, `${Number(expires) + 1}.${signature}`, target, { now: NOW }).reason).toBe('signature');
    expect(verifyPreviewToken(SECRET, `${expires}.${signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`, target, { now: NOW }).reason).toBe('signature');
    for (const bad of [undefined, null, 42, ['a'], '', 'x.y', `${expires}.${signature}=`, `${expires}.${signature}.x`, `-1.${signature}`, ` ${token}`]) {
      expect(verifyPreviewToken(SECRET, bad, target, { now: NOW }).reason).toBe('malformed');
    }
    expect(previewTokenUntil(SECRET, target, Number(expires))).toBe(token);
  });
});

describe('previewStatusOf', () => {
  it("reads the admin's statuses: draft and modified are the draft", () => {
    expect([undefined, null, 'draft', 'modified', 'published', 'archived', 1].map(previewStatusOf)).toEqual(['draft', 'draft', 'draft', 'draft', 'published', null, null]);
  });
});
