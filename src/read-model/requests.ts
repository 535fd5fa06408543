/**
 * Which public REST reads the read model answers (docs/architecture.md, "Read model"): pure
 * functions, no Strapi. A request the read model does not recognise exactly is left to Strapi's
 * own path, which answers everything (and refuses what is wrong with its 400s): the read model
 * never has to reproduce an error.
 */

export interface ReadModelTypes {
  /** REST plural → content-type uid, e.g. articles → api::article.article */
  byPlural: Record<string, string>;
  /** the uid whose lists the read model answers (the article) */
  listUid: string;
}

export interface ListFilters {
  institution?: string[];
  source?: string[];
  section?: string[];
  from?: string;
  to?: string;
}

export type ReadModelRequest =
  | { kind: 'detail'; uid: string; by: 'slug' | 'documentId'; value: string; locale: string | undefined }
  | { kind: 'list'; uid: string; locale: string | undefined; page: number; pageSize: number; filters: ListFilters; shape: ListShape };

/**
 * `teaser`: the default list item; `full`: the item with the single read's population (a list
 * asking for `populate` exactly as a single read populates by default), which is the stored detail.
 */
export type ListShape = 'teaser' | 'full';

export interface RequestRules {
  prefix: string;
  types: ReadModelTypes;
  locales: readonly string[];
  /** config/api.ts rest.defaultLimit and maxLimit */
  defaultLimit: number;
  maxLimit: number;
  sections: readonly string[];
  /**
   * The single read's default population of the list type as qs parses it from a query string
   * (`asParsedQuery`): a list whose `populate` is exactly this is answered in the full shape.
   */
  fullPopulate?: unknown;
}

/** A value as qs parses it back from `flattenQuery`'s parameters: `true` and numbers become strings. */
export const asParsedQuery = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(asParsedQuery);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asParsedQuery(item)]));
  return String(value);
};

/** Deep equality of two parsed query values, keys in any order. */
const sameQueryValue = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameQueryValue(item, b[index]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameQueryValue(a[key], b[key]));
};

const TOKEN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const POSITIVE = /^[1-9]\d{0,8}$/;
// What Strapi's generated document ids and the slugs middleware's slugs look like; anything else
// (encoded characters, dots) goes to Strapi's path.
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;
const SLUG = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

const isValidDate = (value: string) => {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** `a,b` → ['a','b'], as lib/article-query reads the convenience parameters; null if not that shape. */
const tokens = (value: unknown, valid: (item: string) => boolean): string[] | null => {
  if (typeof value !== 'string') return null;
  const items = value.split(',').map((item) => item.trim());
  if (items.length === 0 || items.some((item) => item === '' || !valid(item))) return null;
  return items;
};

/**
 * The read-model request a public GET is, or null when Strapi's path must answer it. `query` is
 * the query string parsed by Strapi's `strapi::query` (qs).
 */
export const parseReadModelRequest = (method: string, path: string, query: Record<string, unknown>, rules: RequestRules): ReadModelRequest | null => {
  if (method !== 'GET') return null;
  if (!path.startsWith(`${rules.prefix}/`)) return null;
  const parts = path.slice(rules.prefix.length + 1).split('/');
  const uid = rules.types.byPlural[parts[0]];
  if (!uid) return null;
  if (!isPlainObject(query)) return null;

  let locale: string | undefined;
  if (query.locale !== undefined) {
    if (typeof query.locale !== 'string' || !rules.locales.includes(query.locale)) return null;
    locale = query.locale;
  }
  const keys = Object.keys(query).filter((key) => key !== 'locale');

  if (parts.length === 3 && parts[1] === 'slug') {
    if (keys.length > 0 || !SLUG.test(parts[2]) || parts[2].length > 255) return null;
    return { kind: 'detail', uid, by: 'slug', value: parts[2], locale };
  }
  if (parts.length === 2) {
    if (keys.length > 0 || !DOCUMENT_ID.test(parts[1])) return null;
    return { kind: 'detail', uid, by: 'documentId', value: parts[1], locale };
  }
  if (parts.length !== 1 || uid !== rules.types.listUid) return null;

  let page = 1;
  let pageSize = rules.defaultLimit;
  let shape: ListShape = 'teaser';
  const filters: ListFilters = {};
  for (const key of keys) {
    const value = query[key];
    switch (key) {
      case 'populate': {
        if (rules.fullPopulate === undefined || !sameQueryValue(value, rules.fullPopulate)) return null;
        shape = 'full';
        break;
      }
      case 'pagination': {
        if (!isPlainObject(value)) return null;
        for (const [name, raw] of Object.entries(value)) {
          if (typeof raw !== 'string' || !POSITIVE.test(raw)) return null;
          if (name === 'page') page = Number(raw);
          else if (name === 'pageSize') pageSize = Number(raw);
          else return null;
        }
        if (pageSize > rules.maxLimit) return null;
        break;
      }
      case 'institution':
      case 'source': {
        const values = tokens(value, (item) => TOKEN.test(item));
        if (!values) return null;
        filters[key] = values;
        break;
      }
      case 'section': {
        const values = tokens(value, (item) => rules.sections.includes(item));
        if (!values) return null;
        filters.section = values;
        break;
      }
      case 'from':
      case 'to': {
        if (typeof value !== 'string' || !isValidDate(value)) return null;
        filters[key] = value;
        break;
      }
      default:
        return null;
    }
  }
  if (filters.from && filters.to && filters.from > filters.to) return null;
  return { kind: 'list', uid, locale, page, pageSize, filters, shape };
};

/** Strapi's pagination meta for a page-based list (the key order of its JSON). */
export const paginationMeta = (page: number, pageSize: number, total: number) => ({
  pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total },
});

