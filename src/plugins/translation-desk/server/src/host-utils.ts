import { createRequire } from 'node:module';
import path from 'node:path';

import * as bundled from '@strapi/utils';

/**
 * The `@strapi/utils` of the host's Strapi core. Strapi answers an error with a 4xx only if it is
 * an instance of *its* copy's classes; npm may install the plugin another copy for its peer
 * range (a fresh app got @strapi/utils 5.55 at the top while @strapi/core 5.54 kept its own
 * 5.54), and the plugin's refusals were then 500s. So the error classes come from the copy that
 * @strapi/core resolves, found from the app's folder; the plugin's own copy when it cannot be.
 */
const hostUtils = (): typeof bundled => {
  try {
    const appRequire = createRequire(path.join(process.cwd(), 'package.json'));
    const core = path.dirname(appRequire.resolve('@strapi/core/package.json'));
    return createRequire(path.join(core, 'package.json'))('@strapi/utils');
  } catch {
    return bundled;
  }
};

export const { errors } = hostUtils();
