import bootstrap from './bootstrap';
import config from './config';
import controllers from './controllers';
import destroy from './destroy';
import middlewares from './middlewares';
import register from './register';
import routes from './routes';
import services from './services';

/**
 * The plugin's one URL rule, for the host app's own URL fields (the same rule for every link):
 * `import { httpUrlProblem } from 'strapi-plugin-reprint-attribution/strapi-server'`.
 */
export { HTTP_URL_HINT, HTTP_URL_PATTERN, httpUrlProblem, isHttpUrl, MAX_URL_LENGTH } from './domain/urls';

export default {
  register,
  bootstrap,
  destroy,
  config,
  controllers,
  middlewares,
  routes,
  services,
};
