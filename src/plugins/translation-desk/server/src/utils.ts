import type { Core } from '@strapi/strapi';

import { resolveTypes, type DeskType, type PluginConfig, type SchemaInfo } from './domain';
import { PLUGIN_ID } from './pluginId';

export const RECORD_UID = `plugin::${PLUGIN_ID}.translation-record`;
export const SUMMARY_UID = `plugin::${PLUGIN_ID}.translation-summary`;

export const getConfig = (strapi: Core.Strapi): PluginConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

type ServiceFactories = typeof import('./services').default;
/** The plugin's services by name, with their types. */
export type Services = { [K in keyof ServiceFactories]: ReturnType<ServiceFactories[K]> };
export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] => strapi.plugin(PLUGIN_ID).service(name) as Services[K];

const schemaInfo = (model: any): SchemaInfo => ({
  displayName: model.info?.displayName,
  localized: Boolean(model.pluginOptions?.i18n?.localized),
  draftAndPublish: Boolean(model.options?.draftAndPublish),
  attributes: Object.fromEntries(
    Object.entries<any>(model.attributes ?? {}).map(([name, attribute]) => [name, { type: attribute.type, enum: attribute.enum, localized: Boolean(attribute.pluginOptions?.i18n?.localized) }])
  ),
});

const resolved = new WeakMap<object, Map<string, DeskType>>();

/** The content types the desk covers (config checked against the schemas), by uid. Throws on a bad config. */
export const deskTypes = (strapi: Core.Strapi): Map<string, DeskType> => {
  let types = resolved.get(strapi);
  if (!types) {
    const schemas = Object.fromEntries(Object.entries(strapi.contentTypes).map(([uid, model]) => [uid, schemaInfo(model)]));
    types = new Map(resolveTypes(getConfig(strapi), schemas).map((type) => [type.uid, type]));
    resolved.set(strapi, types);
  }
  return types;
};

/** Runs `fn` with the current transaction's knex (the write's, when there is one), else the connection. */
export const withKnex = <T>(strapi: Core.Strapi, fn: (knex: any) => Promise<T>): Promise<T> =>
  strapi.db.inTransaction() ? (strapi.db.transaction(({ trx }) => fn(trx)) as Promise<T>) : fn(strapi.db.connection);

/** A JSON column's value (PostgreSQL gives objects, SQLite text). */
export const fromJson = <T>(value: unknown): T | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
};

/** Column names of a model's attributes (Strapi's naming), from its metadata. */
export const columnsOf = (strapi: Core.Strapi, uid: string) => {
  const metadata: any = strapi.db.metadata.get(uid);
  const column = (name: string): string => metadata.attributes[name]?.columnName ?? name;
  return { table: metadata.tableName as string, column };
};

/** The admin behind the current request, for `reviewedBy`. */
export const adminName = (user: { firstname?: string | null; lastname?: string | null; username?: string | null; email?: string | null } | undefined) =>
  [user?.firstname, user?.lastname].filter(Boolean).join(' ') || user?.username || user?.email || null;
