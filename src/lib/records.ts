/**
 * The newsroom's portable document format, shared by the seed files, `npm run import`,
 * `npm run export` and the dataset generator. One record is one document with all its locales:
 *
 *   { "type": "institution", "key": "lnu", "publish": true,
 *     "shared":    { "kind": "university", "country": "CN" },          // fields not localized
 *     "relations": { "parent": null },                                 // by key, every locale
 *     "locales":   { "zh-Hans": { "name": "辽宁大学", … }, "en": { … }, "ru": { … } } }
 *
 * Media is not carried (files are attached in the admin). `body` and other blocks fields may be
 * given as a list of paragraph strings. Everything here is pure: no Strapi import.
 */
import type { FieldProblem } from './field-rules';
import { HTTP_URL_PATTERN, isHttpUrl, describePattern } from './field-rules';

export const RECORD_TYPES = {
  institution: 'api::institution.institution',
  source: 'api::source.source',
  article: 'api::article.article',
} as const;
export type RecordType = keyof typeof RECORD_TYPES;
/** Import order: what is referenced comes first. */
export const RECORD_TYPE_ORDER: RecordType[] = ['institution', 'source', 'article'];

export interface DocumentRecord {
  type: RecordType;
  key: string;
  /** true: every locale published; false: drafts only; a list: those locales published */
  publish?: boolean | string[];
  shared?: Record<string, unknown>;
  relations?: Record<string, string | string[] | null>;
  locales: Record<string, Record<string, unknown>>;
}

export interface AttributeInfo {
  type: string;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  regex?: string;
  enum?: string[];
  relation?: string;
  target?: string;
  component?: string;
  repeatable?: boolean;
  private?: boolean;
  default?: unknown;
  pluginOptions?: { i18n?: { localized?: boolean } };
}
export interface SchemaInfo {
  attributes: Record<string, AttributeInfo>;
}
export type SchemaGetter = (uid: string) => SchemaInfo | undefined;

const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** Managed by Strapi or by this format itself, never part of a record's field lists. */
const SYSTEM_FIELDS = new Set([
  'id', 'documentId', 'key', 'locale', 'localizations', 'createdAt', 'updatedAt', 'publishedAt',
  'createdBy', 'updatedBy', 'firstPublishedAt',
]);

const isRecordObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const isLocalizedAttribute = (attribute: AttributeInfo) => attribute.pluginOptions?.i18n?.localized !== false;
export const isRelation = (attribute: AttributeInfo) => attribute.type === 'relation';
export const isToMany = (attribute: AttributeInfo) => /Many$/.test(attribute.relation ?? '');

/** The attributes a record carries, split the way records are. */
export const recordFields = (schema: SchemaInfo) => {
  const shared: string[] = [];
  const localized: string[] = [];
  const relations: string[] = [];
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (SYSTEM_FIELDS.has(name) || attribute.type === 'media' || attribute.private) continue;
    if (isRelation(attribute)) relations.push(name);
    else if (isLocalizedAttribute(attribute)) localized.push(name);
    else shared.push(name);
  }
  return { shared, localized, relations };
};

