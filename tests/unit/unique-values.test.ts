import {
  createIndexSql,
  isUniqueViolation,
  planRenames,
  uniqueIndexFor,
  valueRoot,
  violatedUniqueIndex,
  type StoredValue,
} from '../../src/lib/unique-values';
import { slugCandidate } from '../../src/lib/slug';

describe('valueRoot', () => {
  it('strips every trailing number, so that all candidates of one base share one lock', () => {
    expect(valueRoot('seminar')).toBe('seminar');
    expect(valueRoot('seminar-2')).toBe('seminar');
    expect(valueRoot('seminar-2-3')).toBe('seminar');
    for (const base of ['seminar', 'seminar-2', '2024', 'covid-19']) {
      for (let attempt = 1; attempt < 5; attempt += 1) expect(valueRoot(slugCandidate(base, attempt))).toBe(valueRoot(base));
    }
  });

  it('keeps a value that is a number only', () => {
    expect(valueRoot('2024')).toBe('2024');
    expect(valueRoot('2024-05')).toBe('2024');
  });
});

describe('unique indexes', () => {
  it('hold a value per locale and per draft or published row', () => {
    const index = uniqueIndexFor('articles', 'slug', 'slug', { localized: true, draftAndPublish: true });
    expect(index.name).toBe('nwr_unique_articles_slug');
    expect(createIndexSql(index)).toBe('CREATE UNIQUE INDEX IF NOT EXISTS "nwr_unique_articles_slug" ON "articles" ("slug", "locale", ("published_at" IS NULL))');
    expect(createIndexSql(index, 'public')).toContain('ON "public"."articles"');
  });

  it('leave out the locale and the version where a type has none', () => {
    const index = uniqueIndexFor('tags', 'slug', 'slug', { localized: false, draftAndPublish: false });
    expect(createIndexSql(index)).toBe('CREATE UNIQUE INDEX IF NOT EXISTS "nwr_unique_tags_slug" ON "tags" ("slug")');
  });

  it('keep names within PostgreSQL identifiers', () => {
    expect(uniqueIndexFor('x'.repeat(80), 'slug', 'slug', { localized: true, draftAndPublish: true }).name).toHaveLength(63);
  });
});

describe('violatedUniqueIndex', () => {
  it('names the app index PostgreSQL and SQLite report', () => {
    expect(violatedUniqueIndex({ code: '23505', constraint: 'nwr_unique_articles_slug' })).toBe('nwr_unique_articles_slug');
    expect(violatedUniqueIndex({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: "UNIQUE constraint failed: index 'nwr_unique_sources_key'" })).toBe('nwr_unique_sources_key');
  });

  it('ignores other errors and other indexes', () => {
    expect(violatedUniqueIndex({ code: '23505', constraint: 'articles_pkey' })).toBeNull();
    expect(violatedUniqueIndex({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: articles.document_id' })).toBeNull();
    expect(violatedUniqueIndex(new Error('boom'))).toBeNull();
    expect(violatedUniqueIndex(undefined)).toBeNull();
    expect(isUniqueViolation({ code: '40P01' })).toBe(false);
  });
});

describe('planRenames', () => {
  const row = (id: number, documentId: string, value: string | null, locale = 'en', draft = true): StoredValue => ({ id, documentId, locale, draft, value });

  it('renames every later document sharing a slug in a locale and version, the first keeps it', () => {
    const rows = [row(1, 'a', 'seminar'), row(2, 'a', 'seminar', 'en', false), row(3, 'b', 'seminar'), row(4, 'c', 'seminar'), row(5, 'd', 'seminar-2'), row(6, 'e', 'seminar', 'ru')];
    expect(planRenames(rows, { perLocale: true })).toEqual([
      { documentId: 'b', locale: 'en', from: 'seminar', to: 'seminar-3' },
      { documentId: 'c', locale: 'en', from: 'seminar', to: 'seminar-4' },
    ]);
  });

  it('renames a document once for its draft and published rows, by its first stored row', () => {
    // b's published row was stored before a's: a still came first, and keeps the slug in both.
    const rows = [row(1, 'a', 'seminar'), row(2, 'b', 'seminar'), row(3, 'b', 'seminar', 'en', false), row(4, 'a', 'seminar', 'en', false)];
    expect(planRenames(rows, { perLocale: true })).toEqual([{ documentId: 'b', locale: 'en', from: 'seminar', to: 'seminar-2' }]);
  });

  it('holds a key across locales: one per document in the whole type', () => {
    const rows = [row(1, 'a', 'china-news'), row(2, 'a', 'china-news', 'ru'), row(3, 'b', 'china-news', 'ru'), row(4, 'c', null)];
    expect(planRenames(rows, { perLocale: false })).toEqual([{ documentId: 'b', locale: null, from: 'china-news', to: 'china-news-2' }]);
  });

  it('renames nothing when nothing is shared', () => {
    expect(planRenames([row(1, 'a', 'x'), row(2, 'a', 'x', 'en', false), row(3, 'b', 'x', 'ru'), row(4, 'c', null), row(5, 'd', null)], { perLocale: true })).toEqual([]);
  });
});
