import type { Core } from '@strapi/strapi';

import type { ContentTypeFields, PluginConfig } from '../config';

export const PLUGIN_ID = 'reprint-attribution';

export const getConfig = (strapi: Core.Strapi): PluginConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

type ServiceFactories = typeof import('../services').default;
/** The plugin's services by name, with their types. */
export type Services = { [K in keyof ServiceFactories]: ReturnType<ServiceFactories[K]> };

export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] => strapi.plugin(PLUGIN_ID).service(name) as Services[K];

/** Whether a content type has a version per locale (types without i18n have one, whose locale is null). */
export const isLocalized = (strapi: Core.Strapi, uid: string): boolean => Boolean((strapi.contentTypes[uid as never] as any)?.pluginOptions?.i18n?.localized);

/** The current request when an admin makes it (Content Manager, admin routes), else null. */
export const adminRequest = (strapi: Core.Strapi): any | null => {
  const ctx: any = strapi.requestContext.get();
  if (!ctx?.state) return null;
  return ctx.state.route?.info?.type === 'admin' || ctx.state.auth?.strategy?.name === 'admin' ? ctx : null;
};

/** The language an admin reads: the profile's interface language, else the browser's. */
export const adminLanguage = (ctx: any): string | null => ctx?.state?.user?.preferedLanguage || ctx?.get?.('accept-language')?.split(',')[0] || null;

/** Attributable content types and their fields, as configured. */
export const attributableTypes = (strapi: Core.Strapi): Record<string, ContentTypeFields> => getConfig(strapi).contentTypes ?? {};

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD in a time zone. */
export const todayIn = (timeZone: string, now: Date = new Date()): string => {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
};

export const addDays = (day: string, days: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

/**
 * Checks that each configured content type exists and has the fields the configuration names,
 * so a typo stops start-up with a message instead of silently attributing nothing.
 */
export const checkConfiguredTypes = (strapi: Core.Strapi) => {
  for (const [uid, fields] of Object.entries(attributableTypes(strapi))) {
    const model = strapi.contentTypes[uid as never] as any;
    if (!model) throw new Error(`reprint-attribution: contentTypes names "${uid}", which does not exist`);
    for (const [role, field] of Object.entries(fields)) {
      if (field && !model.attributes[field]) {
        throw new Error(`reprint-attribution: ${uid} has no field "${field}" (configured as ${role})`);
      }
    }
    if (model.attributes[fields.reprint].type !== 'component') throw new Error(`reprint-attribution: ${uid}.${fields.reprint} must be a component`);
    if (model.attributes[fields.source].type !== 'relation') throw new Error(`reprint-attribution: ${uid}.${fields.source} must be a relation`);
  }
};
