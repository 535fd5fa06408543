import { factories } from '@strapi/strapi';

import { localizedReadMiddlewares } from '../../../lib/localized-routes';

export const ARTICLE_READ_MIDDLEWARES = ['api::article.article-filters', 'api::article.article-populate', ...localizedReadMiddlewares('api::article.article')];

export default factories.createCoreRouter('api::article.article', {
  config: {
    find: { middlewares: ARTICLE_READ_MIDDLEWARES },
    findOne: { middlewares: ARTICLE_READ_MIDDLEWARES },
  },
});
