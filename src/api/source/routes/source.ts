import { factories } from '@strapi/strapi';

import { localizedReadMiddlewares } from '../../../lib/localized-routes';

export const READ_MIDDLEWARES = localizedReadMiddlewares('api::source.source');

export default factories.createCoreRouter('api::source.source', {
  config: {
    find: { middlewares: READ_MIDDLEWARES },
    findOne: { middlewares: READ_MIDDLEWARES },
  },
});
