import { WATCHED_TYPES, type WatchedType } from './text';

/** One content type's settings in the plugin config (config/plugins.ts → 'translation-desk'.config.contentTypes). */
export interface ContentTypeSettings {
  /** the watched fields: localized string, text, richtext or blocks attributes; default: all of them */
  fields?: string[];
  /** the field that names a document in the table; default: `title`, `name`, else the first watched string */
  title?: string;
  /** the editorial date (date or datetime attribute) the table sorts and filters by; default: none */
  date?: string | null;
  /** enumeration attributes the table can filter by */
  filters?: string[];
}

export interface PluginConfig {
  /** uid → settings; leave out for every localized content type of the app (`api::…`) with the defaults */
  contentTypes?: Record<string, ContentTypeSettings>;
  /** the largest page the status API gives */
  maxPageSize: number;
  /** bring the records up to date at start-up (versions written without the Document Service, a failed record) */
  reconcileOnStart: boolean;
}

export const DEFAULT_CONFIG: PluginConfig = { maxPageSize: 200, reconcileOnStart: true };

/** A content type as the desk works on it. */
export interface DeskType {
  uid: string;
  displayName: string;
  draftAndPublish: boolean;
  fields: Array<{ name: string; type: WatchedType }>;
  title: string | null;
  date: string | null;
  filters: Array<{ name: string; values: string[] }>;
}

/** What the desk needs to know of a schema. */
export interface SchemaInfo {
  displayName?: string;
  localized: boolean;
  draftAndPublish: boolean;
  attributes: Record<string, { type: string; enum?: string[]; localized: boolean }>;
}

const fail = (message: string): never => {
  throw new Error(`translation-desk config: ${message}`);
};

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
const stringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '');

/** The config's shape (the plugin's `validator`): one clear line for the first problem. */
export const checkConfigShape = (config: unknown) => {
  if (!isObject(config)) return fail('must be an object');
  const known = new Set(['contentTypes', 'maxPageSize', 'reconcileOnStart']);
  for (const key of Object.keys(config)) if (!known.has(key)) fail(`unknown option "${key}" (known: ${[...known].join(', ')})`);
  const { contentTypes, maxPageSize, reconcileOnStart } = config;
  if (!Number.isInteger(maxPageSize) || (maxPageSize as number) < 1 || (maxPageSize as number) > 1000) fail('maxPageSize must be a whole number from 1 to 1000');
  if (typeof reconcileOnStart !== 'boolean') fail('reconcileOnStart must be true or false');
  if (contentTypes === undefined) return;
  if (!isObject(contentTypes)) return fail('contentTypes must be an object of content type uid → { fields, title, date, filters }');
  for (const [uid, settings] of Object.entries(contentTypes)) {
    const where = `contentTypes["${uid}"]`;
    if (!isObject(settings)) fail(`${where} must be an object ({ fields, title, date, filters })`);
    const entry = settings as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!['fields', 'title', 'date', 'filters'].includes(key)) fail(`${where} has an unknown option "${key}" (known: fields, title, date, filters)`);
    if (entry.fields !== undefined && (!stringList(entry.fields) || (entry.fields as string[]).length === 0)) fail(`${where}.fields must be a non-empty list of field names`);
    if (entry.title !== undefined && (typeof entry.title !== 'string' || entry.title === '')) fail(`${where}.title must name a field`);
    if (entry.date !== undefined && entry.date !== null && (typeof entry.date !== 'string' || entry.date === '')) fail(`${where}.date must name a field, or be null`);
    if (entry.filters !== undefined && !stringList(entry.filters)) fail(`${where}.filters must be a list of field names`);
  }
};

const defaultFields = (schema: SchemaInfo) =>
  Object.entries(schema.attributes)
    .filter(([, attribute]) => attribute.localized && (WATCHED_TYPES as readonly string[]).includes(attribute.type))
    .map(([name]) => name);

/**
 * The content types the desk covers, checked against their schemas: a type that does not exist or
 * is not localized, a field that is missing, not localized or of the wrong type stops start-up
 * with one line naming it.
 */
export const resolveTypes = (config: Pick<PluginConfig, 'contentTypes'>, schemas: Record<string, SchemaInfo>): DeskType[] => {
  const wanted: Record<string, ContentTypeSettings> =
    config.contentTypes ?? Object.fromEntries(Object.keys(schemas).filter((uid) => uid.startsWith('api::') && schemas[uid].localized).map((uid) => [uid, {}]));
  return Object.entries(wanted).map(([uid, settings]) => {
    const schema = schemas[uid];
    const where = `contentTypes["${uid}"]`;
    if (!schema) return fail(`${where}: no such content type`);
    if (!schema.localized) return fail(`${where}: the content type is not localized (i18n), so it has no translations`);
    const attribute = (name: string, role: string) => schema.attributes[name] ?? fail(`${where}.${role}: ${uid} has no field "${name}"`);
    const fields = (settings.fields ?? defaultFields(schema)).map((name) => {
      const { type, localized } = attribute(name, 'fields');
      if (!(WATCHED_TYPES as readonly string[]).includes(type)) fail(`${where}.fields: "${name}" is a ${type} field; watched fields are ${WATCHED_TYPES.join(', ')}`);
      if (!localized) fail(`${where}.fields: "${name}" is not localized, so it is the same in every locale`);
      return { name, type: type as WatchedType };
    });
    if (fields.length === 0) fail(`${where}: ${uid} has no localized text field to watch; name them in fields`);
    const title = settings.title ?? ['title', 'name'].find((name) => schema.attributes[name]?.type === 'string') ?? fields.find((field) => field.type === 'string')?.name ?? null;
    if (title !== null && !['string', 'text', 'uid'].includes(attribute(title, 'title').type)) fail(`${where}.title: "${title}" is not a text field`);
    const date = settings.date ?? null;
    if (date !== null && !['date', 'datetime'].includes(attribute(date, 'date').type)) fail(`${where}.date: "${date}" is not a date or datetime field`);
    const filters = (settings.filters ?? []).map((name) => {
      const { type, enum: values } = attribute(name, 'filters');
      if (type !== 'enumeration') fail(`${where}.filters: "${name}" is a ${type} field; filters are enumeration fields`);
      return { name, values: [...(values ?? [])] };
    });
    return { uid, displayName: schema.displayName ?? uid, draftAndPublish: schema.draftAndPublish, fields, title, date, filters };
  });
};
