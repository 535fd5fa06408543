import { isDatabaseLocked, isRefusal, recordLabel, refusalProblems } from '../../src/lib/import-problems';

const fields = { shared: ['date', 'section'], localized: ['title', 'slug', 'reprint'], relations: ['source', 'institutions'] };

describe('refusalProblems', () => {
  it('places each field of a refusal under locales, shared or relations, with the line, key, locale and step', () => {
    const error = {
      message: 'two problems',
      details: {
        errors: [
          { path: ['slug'], message: 'slug "x" is already used' },
          { path: ['date'], message: 'date is required' },
          { path: ['source'], message: 'the source must be published' },
          { path: ['reprint', 'license'], message: 'license is required' },
        ],
      },
    };
    expect(refusalProblems(error, { line: 7, key: 'article a', locale: 'en', action: 'publish', fields })).toEqual([
      { line: 7, key: 'article a', path: ['locales', 'en', 'slug'], message: 'locales.en.slug: [en] slug "x" is already used (refused on publish)' },
      { line: 7, key: 'article a', path: ['shared', 'date'], message: 'shared.date: [en] date is required (refused on publish)' },
      { line: 7, key: 'article a', path: ['relations', 'source'], message: 'relations.source: [en] the source must be published (refused on publish)' },
      { line: 7, key: 'article a', path: ['locales', 'en', 'reprint', 'license'], message: 'locales.en.reprint.license: [en] license is required (refused on publish)' },
    ]);
  });

  it('reports a refusal without field paths as a problem of the record', () => {
    expect(refusalProblems({ message: 'Forbidden' }, { line: 2, fields })).toEqual([{ line: 2, path: [], message: 'Forbidden' }]);
  });
});

describe('error kinds', () => {
  it('tells refusals (client data) from failures of the system', () => {
    expect(isRefusal({ name: 'ValidationError' })).toBe(true);
    expect(isRefusal({ status: 409 })).toBe(true);
    expect(isRefusal(new Error('connection lost'))).toBe(false);
    expect(isRefusal({ status: 500 })).toBe(false);
  });

  it('recognises SQLite\'s lock errors', () => {
    expect(isDatabaseLocked(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isDatabaseLocked({ code: 'SQLITE_BUSY' })).toBe(true);
    expect(isDatabaseLocked(new Error('no such table'))).toBe(false);
  });

  it('labels a record by type and key', () => {
    expect(recordLabel({ type: 'article', key: 'a' })).toBe('article a');
    expect(recordLabel({ type: 'article' })).toBeUndefined();
    expect(recordLabel('nope')).toBeUndefined();
  });
});
