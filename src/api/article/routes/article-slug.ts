import { ARTICLE_READ_MIDDLEWARES } from './article';

export default {
  routes: [
    {
      method: 'GET',
      path: '/articles/slug/:slug',
      handler: 'api::article.article.findBySlug',
      config: {
        // Whoever may read one article may look it up by slug: no separate permission to grant.
        auth: { scope: ['api::article.article.findOne'] },
        middlewares: ARTICLE_READ_MIDDLEWARES,
      },
    },
  ],
};
