import { checkSourcePublished, citedSourceProblems, requiredSourceLocale } from '../source-state';

const base = { isReprint: true, hasSource: true, localized: true, reprintLocale: 'en', defaultLocale: 'zh-Hans' };

describe('a reprint’s source must be published', () => {
  it('in the reprint’s locale when the source has a version there', () => {
    expect(checkSourcePublished({ ...base, versions: [{ locale: 'en', published: true }] })).toEqual([]);
    const [problem] = checkSourcePublished({ ...base, versions: [{ locale: 'en', published: false }, { locale: 'zh-Hans', published: true }] });
    expect(problem).toMatchObject({ path: ['source'], code: 'source.unpublished', severity: 'error', params: { locale: 'en' } });
  });

  it('in the default locale when the source has no version in the reprint’s locale', () => {
    expect(requiredSourceLocale({ ...base, versions: [{ locale: 'zh-Hans', published: true }] })).toBe('zh-Hans');
    expect(checkSourcePublished({ ...base, versions: [{ locale: 'zh-Hans', published: true }] })).toEqual([]);
    expect(checkSourcePublished({ ...base, versions: [{ locale: 'zh-Hans', published: false }] })[0].params).toEqual({ locale: 'zh-Hans' });
  });

  it('in any locale when the source type is not localized', () => {
    expect(checkSourcePublished({ ...base, localized: false, versions: [{ locale: null, published: true }] })).toEqual([]);
    expect(checkSourcePublished({ ...base, localized: false, versions: [{ locale: null, published: false }] })[0].message).toBe(
      'The source of a reprint must be published first: publish it, or choose a published source'
    );
  });

  it('says nothing for own stories and for a missing source (source.required does)', () => {
    expect(checkSourcePublished({ ...base, isReprint: false, versions: [] })).toEqual([]);
    expect(checkSourcePublished({ ...base, hasSource: false, versions: [] })).toEqual([]);
  });
});

describe('a cited source cannot be taken away', () => {
  it('names each published reprint that cites it', () => {
    expect(citedSourceProblems([{ contentType: 'api::article.article', documentId: 'abc', locale: 'en', title: 'A reprint' }])).toEqual([
      {
        path: [],
        code: 'source.citedByReprint',
        severity: 'error',
        message: 'The published reprint “A reprint” (api::article.article abc (en)) cites this source: re-point it to another source or unpublish it first',
        params: { title: 'A reprint', contentType: 'api::article.article', documentId: 'abc', locale: 'en' },
      },
    ]);
    expect(citedSourceProblems([])).toEqual([]);
  });
});
