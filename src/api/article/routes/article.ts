import { factories } from '@strapi/strapi';

export const ARTICLE_READ_MIDDLEWARES = [
  'api::article.article-filters',
  'api::article.article-populate',
  { name: 'global::localized-reads', config: { uid: 'api::article.article' } },
];

export default factories.createCoreRouter('api::article.article', {
  config: {
    find: { middlewares: ARTICLE_READ_MIDDLEWARES },
    findOne: { middlewares: ARTICLE_READ_MIDDLEWARES },
  },
});
