import type { Core } from '@strapi/strapi';

import { findFormatProblems, type SchemaLookup } from '../lib/field-rules';
import { validationError } from '../lib/validation-error';

const WRITE_ACTIONS = new Set(['create', 'update']);

/** Schema `regex` rules (URLs, slugs, country codes) on every save, drafts included. */
export const registerFormatRules = (strapi: Core.Strapi) => {
  const getSchema: SchemaLookup = (uid) => strapi.getModel(uid as never) as never;

  strapi.documents.use(async (context, next) => {
    if (!WRITE_ACTIONS.has(context.action)) return next();
    const data = (context.params as { data?: unknown }).data;
    const problems = findFormatProblems(getSchema, context.uid, data);
    if (problems.length > 0) throw validationError(problems);
    return next();
  });
};
