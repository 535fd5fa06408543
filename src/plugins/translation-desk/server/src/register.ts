import type { Core } from '@strapi/strapi';

import { registerRecording } from './middleware';
import { deskTypes } from './utils';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The config against the schemas: a type or field that is not there stops start-up with one line.
  deskTypes(strapi);
  registerRecording(strapi);
};

export default register;
