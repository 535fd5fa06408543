import type { Core } from '@strapi/strapi';

import { PLUGIN_ID } from './utils';

const destroy = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.cron?.remove?.(`${PLUGIN_ID}-expiry`);
};

export default destroy;
