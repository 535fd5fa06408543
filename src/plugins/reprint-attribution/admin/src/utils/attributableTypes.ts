import { getFetchClient } from '@strapi/strapi/admin';

import type { ContentTypeFields } from '../types';

let cache: Promise<Record<string, ContentTypeFields>> | null = null;

/** The attributable content types, fetched once per admin session. */
export const fetchAttributableTypes = () => {
  cache ??= getFetchClient()
    .get('/reprint-attribution/types')
    .then((response: any) => response.data.data as Record<string, ContentTypeFields>)
    .catch(() => {
      cache = null;
      return {};
    });
  return cache;
};
