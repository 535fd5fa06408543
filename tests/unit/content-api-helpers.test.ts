import { parseArticleQuery } from '../../src/lib/article-query';
import { groupLocalizations } from '../../src/lib/localizations';
import { parseFallback } from '../../src/lib/read-options';

const SECTIONS = ['news', 'events', 'research'];

describe('parseArticleQuery', () => {
  it('turns convenience parameters into filters', () => {
    const parsed = parseArticleQuery(
      { institution: 'liaoning-university,bohai-university', source: ['cnln'], section: 'news,events', from: '2025-01-01', to: '2025-12-31' },
      SECTIONS
    );
    expect(parsed.problems).toEqual([]);
    // Keys and slugs are looked up in every locale by the route middleware.
    expect(parsed.lookups).toEqual([
      { relation: 'institutions', values: ['liaoning-university', 'bohai-university'] },
      { relation: 'source', values: ['cnln'] },
    ]);
    expect(parsed.filters).toEqual([
      { section: { $in: ['news', 'events'] } },
      { date: { $gte: '2025-01-01', $lte: '2025-12-31' } },
    ]);
  });

  it('accepts an open-ended date range and no parameters at all', () => {
    expect(parseArticleQuery({ to: '2025-06-30' }, SECTIONS).filters).toEqual([{ date: { $lte: '2025-06-30' } }]);
    expect(parseArticleQuery({}, SECTIONS)).toEqual({ filters: [], lookups: [], problems: [] });
  });

  it('reports each bad parameter with its name', () => {
    const { problems } = parseArticleQuery(
      { institution: 'Bad Slug', source: '', section: 'gossip', from: '2025-02-30', to: 'soon' },
      SECTIONS
    );
    expect(problems.map((problem) => problem.path[0])).toEqual(['institution', 'source', 'section', 'from', 'to']);
    const reversed = parseArticleQuery({ from: '2025-05-01', to: '2025-04-01' }, SECTIONS);
    expect(reversed.problems).toEqual([expect.objectContaining({ path: ['to'], message: 'to (2025-04-01) is before from (2025-05-01)' })]);
  });
});

describe('parseFallback', () => {
  it('takes true or false and names the parameter otherwise', () => {
    expect(parseFallback(undefined)).toEqual({ fallback: false });
    expect(parseFallback('true')).toEqual({ fallback: true });
    expect(parseFallback('false')).toEqual({ fallback: false });
    expect(parseFallback('yes').problem).toEqual(expect.objectContaining({ path: ['fallback'], message: 'fallback must be true or false' }));
    expect(parseFallback(['true', 'true']).problem).toEqual(expect.objectContaining({ path: ['fallback'] }));
  });
});

describe('groupLocalizations', () => {
  it('groups per document in the newsroom’s locale order', () => {
    const grouped = groupLocalizations([
      { documentId: 'a', locale: 'ru', slug: 'ru-slug' },
      { documentId: 'a', locale: 'zh-Hans', slug: 'zh-slug' },
      { documentId: 'b', locale: 'en', slug: null },
      { documentId: 'a', locale: 'en', slug: 'en-slug' },
    ]);
    expect(grouped.get('a')).toEqual([
      { locale: 'zh-Hans', slug: 'zh-slug' },
      { locale: 'en', slug: 'en-slug' },
      { locale: 'ru', slug: 'ru-slug' },
    ]);
    expect(grouped.get('b')).toEqual([{ locale: 'en', slug: null }]);
  });
});
