import { factories } from '@strapi/strapi';

import { localizedReadMiddlewares } from '../../../lib/localized-routes';

export const READ_MIDDLEWARES = localizedReadMiddlewares('api::institution.institution');

export default factories.createCoreRouter('api::institution.institution', {
  config: {
    find: { middlewares: READ_MIDDLEWARES },
    findOne: { middlewares: READ_MIDDLEWARES },
  },
});
