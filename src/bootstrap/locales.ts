import type { Core } from '@strapi/strapi';

import { newsroomLocales, resolveDefaultLocale } from '../lib/locales';

/**
 * Makes sure the newsroom's locales (LOCALES: zh-Hans, en and ru unless set) exist, named as
 * Strapi names them, and the default is DEFAULT_LOCALE (the first of them unless set).
 * Idempotent: existing locales are kept as they are (an admin may have renamed one or added more).
 */
export const ensureLocales = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const defaultCode = resolveDefaultLocale(env.DEFAULT_LOCALE, env);
  const locales = strapi.plugin('i18n').service('locales');
  const iso: Array<{ code: string; name: string }> = strapi.plugin('i18n').service('iso-locales').getIsoLocales();
  const created: string[] = [];

  for (const code of newsroomLocales(env)) {
    if (!(await locales.findByCode(code))) {
      await locales.create({ code, name: iso.find((locale) => locale.code === code)?.name ?? code });
      created.push(code);
    }
  }
  const changedDefault = (await locales.getDefaultLocale()) !== defaultCode;
  // The response cache empties itself on it (response-cache/index.ts, bootstrapResponseCache).
  if (changedDefault) await locales.setDefaultLocale({ code: defaultCode });

  return { created, defaultLocale: defaultCode, changedDefault };
};
