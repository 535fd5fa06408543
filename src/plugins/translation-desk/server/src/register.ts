import type { Core } from '@strapi/strapi';

import { registerRecording } from './middleware';
import { deskTypes, RECORD_UID, SUMMARY_UID } from './utils';

const register = ({ strapi }: { strapi: Core.Strapi }) => {
  // The config against the schemas: a type or field that is not there stops start-up with one line.
  deskTypes(strapi);
  registerRecording(strapi);
  // The desk's own tables are not content: no GraphQL queries or mutations for them (the GraphQL
  // plugin generates both for every type but the admin's), only the admin API reads them.
  const graphql = strapi.plugin('graphql');
  if (graphql) for (const uid of [RECORD_UID, SUMMARY_UID]) graphql.service('extension').shadowCRUD(uid).disable();
};

export default register;
