import type { Core } from '@strapi/strapi';

import { NEWSROOM_LOCALES, resolveDefaultLocale } from '../lib/locales';

/**
 * Makes sure zh-Hans, en and ru exist and the default is DEFAULT_LOCALE (zh-Hans unless set).
 * Idempotent: existing locales are kept as they are (an admin may have renamed one or added more).
 */
export const ensureLocales = async (strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env) => {
  const defaultCode = resolveDefaultLocale(env.DEFAULT_LOCALE);
  const locales = strapi.plugin('i18n').service('locales');
  const created: string[] = [];

  for (const { code, name } of NEWSROOM_LOCALES) {
    if (!(await locales.findByCode(code))) {
      await locales.create({ code, name });
      created.push(code);
    }
  }
  const changedDefault = (await locales.getDefaultLocale()) !== defaultCode;
  if (changedDefault) await locales.setDefaultLocale({ code: defaultCode });

  return { created, defaultLocale: defaultCode, changedDefault };
};