const DETAIL_PREFIX = '{"data":';
const DETAIL_SUFFIX = ',"meta":{}}';
const DETAIL_PREFIX_BYTES = Buffer.from(DETAIL_PREFIX);
const DETAIL_SUFFIX_BYTES = Buffer.from(DETAIL_SUFFIX);

/**
 * The item inside a stored single-read answer (`{"data":…,"meta":{}}`, as Strapi serialises it),
 * as text or as bytes like the answer (a view of them: nothing copied), or null if it is not of
 * that form.
 */
export function itemOfDetail(detail: string): string | null;
export function itemOfDetail(detail: string | Buffer): string | Buffer | null;
export function itemOfDetail(detail: string | Buffer): string | Buffer | null {
  const minimum = DETAIL_PREFIX.length + DETAIL_SUFFIX.length;
  if (typeof detail === 'string') {
    return detail.length > minimum && detail.startsWith(DETAIL_PREFIX) && detail.endsWith(DETAIL_SUFFIX)
      ? detail.slice(DETAIL_PREFIX.length, detail.length - DETAIL_SUFFIX.length)
      : null;
  }
  return detail.length > minimum &&
    detail.subarray(0, DETAIL_PREFIX_BYTES.length).equals(DETAIL_PREFIX_BYTES) &&
    detail.subarray(detail.length - DETAIL_SUFFIX_BYTES.length).equals(DETAIL_SUFFIX_BYTES)
    ? detail.subarray(DETAIL_PREFIX_BYTES.length, detail.length - DETAIL_SUFFIX_BYTES.length)
    : null;
}

/**
 * A list response assembled from stored item bytes: what Strapi's transformResponse serialises.
 * Text when every item is text; bytes (UTF-8, concatenated once) when they came as bytes.
 */
export function listBody(items: readonly string[], page: number, pageSize: number, total: number): string;
export function listBody(items: ReadonlyArray<string | Buffer>, page: number, pageSize: number, total: number): string | Buffer;
export function listBody(items: ReadonlyArray<string | Buffer>, page: number, pageSize: number, total: number): string | Buffer {
  const head = '{"data":[';
  const tail = `],"meta":${JSON.stringify(paginationMeta(page, pageSize, total))}}`;
  if (items.every((item) => typeof item === 'string')) return `${head}${(items as readonly string[]).join(',')}${tail}`;
  const comma = Buffer.from(',');
  const parts: Buffer[] = [Buffer.from(head)];
  items.forEach((item, index) => {
    if (index > 0) parts.push(comma);
    parts.push(typeof item === 'string' ? Buffer.from(item) : item);
  });
  parts.push(Buffer.from(tail));
  return Buffer.concat(parts);
}

/** What a stored detail or list item says about itself, for the columns lists filter and sort on. */
export interface RowColumns {
  slug: string | null;
  key: string | null;
  date: string | null;
  publishedAt: string | null;
  section: string | null;
  sourceId: string | null;
  links: Array<{ relation: string; targetId: string }>;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The columns of a rendered detail response's `data` (relations: the populated ones). */
export const columnsOf = (data: Record<string, any>, relations: readonly string[]): RowColumns => {
  const links: RowColumns['links'] = [];
  for (const relation of relations) {
    for (const related of [data[relation]].flat()) {
      if (related && typeof related.documentId === 'string') links.push({ relation, targetId: related.documentId });
    }
  }
  return {
    slug: text(data.slug),
    key: text(data.key),
    date: text(data.date),
    publishedAt: text(data.publishedAt),
    section: text(data.section),
    sourceId: text(data.source?.documentId),
    links,
  };
};

/** A nested object as qs-style query parameters: `populate[source][fields][0]=key&…`. */
export const flattenQuery = (prefix: string, value: unknown): string => {
  if (value === true) return `${prefix}=true`;
  if (Array.isArray(value)) return value.map((item, index) => flattenQuery(`${prefix}[${index}]`, item)).join('&');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, item]) => flattenQuery(`${prefix}[${key}]`, item))
      .join('&');
  }
  return `${prefix}=${encodeURIComponent(String(value))}`;
};