export const isValidDate = (value: unknown): value is string => {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** Paragraph strings become Strapi blocks; blocks pass through. */
export const toBlocks = (value: unknown): unknown => {
  if (!Array.isArray(value)) return value;
  return value.map((item) =>
    typeof item === 'string' ? { type: 'paragraph', children: [{ type: 'text', text: item }] } : item
  );
};

const checkValue = (
  attribute: AttributeInfo,
  value: unknown,
  path: string[],
  getSchema: SchemaGetter,
  problems: FieldProblem[]
) => {
  const where = path.join('.');
  const add = (message: string) => problems.push({ path, message: `${where} ${message}`, value });
  if (value === null || value === undefined) return;

  switch (attribute.type) {
    case 'string':
    case 'text':
    case 'uid':
    case 'email': {
      if (typeof value !== 'string') return add('must be text');
      const max = attribute.maxLength ?? (attribute.type === 'string' ? 255 : undefined);
      if (max !== undefined && value.length > max) return add(`must be at most ${max} characters (has ${value.length})`);
      if (attribute.regex && value !== '') {
        const ok = attribute.regex === HTTP_URL_PATTERN ? isHttpUrl(value) : new RegExp(attribute.regex).test(value);
        if (!ok) add(describePattern(attribute.regex));
      }
      return;
    }
    case 'enumeration':
      if (!attribute.enum?.includes(value as string)) add(`must be one of: ${attribute.enum?.join(', ')}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') add('must be true or false');
      return;
    case 'date':
      if (!isValidDate(value)) add('must be a date written YYYY-MM-DD');
      return;
    case 'integer':
    case 'float':
    case 'decimal':
    case 'biginteger':
      if (typeof value !== 'number' || !Number.isFinite(value)) add('must be a number');
      return;
    case 'blocks':
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' || isRecordObject(item))) {
        add('must be a list of paragraphs (strings) or of Strapi blocks');
      }
      return;
    case 'component': {
      const schema = attribute.component ? getSchema(attribute.component) : undefined;
      const items = attribute.repeatable ? value : [value];
      if (!Array.isArray(items)) return add('must be a list');
      items.forEach((item, index) => {
        const itemPath = attribute.repeatable ? [...path, String(index)] : path;
        if (!isRecordObject(item)) {
          problems.push({ path: itemPath, message: `${itemPath.join('.')} must be an object`, value: item });
          return;
        }
        for (const [name, inner] of Object.entries(item)) {
          const innerAttribute = schema?.attributes[name];
          if (name === 'id') continue;
          if (!innerAttribute || innerAttribute.type === 'media') {
            problems.push({ path: [...itemPath, name], message: `${[...itemPath, name].join('.')} is not a field of ${attribute.component}`, value: inner });
            continue;
          }
          checkValue(innerAttribute, inner, [...itemPath, name], getSchema, problems);
        }
      });
      return;
    }
    default:
      return;
  }
};

export interface ValidationContext {
  getSchema: SchemaGetter;
  locales: string[];
}

/** Every problem of one record, with paths such as ['locales', 'en', 'title']. */
export const validateRecord = (record: unknown, context: ValidationContext): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  const add = (path: string[], message: string, value?: unknown) =>
    problems.push({ path, message: `${path.join('.') || 'record'} ${message}`, value });

  if (!isRecordObject(record)) {
    add([], 'must be a JSON object');
    return problems;
  }
  const type = record.type as RecordType;
  if (!(type in RECORD_TYPES)) {
    add(['type'], `must be one of: ${Object.keys(RECORD_TYPES).join(', ')}`, record.type);
    return problems;
  }
  const schema = context.getSchema(RECORD_TYPES[type]);
  if (!schema) {
    add(['type'], 'has no schema in this CMS', type);
    return problems;
  }
  const fields = recordFields(schema);

  if (typeof record.key !== 'string' || !KEY_PATTERN.test(record.key) || record.key.length > 100) {
    add(['key'], 'must be lower-case letters and digits joined by single hyphens (at most 100), e.g. liaoning-university', record.key);
  }
  const known = new Set(['type', 'key', 'publish', 'shared', 'relations', 'locales']);
  for (const name of Object.keys(record)) if (!known.has(name)) add([name], `is not part of a record (expected: ${[...known].join(', ')})`);

  const publish = record.publish;
  if (publish !== undefined && typeof publish !== 'boolean' && !(Array.isArray(publish) && publish.every((code) => typeof code === 'string'))) {
    add(['publish'], 'must be true, false or a list of locales', publish);
  }

  const shared = record.shared ?? {};
  if (!isRecordObject(shared)) add(['shared'], 'must be an object');
  else {
    for (const [name, value] of Object.entries(shared)) {
      if (!fields.shared.includes(name)) {
        const hint = fields.localized.includes(name) ? ' (it is localized: put it under locales)' : '';
        add(['shared', name], `is not a shared field of ${type}${hint}`, value);
        continue;
      }
      checkValue(schema.attributes[name], value, ['shared', name], context.getSchema, problems);
    }
  }

  const relations = record.relations ?? {};
  if (!isRecordObject(relations)) add(['relations'], 'must be an object');
  else {
    for (const [name, value] of Object.entries(relations)) {
      const attribute = schema.attributes[name];
      if (!attribute || !fields.relations.includes(name)) {
        add(['relations', name], `is not a relation of ${type}`, value);
        continue;
      }
      const keys = isToMany(attribute) ? value : value === null ? [] : [value];
      if (isToMany(attribute) && !Array.isArray(value)) add(['relations', name], 'must be a list of keys', value);
      else if (!isToMany(attribute) && value !== null && typeof value !== 'string') add(['relations', name], 'must be one key or null', value);
      else if (Array.isArray(keys)) {
        keys.forEach((key, index) => {
          if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
            add(isToMany(attribute) ? ['relations', name, String(index)] : ['relations', name], 'must be a key', key);
          }
        });
      }
    }
  }

  const locales = record.locales;
  if (!isRecordObject(locales) || Object.keys(locales).length === 0) {
    add(['locales'], 'must name at least one locale, e.g. { "zh-Hans": { … } }');
    return problems;
  }
  for (const [code, data] of Object.entries(locales)) {
    if (!context.locales.includes(code)) {
      add(['locales', code], `is not a locale of this CMS (use: ${context.locales.join(', ')})`);
      continue;
    }
    if (!isRecordObject(data)) {
      add(['locales', code], 'must be an object of fields');
      continue;
    }
    for (const [name, value] of Object.entries(data)) {
      if (!fields.localized.includes(name)) {
        const hint = fields.shared.includes(name) ? ' (it is shared by all locales: put it under shared)' : fields.relations.includes(name) ? ' (put it under relations)' : '';
        add(['locales', code, name], `is not a localized field of ${type}${hint}`, value);
        continue;
      }
      checkValue(schema.attributes[name], value, ['locales', code, name], context.getSchema, problems);
    }
  }

  // Required fields are required of what is published; drafts may be incomplete.
  const published = publish === undefined || publish === true ? Object.keys(locales) : Array.isArray(publish) ? publish : [];
  for (const code of published) {
    if (Array.isArray(publish) && !(code in locales)) {
      add(['publish'], `names ${code}, which the record does not have`);
      continue;
    }
    const data = isRecordObject(locales[code]) ? (locales[code] as Record<string, unknown>) : {};
    for (const [name, attribute] of Object.entries(schema.attributes)) {
      if (!attribute.required || isRelation(attribute) || attribute.type === 'media' || SYSTEM_FIELDS.has(name)) continue;
      const value = isLocalizedAttribute(attribute) ? data[name] : (shared as Record<string, unknown>)[name];
      const hasDefault = 'default' in (attribute as object);
      if ((value === undefined || value === null || value === '') && !hasDefault) {
        const path = isLocalizedAttribute(attribute) ? ['locales', code, name] : ['shared', name];
        add(path, 'is required to publish');
      }
    }
  }
  return problems;
};

/** Keys a record refers to, as `type:key` (relation targets resolved through the schema). */
export const referencedKeys = (record: DocumentRecord, getSchema: SchemaGetter): Array<{ path: string[]; ref: string }> => {
  const schema = getSchema(RECORD_TYPES[record.type]);
  const refs: Array<{ path: string[]; ref: string }> = [];
  for (const [name, value] of Object.entries(record.relations ?? {})) {
    const target = schema?.attributes[name]?.target;
    const type = (Object.keys(RECORD_TYPES) as RecordType[]).find((candidate) => RECORD_TYPES[candidate] === target);
    if (!type || value === null) continue;
    const keys = Array.isArray(value) ? value : [value];
    keys.forEach((key, index) => refs.push({ path: ['relations', name, ...(Array.isArray(value) ? [String(index)] : [])], ref: `${type}:${key}` }));
  }
  return refs;
};

const stripIds = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(stripIds);
  if (isRecordObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, inner] of Object.entries(value)) {
      if (name === 'id' || name === '__temp_key__') continue;
      out[name] = stripIds(inner);
    }
    return out;
  }
  return value;
};

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** Drops empty values and component ids, turns paragraph strings into blocks: two records that mean the same compare equal. */
export const normalizeRecord = (record: DocumentRecord, getSchema: SchemaGetter): DocumentRecord => {
  const schema = getSchema(RECORD_TYPES[record.type]);
  const withDefaults = (data: Record<string, unknown> | undefined, names: string[], from?: SchemaInfo) => {
    const out: Record<string, unknown> = { ...(data ?? {}) };
    for (const name of names) {
      const attribute = from?.attributes[name];
      if ((out[name] === undefined || out[name] === null) && attribute && 'default' in attribute) out[name] = attribute.default;
    }
    return out;
  };
  const fields = schema ? recordFields(schema) : { shared: [], localized: [], relations: [] };
  const componentDefaults = (value: unknown, attribute: AttributeInfo | undefined) => {
    const componentSchema = attribute?.component ? getSchema(attribute.component) : undefined;
    if (!componentSchema || !isRecordObject(value)) return value;
    return withDefaults(value, Object.keys(componentSchema.attributes), componentSchema);
  };
  const clean = (input: Record<string, unknown> | undefined, names: string[]) => {
    const data = withDefaults(input, names, schema);
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(data)) {
      const attribute = schema?.attributes[name];
      let next = attribute?.type === 'blocks' ? toBlocks(value) : value;
      if (attribute?.type === 'component') next = componentDefaults(stripIds(next), attribute);
      if (isRecordObject(next) && attribute?.type === 'component') {
        next = Object.fromEntries(Object.entries(next).filter(([, inner]) => !isEmpty(inner)));
        if (Object.keys(next as object).length === 0) next = null;
      }
      if (!isEmpty(next)) out[name] = next;
    }
    return out;
  };
  const relations: Record<string, string | string[] | null> = {};
  for (const [name, value] of Object.entries(record.relations ?? {})) {
    if (!isEmpty(value)) relations[name] = value;
  }
  const locales: Record<string, Record<string, unknown>> = {};
  for (const code of Object.keys(record.locales).sort()) locales[code] = clean(record.locales[code], fields.localized);
  const codes = Object.keys(locales);
  let publish: boolean | string[] = record.publish ?? true;
  if (Array.isArray(publish)) {
    const list = [...publish].sort();
    publish = list.length === codes.length && list.every((code) => codes.includes(code)) ? true : list.length === 0 ? false : list;
  }
  return { type: record.type, key: record.key, publish, shared: clean(record.shared, fields.shared), relations, locales };
};

/** Locales a record publishes. */
export const publishedLocales = (record: DocumentRecord): string[] =>
  record.publish === false ? [] : Array.isArray(record.publish) ? record.publish : Object.keys(record.locales);

/**
 * The Document Service `data` for one locale: every field the format carries is set (absent
 * means empty), relations by documentId. A slug the record leaves out is left to the slug rules.
 */
export const toDocumentData = (
  record: DocumentRecord,
  locale: string,
  schema: SchemaInfo,
  documentIdOf: (ref: string) => string | undefined
): Record<string, unknown> => {
  const fields = recordFields(schema);
  const localeData = record.locales[locale] ?? {};
  const data: Record<string, unknown> = { key: record.key };
  for (const name of fields.shared) data[name] = record.shared?.[name] ?? schema.attributes[name].default ?? null;
  for (const name of fields.localized) {
    const value = localeData[name];
    if (value === undefined && schema.attributes[name].type === 'uid') continue;
    const attribute = schema.attributes[name];
    data[name] = attribute.type === 'blocks' ? (toBlocks(value) ?? null) : (value ?? attribute.default ?? null);
  }
  for (const name of fields.relations) {
    const attribute = schema.attributes[name];
    const type = (Object.keys(RECORD_TYPES) as RecordType[]).find((candidate) => RECORD_TYPES[candidate] === attribute.target);
    if (!type) continue;
    const value = record.relations?.[name];
    const keys = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    const ids = keys.map((key) => documentIdOf(`${type}:${key}`)).filter((id): id is string => Boolean(id));
    data[name] = isToMany(attribute) ? ids : (ids[0] ?? null);
  }
  return data;
};
