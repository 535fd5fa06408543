import { getFetchClient } from '@strapi/strapi/admin';

import type { DeskType } from '../types';

let types: Promise<DeskType[]> | null = null;

/**
 * The content types the desk covers that this admin may read (GET /translation-desk/types), asked
 * once per page load: the edit view's panel renders for every document an editor opens. A failed
 * answer is not kept, so the next caller asks again.
 */
export const fetchDeskTypes = (): Promise<DeskType[]> => {
  if (!types) {
    types = getFetchClient()
      .get('/translation-desk/types')
      .then((response: any) => (response.data?.data ?? []) as DeskType[])
      .catch((error) => {
        types = null;
        throw error;
      });
  }
  return types;
};

/** The message of an admin API error (the project's error shape), else what the client says. */
export const errorMessage = (error: any): string =>
  error?.response?.data?.error?.message ?? error?.message ?? String(error);

export const errorStatus = (error: any): number | undefined => error?.status ?? error?.response?.status;

/** Where the Content Manager edits one locale version (the admin router's path, without /admin). */
export const editPath = (uid: string, documentId: string, locale: string) =>
  `/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=${encodeURIComponent(locale)}`;
