import { parseArticleQuery } from '../../src/lib/article-query';
import { groupLocalizations } from '../../src/lib/localizations';

const SECTIONS = ['news', 'events', 'research'];

describe('parseArticleQuery', () => {
  it('turns convenience parameters into filters', () => {
    const parsed = parseArticleQuery(
      { institution: 'liaoning-university,bohai-university', source: ['cnln'], section: 'news,events', from: '2025-01-01', to: '2025-12-31', fallback: 'true' },
      SECTIONS
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.fallback).toBe(true);
    expect(parsed.filters).toEqual([
      { institutions: { $or: [{ key: { $in: ['liaoning-university', 'bohai-university'] } }, { slug: { $in: ['liaoning-university', 'bohai-university'] } }] } },
      { source: { $or: [{ key: { $in: ['cnln'] } }, { slug: { $in: ['cnln'] } }] } },
      { section: { $in: ['news', 'events'] } },
      { date: { $gte: '2025-01-01', $lte: '2025-12-31' } },
    ]);
  });

  it('accepts an open-ended date range and no parameters at all', () => {
    expect(parseArticleQuery({ to: '2025-06-30' }, SECTIONS).filters).toEqual([{ date: { $lte: '2025-06-30' } }]);
    expect(parseArticleQuery({}, SECTIONS)).toEqual({ filters: [], fallback: false, problems: [] });
  });

  it('reports each bad parameter with its name', () => {
    const { problems } = parseArticleQuery(
      { institution: 'Bad Slug', source: '', section: 'gossip', from: '2025-02-30', to: 'soon', fallback: 'yes' },
      SECTIONS
    );
    expect(problems.map((problem) => problem.path[0])).toEqual(['institution', 'source', 'section', 'from', 'to', 'fallback']);
    const reversed = parseArticleQuery({ from: '2025-05-01', to: '2025-04-01' }, SECTIONS);
    expect(reversed.problems).toEqual([expect.objectContaining({ path: ['to'], message: 'to (2025-04-01) is before from (2025-05-01)' })]);
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
