import { factories } from '@strapi/strapi';

import { localizedReadController } from '../../../content-api/localized-controller';

// Lists and single reads with `fallback`, and the read by slug (docs/api.md).
export default factories.createCoreController('api::institution.institution', ({ strapi }) => localizedReadController('api::institution.institution', strapi));
