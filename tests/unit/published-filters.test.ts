import { publishedOnlyFilters } from '../../src/lib/published-filters';
import type { ModelLookup } from '../../src/lib/query-rules';

const models: Record<string, any> = {
  'api::article.article': {
    options: { draftAndPublish: true },
    attributes: {
      title: { type: 'string' },
      source: { type: 'relation', target: 'api::source.source' },
      localizations: { type: 'relation', target: 'api::article.article' },
      reprint: { type: 'component', component: 'attribution.reprint' },
      cover: { type: 'media' },
    },
  },
  'api::source.source': { options: { draftAndPublish: true }, attributes: { name: { type: 'string' }, parent: { type: 'relation', target: 'api::plain.plain' } } },
  'api::plain.plain': { options: { draftAndPublish: false }, attributes: { name: { type: 'string' } } },
  'attribution.reprint': { attributes: { originalTitle: { type: 'string' }, outlet: { type: 'relation', target: 'api::source.source' } } },
};
const lookup: ModelLookup = (uid) => models[uid];
const rewrite = (filters: unknown) => publishedOnlyFilters(filters, 'api::article.article', lookup);
const PUBLISHED = { publishedAt: { $notNull: true } };

describe('publishedOnlyFilters', () => {
  it('leaves conditions on the document’s own fields alone', () => {
    expect(rewrite({ title: { $eq: 'a' }, $or: [{ title: 'b' }], $not: { title: 'c' } })).toEqual({ title: { $eq: 'a' }, $or: [{ title: 'b' }], $not: { title: 'c' } });
  });

  it('makes every condition through a relation to a draft-and-publish type read published rows only', () => {
    expect(rewrite({ localizations: { title: { $startsWith: 'E' } } })).toEqual({ localizations: { $and: [{ title: { $startsWith: 'E' } }, PUBLISHED] } });
    expect(rewrite({ $or: [{ localizations: { localizations: { title: 'x' } } }] })).toEqual({
      $or: [{ localizations: { $and: [{ localizations: { $and: [{ title: 'x' }, PUBLISHED] } }, PUBLISHED] } }],
    });
    expect(rewrite({ source: 3 })).toEqual({ source: { $and: [{ id: 3 }, PUBLISHED] } });
    expect(rewrite({ source: { $in: [1, 2] } })).toEqual({ source: { $and: [{ id: { $in: [1, 2] } }, PUBLISHED] } });
    expect(rewrite({ reprint: { outlet: { name: 'x' } } })).toEqual({ reprint: { outlet: { $and: [{ name: 'x' }, PUBLISHED] } } });
  });

  it('does not touch relations to types without drafts, nor whether anything is linked', () => {
    expect(rewrite({ source: { parent: { name: 'x' } } })).toEqual({ source: { $and: [{ parent: { name: 'x' } }, PUBLISHED] } });
    expect(rewrite({ source: { $null: true } })).toEqual({ source: { $null: true } });
    expect(rewrite({ cover: { name: 'x' } })).toEqual({ cover: { name: 'x' } });
  });

  it('does not let `localizations: { $notNull }` reveal that a draft translation exists', () => {
    expect(rewrite({ localizations: { $notNull: true } })).toEqual({ localizations: { $and: [{ id: { $notNull: true } }, PUBLISHED] } });
  });
});
