import type { Core } from '@strapi/strapi';

import { REPRINT_COMPONENT_UID, reprintComponentSchema } from './reprint';

export { REPRINT_COMPONENT_UID };

/**
 * Registers the reprint component in Strapi's component registry (at register time, before the
 * database models are built), unless the host has a component of that uid of its own (an older
 * copy of this one): then the host's is used, and it must have the plugin's fields.
 */
export const registerComponents = (strapi: Core.Strapi) => {
  const registry = strapi.get('components') as { get: (uid: string) => any; set: (uid: string, component: unknown) => unknown };
  const existing = registry.get(REPRINT_COMPONENT_UID);
  if (existing) {
    const missing = Object.keys(reprintComponentSchema.attributes).filter((field) => !(field in (existing.attributes ?? {})));
    if (missing.length > 0) {
      throw new Error(`reprint-attribution: the app's own component ${REPRINT_COMPONENT_UID} lacks ${missing.join(', ')}; remove it (the plugin brings the component) or add those fields`);
    }
    return;
  }
  const [category, modelName] = REPRINT_COMPONENT_UID.split('.');
  const schema = JSON.parse(JSON.stringify(reprintComponentSchema));
  registry.set(REPRINT_COMPONENT_UID, {
    ...schema,
    __schema__: JSON.parse(JSON.stringify(reprintComponentSchema)),
    uid: REPRINT_COMPONENT_UID,
    category,
    modelType: 'component',
    modelName,
    globalId: 'ComponentAttributionReprint',
    // where the Content-Type Builder writes it if an admin edits it in development: then it is the
    // app's own copy, which this function uses from the next start on
    __filename__: `${modelName}.json`,
  });
};
