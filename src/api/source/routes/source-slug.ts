import { slugRoute } from '../../../lib/localized-routes';
import { READ_MIDDLEWARES } from './source';

export default { routes: [slugRoute('api::source.source', READ_MIDDLEWARES)] };
