import { slugRoute } from '../../../lib/localized-routes';
import { ARTICLE_READ_MIDDLEWARES } from './article';

export default { routes: [slugRoute('api::article.article', ARTICLE_READ_MIDDLEWARES)] };
