import { slugRoute } from '../../../lib/localized-routes';
import { READ_MIDDLEWARES } from './institution';

export default { routes: [slugRoute('api::institution.institution', READ_MIDDLEWARES)] };
