import type { Core } from '@strapi/strapi';

import type { ContentTypeFields, PluginConfig } from '../config';

export const PLUGIN_ID = 'reprint-attribution';

export const getConfig = (strapi: Core.Strapi): PluginConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

type ServiceFactories = typeof import('../services').default;
/** The plugin's services by name, with their types. */
export type Services = { [K in keyof ServiceFactories]: ReturnType<ServiceFactories[K]> };

export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] => strapi.plugin(PLUGIN_ID).service(name) as Services[K];

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
