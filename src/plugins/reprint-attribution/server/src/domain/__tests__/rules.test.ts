import { checkForPublish, checkOnSave, missingFields } from '../rules';
import { isHttpUrl } from '../urls';
import { reference, TODAY } from './fixtures';

const codes = (input: Parameters<typeof checkForPublish>[0], titleCheck: 'off' | 'warn' | 'error' = 'warn') =>
  checkForPublish(input, { today: TODAY, titleCheck }).map((problem) => `${problem.severity}:${problem.path.join('.')}:${problem.code}`);

describe('isHttpUrl', () => {
  it.each(['https://www.ln.chinanews.com.cn/', 'http://example.com/a?b=c#d', 'https://例子.中国/路径'])('accepts %s', (url) => expect(isHttpUrl(url)).toBe(true));
  it.each([
    'javascript:alert(1)',
    ' javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    '/relative',
    '../up',
    '//cdn.example.com/x',
    'ftp://example.com/',
    'https://localhost/',
    'https://user:pass@example.com/',
    'https:// example.com',
    'https://',
    '',
    null,
    42,
  ])('rejects %p', (url) => expect(isHttpUrl(url)).toBe(false));
});

describe('checkOnSave', () => {
  it('refuses a malformed original URL even in a draft, and accepts an empty one', () => {
    expect(checkOnSave({ originalUrl: 'javascript:alert(1)' }).map((p) => p.path.join('.'))).toEqual(['reprint.originalUrl']);
    expect(checkOnSave({ originalUrl: '' })).toEqual([]);
    expect(checkOnSave({ originalUrl: null })).toEqual([]);
    expect(checkOnSave(null)).toEqual([]);
  });

  it('refuses malformed dates', () => {
    expect(checkOnSave({ originalPublishedAt: 'yesterday', permissionExpiresAt: '2025/01/01' }).map((p) => p.code)).toEqual([
      'originalPublishedAt.invalid',
      'permissionExpiresAt.invalid',
    ]);
  });
});

describe('checkForPublish', () => {
  it('accepts the complete reference reprint in every locale', () => {
    for (const locale of ['zh-Hans', 'en', 'ru'] as const) expect(codes(reference(locale))).toEqual([]);
  });

  it('has nothing to say about an own story', () => {
    expect(codes(reference('en', { reprint: { isReprint: false }, source: null }))).toEqual([]);
    expect(codes(reference('en', { reprint: null }))).toEqual([]);
  });

  it('lists every missing field of an empty reprint', () => {
    expect(codes({ locale: 'en', title: 'T', date: '2025-03-22', source: null, reprint: { isReprint: true } })).toEqual([
      'error:source:source.required',
      'error:reprint.originalTitle:originalTitle.required',
      'error:reprint.originalUrl:originalUrl.required',
      'error:reprint.originalPublishedAt:originalPublishedAt.required',
      'error:reprint.reprintType:reprintType.required',
      'error:reprint.license:license.required',
    ]);
  });

  it('needs the source (the reference page’s empty "Source:")', () => {
    expect(codes(reference('en', { source: null }))).toEqual(['error:source:source.required']);
    expect(codes(reference('en', { source: { name: '  ' } }))).toEqual(['error:source:source.required']);
  });

  it('refuses an original from the future or newer than the article', () => {
    expect(codes(reference('en', { reprint: { ...reference('en').reprint, originalPublishedAt: '2025-12-01' } }))).toEqual([
      'error:reprint.originalPublishedAt:originalPublishedAt.future',
    ]);
    expect(codes(reference('en', { reprint: { ...reference('en').reprint, originalPublishedAt: '2025-03-23' } }))).toEqual([
      'error:reprint.originalPublishedAt:originalPublishedAt.afterDate',
    ]);
    expect(codes(reference('en', { reprint: { ...reference('en').reprint, originalPublishedAt: '2025-03-22' } }))).toEqual([]);
  });

  it('refuses a javascript: original URL', () => {
    expect(codes(reference('en', { reprint: { ...reference('en').reprint, originalUrl: 'javascript:alert(1)' } }))).toEqual([
      'error:reprint.originalUrl:originalUrl.invalid',
    ]);
  });

  it('needs a translation’s original language, different from the locale', () => {
    const reprint = reference('en').reprint!;
    expect(codes(reference('en', { reprint: { ...reprint, originalLanguage: null } }))).toEqual(['error:reprint.originalLanguage:originalLanguage.required']);
    expect(codes(reference('en', { reprint: { ...reprint, originalLanguage: 'en' } }))).toEqual(['error:reprint.originalLanguage:originalLanguage.sameAsLocale']);
    expect(codes(reference('zh-Hans', { reprint: { ...reprint, reprintType: 'translation' } }))).toEqual([
      'error:reprint.originalLanguage:originalLanguage.sameAsLocale',
    ]);
  });

  it('needs who granted a permission licence and an expiry in the future or a perpetual grant', () => {
    const reprint = { ...reference('en').reprint!, license: 'all-rights-reserved-with-permission' };
    expect(codes(reference('en', { reprint }))).toEqual([
      'error:reprint.permissionGrantedBy:permissionGrantedBy.required',
      'error:reprint.permissionExpiresAt:permissionExpiresAt.required',
    ]);
    const granted = { ...reprint, permissionGrantedBy: 'China News Service rights desk' };
    expect(codes(reference('en', { reprint: { ...granted, permissionExpiresAt: '2026-06-30' } }))).toEqual([]);
    expect(codes(reference('en', { reprint: { ...granted, permissionExpiresAt: TODAY } }))).toEqual(['error:reprint.permissionExpiresAt:permissionExpiresAt.past']);
    expect(codes(reference('en', { reprint: { ...granted, permissionPerpetual: true } }))).toEqual([]);
    // A CC licence needs no permission.
    expect(codes(reference('en', { reprint: { ...reference('en').reprint!, license: 'cc-by-4.0' } }))).toEqual([]);
  });

  it('checks the headline of a full reprint in the original’s language, as configured', () => {
    const full = { ...reference('zh-Hans').reprint, reprintType: 'full' };
    const altered = reference('zh-Hans', { title: '辽宁大学召开研讨会', reprint: full });
    expect(codes(altered, 'off')).toEqual([]);
    expect(codes(altered, 'warn')).toEqual(['warning:title:title.altered']);
    expect(codes(altered, 'error')).toEqual(['error:title:title.altered']);
    // A translation has its own headline.
    expect(codes(reference('en', { title: 'Anything' }), 'error')).toEqual([]);
  });

  it('missingFields lists error paths once, ignoring warnings', () => {
    const problems = checkForPublish(reference('zh-Hans', { title: 'x', source: null }), { today: TODAY, titleCheck: 'warn' });
    expect(missingFields(problems)).toEqual(['source']);
  });
});
