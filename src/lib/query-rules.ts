import apiConfig from '../../config/api';
import type { FieldProblem } from './field-rules';
import { newsroomLocales } from './locales';

/**
 * The content API's query contract as an allow-list: known fields (a model's own attributes,
 * never names inherited from Object.prototype), known operators, and the value shape each
 * operator takes. Anything else is a 400 with its path, before Strapi's validator and query
 * engine see it (they answer many such shapes with a 500, e.g. `fields=constructor` or
 * `filters[title][$eq][$eq]=1`). Strapi's own validator still runs afterwards for what this
 * does not cover (private fields, permissions).
 */

export interface AttributeShape {
  type: string;
  target?: string;
  component?: string;
  components?: string[];
  relation?: string;
  private?: boolean;
}
export interface ModelLike {
  attributes: Record<string, AttributeShape>;
  options?: { draftAndPublish?: boolean };
}
export type ModelLookup = (uid: string) => ModelLike | undefined;

/** Operators whose value is one scalar. */
const SCALAR_OPERATORS = new Set([
  '$eq', '$eqi', '$ne', '$nei', '$lt', '$lte', '$gt', '$gte',
  '$contains', '$notContains', '$containsi', '$notContainsi',
  '$startsWith', '$startsWithi', '$endsWith', '$endsWithi',
]);
/** Operators whose value is a list of scalars (one scalar is read as a list of one). */
const LIST_OPERATORS = new Set(['$in', '$notIn']);
const PRESENCE_OPERATORS = new Set(['$null', '$notNull']);
const GROUP = new Set(['$and', '$or']);
/** Operators on a relation itself (its id), as in filters[source][$eq]=3. */
const RELATION_OPERATORS = new Set(['$eq', '$ne', '$in', '$notIn', '$null', '$notNull']);
const BOOLEAN_VALUES = new Set(['true', 'false', 't', 'f', '1', '0', true, false, 1, 0]);

/** Columns every document has that are not listed among a model's attributes. */
const IMPLICIT_SCALARS = new Set(['id', 'documentId']);
const RELATIONAL = new Set(['relation', 'component', 'media', 'dynamiczone']);
/** Operators that compare text: on other columns PostgreSQL refuses them (a 500). */
const TEXT_OPERATORS = new Set([
  '$eqi', '$nei', '$contains', '$notContains', '$containsi', '$notContainsi',
  '$startsWith', '$startsWithi', '$endsWith', '$endsWithi',
]);
const TEXT_TYPES = new Set(['string', 'text', 'richtext', 'email', 'uid', 'enumeration', 'documentId']);

const INTEGER = /^-?\d{1,18}$/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const TIME_VALUE = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;
const DATE_VALUE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Whether one filter value fits its column: PostgreSQL refuses `id = 'abc'` or a date of
 * 'tomorrow' with an error the query engine turns into a 500. Returns what it should be, or null.
 */
export const valueProblem = (type: string, value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? String(value) : value;
  switch (type) {
    case 'id':
    case 'integer':
    case 'biginteger':
      return (typeof value === 'number' && Number.isInteger(value)) || (typeof text === 'string' && INTEGER.test(text)) ? null : 'a whole number';
    case 'float':
    case 'decimal':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof text === 'string' && NUMBER.test(text)) ? null : 'a number';
    case 'boolean':
      return BOOLEAN_VALUES.has(value as never) ? null : 'true or false';
    case 'date':
    case 'datetime':
    case 'timestamp':
      return value instanceof Date || (typeof value === 'string' && DATE_VALUE.test(value) && !Number.isNaN(Date.parse(value))) ? null : 'a date, e.g. 2025-03-22 or 2025-03-22T09:30:00Z';
    case 'time':
      return typeof value === 'string' && TIME_VALUE.test(value) ? null : 'a time, e.g. 09:30';
    default:
      return null;
  }
};
const UNFILTERABLE = new Set(['blocks', 'dynamiczone', 'password', 'json']);
/** How many relations a filter, a sort or a populate may cross. */
export const MAX_RELATION_DEPTH = 4;

const isOperator = (key: string) => key.startsWith('$');
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** GraphQL hands dates over as Date objects; query strings give strings. */
const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null || value instanceof Date;

/** qs turns `a[0]=x&a[1]=y` into an array but `a[25]=x` into an object with numeric keys. */
export const asList = (value: unknown): unknown[] | null => {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Object.keys(value).length > 0 && Object.keys(value).every((key) => /^\d+$/.test(key))) return Object.values(value);
  return null;
};

/** A model's own attribute (never `constructor`, `toString`... from its prototype). */
export const ownAttribute = (model: ModelLike | undefined, key: string): AttributeShape | undefined =>
  model && Object.prototype.hasOwnProperty.call(model.attributes, key) ? model.attributes[key] : undefined;

export const targetOf = (attribute: AttributeShape) => {
  if (attribute.type === 'relation') return attribute.target;
  if (attribute.type === 'component') return attribute.component;
  if (attribute.type === 'media') return 'plugin::upload.file';
  return undefined;
};

const show = (path: string[]) => path.join('.');
const problem = (out: FieldProblem[], path: string[], message: string) => out.push({ path, message: `${show(path)}: ${message}` });

class Walker {
  readonly out: FieldProblem[] = [];
  constructor(private readonly getModel: ModelLookup) {}

  model(uid: string) {
    return this.getModel(uid);
  }

  /** filters (or a $and/$or item, or $not) on a model. */
  where(where: unknown, uid: string, path: string[], depth: number) {
    const list = asList(where);
    if (list) {
      list.forEach((item, index) => this.where(item, uid, [...path, String(index)], depth));
      return;
    }
    if (!isRecord(where)) {
      problem(this.out, path, 'must be an object of fields, e.g. filters[title][$contains]=seminar');
      return;
    }
    const model = this.model(uid);
    for (const [key, value] of Object.entries(where)) {
      const here = [...path, key];
      if (GROUP.has(key)) {
        const items = asList(value);
        if (!items) problem(this.out, here, `must be a list, e.g. filters[${key}][0][title]=a&filters[${key}][1][title]=b`);
        else items.forEach((item, index) => this.where(item, uid, [...here, String(index)], depth));
      } else if (key === '$not') {
        this.where(value, uid, here, depth);
      } else if (isOperator(key)) {
        problem(this.out, here, `the operator ${key} needs a field before it, e.g. filters[title][${key}]=…`);
      } else if (IMPLICIT_SCALARS.has(key)) {
        this.condition(value, here, key === 'id' ? 'id' : 'documentId');
      } else {
        const attribute = ownAttribute(model, key);
        if (!attribute) problem(this.out, here, `${key} is not a field of this content type`);
        else if (UNFILTERABLE.has(attribute.type)) problem(this.out, here, `${attribute.type} fields cannot be filtered on`);
        else if (targetOf(attribute)) this.relationWhere(value, targetOf(attribute)!, attribute.type, here, depth + 1);
        else this.condition(value, here, attribute.type);
      }
    }
  }

  private relationWhere(where: unknown, uid: string, type: string, path: string[], depth: number) {
    if (depth > MAX_RELATION_DEPTH) {
      problem(this.out, path, `filters may cross at most ${MAX_RELATION_DEPTH} relations`);
      return;
    }
    if (isScalar(where)) {
      // A bare id, compared with the related row's id.
      if (type === 'relation') this.condition(where, path, 'id');
      return;
    }
    if (!isRecord(where) || asList(where)) {
      problem(this.out, path, 'must be an id or an object of the related fields');
      return;
    }
    const keys = Object.keys(where);
    const operators = keys.filter(isOperator);
    if (operators.length > 0 && operators.length !== keys.length) {
      problem(this.out, path, `mixes operators (${operators.join(', ')}) and fields; use one or the other`);
      return;
    }
    const idOperators = operators.filter((key) => !GROUP.has(key) && key !== '$not');
    if (idOperators.length > 0) {
      // Whether a component or a file is there at all: $null / $notNull.
      if (type !== 'relation' && operators.length === 1 && PRESENCE_OPERATORS.has(idOperators[0])) {
        this.condition(where, path, 'id');
        return;
      }
      if (type !== 'relation' || operators.length > 1) {
        problem(this.out, path, `takes the related fields, e.g. ${show(path)}[name][$eq]=…, or one operator on the related id`);
        return;
      }
      if (!RELATION_OPERATORS.has(idOperators[0])) {
        problem(this.out, path, `the operator ${idOperators[0]} does not apply to a relation; use one of ${[...RELATION_OPERATORS].join(', ')} or filter on a related field`);
        return;
      }
      this.condition(where, path, 'id');
      return;
    }
    this.where(where, uid, path, depth);
  }

  /** A condition on one scalar column of `type`: a value (equality) or operators with values. */
  condition(value: unknown, path: string[], type: string) {
    const fits = (inner: unknown, here: string[]) => {
      const expected = valueProblem(type, inner);
      if (expected) problem(this.out, here, `must be ${expected}`);
    };
    if (isScalar(value)) return fits(value, path);
    const list = asList(value);
    if (list || !isRecord(value)) {
      problem(this.out, path, `must be a value or an operator with a value, e.g. ${show(path)}[$eq]=…`);
      return;
    }
    if (Object.keys(value).length === 0) {
      problem(this.out, path, 'needs an operator, e.g. [$eq]=…');
      return;
    }
    for (const [key, inner] of Object.entries(value)) {
      const here = [...path, key];
      if (GROUP.has(key)) {
        const items = asList(inner);
        if (!items) problem(this.out, here, 'must be a list of conditions');
        else items.forEach((item, index) => this.condition(item, [...here, String(index)], type));
      } else if (key === '$not') {
        this.condition(inner, here, type);
      } else if (TEXT_OPERATORS.has(key) && !TEXT_TYPES.has(type)) {
        problem(this.out, here, `${key} compares text; this field holds ${type === 'id' ? 'ids' : `${type} values`}: use $eq, $in, $lt, $gt or $between`);
      } else if (SCALAR_OPERATORS.has(key)) {
        if (!isScalar(inner)) problem(this.out, here, `takes one value, e.g. ${show(here)}=…`);
        else fits(inner, here);
      } else if (LIST_OPERATORS.has(key)) {
        const items = isScalar(inner) ? [inner] : asList(inner);
        if (!items || !items.every(isScalar)) problem(this.out, here, `takes a list of values, e.g. ${show(here)}[0]=a&${show(here)}[1]=b`);
        else items.forEach((item) => fits(item, here));
      } else if (key === '$between') {
        const items = asList(inner);
        if (!items || items.length !== 2 || !items.every(isScalar)) problem(this.out, here, `takes two values, e.g. ${show(here)}[0]=a&${show(here)}[1]=b`);
        else items.forEach((item) => fits(item, here));
      } else if (PRESENCE_OPERATORS.has(key)) {
        if (!BOOLEAN_VALUES.has(inner as never)) problem(this.out, here, 'takes true or false');
      } else if (isOperator(key)) {
        problem(this.out, here, `${key} is not an operator; use one of ${[...SCALAR_OPERATORS, ...LIST_OPERATORS, '$between', ...PRESENCE_OPERATORS, '$and', '$or', '$not'].join(', ')}`);
      } else {
        problem(this.out, here, 'a field with no relations takes operators only, e.g. [$eq]=…');
      }
    }
  }

  /** fields: the model's own scalar fields. */
  fields(fields: unknown, uid: string, path: string[]) {
    const model = this.model(uid);
    const check = (name: unknown, here: string[]) => {
      if (typeof name !== 'string') return problem(this.out, here, 'must be a field name');
      for (const field of name.split(',').map((part) => part.trim())) {
        if (field === '*' || IMPLICIT_SCALARS.has(field)) continue;
        const attribute = ownAttribute(model, field);
        if (!attribute) problem(this.out, here, `${field} is not a field of this content type`);
        else if (RELATIONAL.has(attribute.type)) problem(this.out, here, `${field} is a ${attribute.type}; ask for it with populate, not fields`);
      }
    };
    const list = asList(fields);
    if (list) list.forEach((item, index) => check(item, [...path, String(index)]));
    else check(fields, path);
  }

  /** sort: the model's own scalar fields, asc or desc. An order through a relation is refused. */
  sort(sort: unknown, uid: string, path: string[]) {
    const model = this.model(uid);
    const checkField = (field: string, direction: unknown, here: string[]) => {
      if (!IMPLICIT_SCALARS.has(field)) {
        const attribute = ownAttribute(model, field);
        if (!attribute) return problem(this.out, here, `${field} is not a field of this content type`);
        if (RELATIONAL.has(attribute.type) || UNFILTERABLE.has(attribute.type)) {
          return problem(this.out, here, `${field} is a ${attribute.type}; sort by the content type's own fields`);
        }
      }
      if (direction !== undefined && !(typeof direction === 'string' && /^(asc|desc)$/i.test(direction))) {
        problem(this.out, here, 'the direction is asc or desc, e.g. sort=date:desc');
      }
    };
    const checkString = (value: string, here: string[]) => {
      for (const part of value.split(',')) {
        const [field, direction, ...rest] = part.trim().split(':');
        if (rest.length > 0 || field.includes('.')) {
          problem(this.out, here, `${part} is not a sort; use a field of this content type and asc or desc, e.g. sort=date:desc`);
        } else checkField(field, direction, [...here, field]);
      }
    };
    const checkOne = (value: unknown, here: string[]) => {
      if (typeof value === 'string') return checkString(value, here);
      if (isRecord(value) && !asList(value)) {
        for (const [field, direction] of Object.entries(value)) {
          if (isRecord(direction)) problem(this.out, [...here, field], `${field}: sort by the content type's own fields`);
          else checkField(field, direction, [...here, field]);
        }
        return;
      }
      problem(this.out, here, 'must be a field and a direction, e.g. sort=date:desc');
    };
    const list = asList(sort);
    if (list) list.forEach((item, index) => checkOne(item, [...path, String(index)]));
    else checkOne(sort, path);
  }

  /** populate: relations, components, media and dynamic zones of the model, with their own query. */
  populate(populate: unknown, uid: string, path: string[], depth: number) {
    if (depth > MAX_RELATION_DEPTH) return problem(this.out, path, `populate may go ${MAX_RELATION_DEPTH} levels deep`);
    if (populate === '*' || populate === true || populate === 'true') return;
    const model = this.model(uid);
    const relational = (name: string, here: string[]) => {
      const attribute = ownAttribute(model, name);
      if (!attribute) {
        problem(this.out, here, `${name} is not a field of this content type`);
        return undefined;
      }
      if (!RELATIONAL.has(attribute.type)) {
        problem(this.out, here, `${name} is a ${attribute.type} field; it is always in the response (narrow it with fields)`);
        return undefined;
      }
      return attribute;
    };
    const checkString = (value: string, here: string[]) => {
      for (const part of value.split(',').map((item) => item.trim())) {
        if (part === '*') continue;
        const [first, ...rest] = part.split('.');
        const attribute = relational(first, here);
        if (attribute && rest.length > 0) {
          const target = targetOf(attribute);
          if (!target) problem(this.out, here, `${first}: name its components with populate[${first}][on][category.name]`);
          else this.populate(rest.join('.'), target, here, depth + 1);
        }
      }
    };
    if (typeof populate === 'string') return checkString(populate, path);
    const list = asList(populate);
    if (list) {
      list.forEach((item, index) => {
        if (typeof item === 'string') checkString(item, [...path, String(index)]);
        else problem(this.out, [...path, String(index)], 'must be a field name');
      });
      return;
    }
    if (!isRecord(populate)) return problem(this.out, path, 'must be *, a list of fields or an object of fields');
    for (const [name, inner] of Object.entries(populate)) {
      const here = [...path, name];
      const attribute = relational(name, here);
      if (!attribute) continue;
      if (inner === true || inner === 'true' || inner === '*') continue;
      if (!isRecord(inner) || asList(inner)) {
        problem(this.out, here, 'must be true or an object with populate, fields, filters, sort or on');
        continue;
      }
      this.populateOptions(inner, attribute, here, depth + 1);
    }
  }

  private populateOptions(options: Record<string, unknown>, attribute: AttributeShape, path: string[], depth: number) {
    const target = targetOf(attribute);
    for (const [key, value] of Object.entries(options)) {
      const here = [...path, key];
      if (key === 'on') {
        if (attribute.type !== 'dynamiczone' || !isRecord(value)) {
          problem(this.out, here, 'on applies to dynamic zones: populate[zone][on][category.name]=true');
          continue;
        }
        for (const [component, componentOptions] of Object.entries(value)) {
          if (!(attribute.components ?? []).includes(component)) problem(this.out, [...here, component], `${component} is not a component of this zone`);
          else if (isRecord(componentOptions)) this.populateOptions(componentOptions, { type: 'component', component }, [...here, component], depth);
        }
        continue;
      }
      if (!target) {
        // A dynamic zone: `populate: '*'` is Strapi's shared strategy for all its components.
        if (key === 'populate' && (value === '*' || value === true || value === 'true')) continue;
        problem(this.out, here, `use populate[${path[path.length - 1]}][on][category.name] for a dynamic zone`);
        continue;
      }
      if (key === 'populate') this.populate(value, target, here, depth);
      else if (key === 'fields') this.fields(value, target, here);
      else if (key === 'sort') this.sort(value, target, here);
      else if (key === 'filters') this.where(value, target, here, depth);
      else if (key === 'count') {
        if (!BOOLEAN_VALUES.has(value as never)) problem(this.out, here, 'takes true or false');
      } else problem(this.out, here, `${key} is not a populate option; use populate, fields, filters, sort or on`);
    }
  }
}

/**
 * The most a REST page holds (config/api.ts `rest.maxLimit`): Strapi cut a larger pageSize or
 * limit down silently, and `limit=-1` ("all") gave a one-item page.
 */
export const REST_MAX_LIMIT: number = apiConfig.rest.maxLimit;
/**
 * How far a REST page may start: far beyond any real archive (a million pages of 100). Past
 * 2^53 the offset is no longer a whole number the database reads back (PostgreSQL served a page
 * of `pagination[page]=1e23`).
 */
export const MAX_PAGE = 1_000_000;
export const MAX_START = 100_000_000;

const PAGINATION_RULES: Record<string, { min: number; max: (maxLimit: number) => number; example: string }> = {
  page: { min: 1, max: () => MAX_PAGE, example: 'pagination[page]=2' },
  pageSize: { min: 1, max: (maxLimit) => maxLimit, example: 'pagination[pageSize]=25' },
  start: { min: 0, max: () => MAX_START, example: 'pagination[start]=50' },
  limit: { min: 1, max: (maxLimit) => maxLimit, example: 'pagination[limit]=25' },
};

/**
 * REST `pagination[…]`: page and pageSize, or start and limit (not both), each one whole number
 * in range; withCount true or false. Each problem names the parameter and its range, e.g.
 * "pagination[pageSize] must be between 1 and 100".
 */
export const paginationProblems = (pagination: unknown, maxLimit: number = REST_MAX_LIMIT): FieldProblem[] => {
  const out: FieldProblem[] = [];
  if (pagination === undefined) return out;
  if (!isRecord(pagination)) {
    out.push({ path: ['pagination'], message: 'pagination must be an object, e.g. pagination[page]=1&pagination[pageSize]=25' });
    return out;
  }
  for (const [key, raw] of Object.entries(pagination)) {
    const path = ['pagination', key];
    if (key === 'withCount') {
      if (!BOOLEAN_VALUES.has(raw as never)) out.push({ path, message: 'pagination[withCount] must be true or false' });
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(PAGINATION_RULES, key)) {
      out.push({ path, message: `pagination[${key}] is not a pagination option; use page and pageSize, or start and limit` });
      continue;
    }
    const rule = PAGINATION_RULES[key];
    const max = rule.max(maxLimit);
    const value = typeof raw === 'string' && /^-?\d{1,18}$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : NaN;
    if (!(Number.isInteger(value) && value >= rule.min && value <= max)) {
      const given = Array.isArray(raw) || (isRecord(raw) && asList(raw)) ? ` (it is given ${asList(raw)!.length} times; give it once)` : '';
      const all = key === 'limit' && value === -1 ? ` (-1, "everything", is not served: page through with pagination[start])` : '';
      out.push({ path, message: `pagination[${key}] must be a whole number between ${rule.min} and ${max}${given}${all}, e.g. ${rule.example}` });
    }
  }
  const paged = ['page', 'pageSize'].filter((key) => key in pagination);
  const offset = ['start', 'limit'].filter((key) => key in pagination);
  if (paged.length > 0 && offset.length > 0) {
    out.push({ path: ['pagination'], message: `pagination takes page and pageSize, or start and limit, not both (given ${[...paged, ...offset].join(', ')})` });
  }
  return out;
};

/**
 * `locale`: one locale per request. `locale=*` (Strapi's "every locale") is refused on the
 * content API: a response, its language links and its fallback are about one locale, and
 * `localizations` already lists every published edition of each document.
 */
export const localeProblems = (locale: unknown, locales: string[] = newsroomLocales()): FieldProblem[] => {
  if (locale === undefined) return [];
  const list = Array.isArray(locale) ? locale : asList(locale);
  if (list || typeof locale !== 'string') {
    const given = list && list.length > 1 ? ` (it is given ${list.length} times)` : '';
    return [{ path: ['locale'], message: `locale must be one value${given}: ask for one locale per request, one of ${locales.join(', ')}, e.g. locale=${locales[0]}` }];
  }
  if (locale === '*') {
    return [{ path: ['locale'], message: `locale=* (every locale at once) is not served: ask for one locale per request, one of ${locales.join(', ')} (each document lists its other editions in localizations)` }];
  }
  return [];
};

/**
 * REST query parameters that take one value (several ones comma-separated where they allow it):
 * given twice, qs turns them into a list, and the list used to be read one way here (a union of
 * sections) and another there (fallback: "must be true or false").
 */
export const SINGLE_VALUED_PARAMS: Record<string, string> = {
  status: 'status=published',
  fallback: 'fallback=true',
  from: 'from=2025-01-01',
  to: 'to=2025-06-30',
  section: 'section=news,events',
  institution: 'institution=liaoning-university,bohai-university',
  source: 'source=china-news-network-liaoning',
};

/**
 * What the REST API refuses about a request's parsed query before any route runs (the
 * `global::input-limits` middleware, for every route under the REST prefix: routes that read the
 * locale before validating, such as a fallback read, included): a locale that is not one value,
 * `locale=*`, single-valued parameters given more than once, and out-of-range pagination.
 */
export const restQueryProblems = (query: Record<string, unknown>, { maxLimit = REST_MAX_LIMIT, locales = newsroomLocales() }: { maxLimit?: number; locales?: string[] } = {}): FieldProblem[] => {
  const out: FieldProblem[] = [...localeProblems(query.locale, locales)];
  for (const [param, example] of Object.entries(SINGLE_VALUED_PARAMS)) {
    const value = query[param];
    if (value === undefined || typeof value === 'string') continue;
    const list = Array.isArray(value) ? value : asList(value);
    const given = list && list.length > 1 ? ` (it is given ${list.length} times)` : '';
    out.push({ path: [param], message: `${param} must be given once, as one value${given}, e.g. ${example}` });
  }
  out.push(...paginationProblems(query.pagination, maxLimit));
  return out;
};

/** Everything wrong with a content-API query on `uid`, each with its path. */
export const findQueryProblems = (query: Record<string, unknown>, uid: string, getModel: ModelLookup): FieldProblem[] => {
  const walker = new Walker(getModel);
  if (query.filters !== undefined) walker.where(query.filters, uid, ['filters'], 0);
  if (query.fields !== undefined) walker.fields(query.fields, uid, ['fields']);
  if (query.sort !== undefined) walker.sort(query.sort, uid, ['sort']);
  if (query.populate !== undefined) walker.populate(query.populate, uid, ['populate'], 0);
  walker.out.push(...localeProblems(query.locale));
  if (query.status !== undefined && typeof query.status !== 'string') walker.out.push({ path: ['status'], message: 'status must be one value, e.g. status=published' });
  if (query.status !== undefined && typeof query.status === 'string' && !['draft', 'published'].includes(query.status)) {
    walker.out.push({ path: ['status'], message: 'status is draft or published' });
  }
  walker.out.push(...paginationProblems(query.pagination));
  // GraphQL turns pagination into start and limit before Strapi validates the query.
  for (const [key, min] of [['start', 0], ['limit', 1]] as const) {
    const raw = query[key];
    if (raw === undefined) continue;
    const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
    if (!(typeof value === 'number' && Number.isInteger(value) && (value >= min || (key === 'limit' && value === -1)))) {
      walker.out.push({ path: ['pagination'], message: `pagination: ${key === 'start' ? 'page must be 1 or more and start 0 or more' : 'pageSize and limit must be 1 or more'}` });
    }
  }
  return walker.out;
};

const RELATION_INPUT_KEYS = new Set(['connect', 'disconnect', 'set', 'options']);
const POSITION_KEYS = new Set(['before', 'after', 'start', 'end', 'locale', 'status']);
/** Fields Strapi sets itself; a client names the locale and the status in the query string. */
const SYSTEM_FIELDS: Record<string, string> = {
  id: 'is given by the database',
  documentId: 'is given by Strapi; name the document in the URL',
  createdAt: 'is set by Strapi',
  updatedAt: 'is set by Strapi',
  publishedAt: 'is set by publishing; send the request with ?status=published',
  createdBy: 'is set by Strapi',
  updatedBy: 'is set by Strapi',
  locale: 'is chosen with the locale query parameter, e.g. ?locale=en',
  localizations: 'are the other locale versions of the document; write each with its own ?locale=',
};
const isId = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0) || (typeof value === 'string' && value.length > 0 && value.length <= 64);

/**
 * Keys of a write body (`data`) that are not the model's own attributes, at every level of
 * components, dynamic zones and relation objects. Strapi's input validator looks attributes up
 * by name, so `data.constructor` slipped past it into the query engine (a 500).
 */
export const findInputProblems = (data: unknown, uid: string, getModel: ModelLookup, path: string[] = []): FieldProblem[] => {
  const out: FieldProblem[] = [];
  const walk = (value: unknown, modelUid: string, here: string[], depth: number) => {
    if (depth > 8) return problem(out, here, 'nests too deeply');
    if (!isRecord(value)) {
      if (here.length === 0) out.push({ path: ['data'], message: 'data must be an object of fields' });
      else problem(out, here, 'must be an object of fields');
      return;
    }
    const model = getModel(modelUid);
    for (const [key, inner] of Object.entries(value)) {
      const at = [...here, key];
      if (modelUid !== uid && key === 'id') continue; // a component's id (update in place)
      if (key === '__component' && here.length > 0) continue;
      if (here.length === 0 && Object.prototype.hasOwnProperty.call(SYSTEM_FIELDS, key)) {
        problem(out, at, `${key} ${SYSTEM_FIELDS[key]}`);
        continue;
      }
      const attribute = ownAttribute(model, key);
      if (!attribute) {
        problem(out, at, `${key} is not a field of this content type`);
        continue;
      }
      if (inner === null || inner === undefined) continue;
      if (attribute.type === 'component') {
        const items = Array.isArray(inner) ? inner : [inner];
        items.forEach((item, index) => walk(item, attribute.component!, Array.isArray(inner) ? [...at, String(index)] : at, depth + 1));
      } else if (attribute.type === 'dynamiczone') {
        if (!Array.isArray(inner)) problem(out, at, 'must be a list of components');
        else
          inner.forEach((item, index) => {
            const component = isRecord(item) ? item.__component : undefined;
            if (typeof component !== 'string' || !(attribute.components ?? []).includes(component)) {
              problem(out, [...at, String(index), '__component'], `must name one of ${(attribute.components ?? []).join(', ')}`);
            } else walk(item, component, [...at, String(index)], depth + 1);
          });
      } else if (attribute.type === 'relation' || attribute.type === 'media') {
        relationInput(inner, at);
      }
    }
  };
  const relationItem = (item: unknown, at: string[]) => {
    if (isId(item)) return;
    if (!isRecord(item)) return problem(out, at, 'must be a documentId or { documentId, locale }');
    for (const [key, inner] of Object.entries(item)) {
      const here = [...at, key];
      if (key === 'id' || key === 'documentId') {
        if (!isId(inner)) problem(out, here, `${key} must be one ${key === 'id' ? 'id' : 'documentId'}`);
      } else if (key === 'locale') {
        if (typeof inner !== 'string') problem(out, here, 'locale must be a locale code, e.g. en');
      } else if (key === 'status') {
        if (inner !== 'draft' && inner !== 'published') problem(out, here, 'status is draft or published');
      } else if (key === 'position') {
        if (!isRecord(inner)) problem(out, here, 'position is { before: documentId } or { after: documentId } or { start: true } or { end: true }');
        else
          for (const [name, value] of Object.entries(inner)) {
            if (!POSITION_KEYS.has(name) || !isScalar(value)) problem(out, [...here, name], 'position is { before: documentId } or { after: documentId } or { start: true } or { end: true }');
          }
      } else problem(out, here, `${key} is not part of a relation; use documentId, locale, status or position`);
    }
  };
  const relationInput = (value: unknown, at: string[]) => {
    if (value === null) return;
    if (typeof value === 'boolean') return problem(out, at, 'must be a documentId, a list of them or { connect, disconnect, set }');
    if (isScalar(value)) return relationItem(value, at);
    if (Array.isArray(value)) return value.forEach((item, index) => relationItem(item, [...at, String(index)]));
    if (!isRecord(value)) return problem(out, at, 'must be an id, a list of ids or { connect, disconnect, set }');
    const keys = Object.keys(value);
    if (keys.some((key) => RELATION_INPUT_KEYS.has(key))) {
      for (const [key, inner] of Object.entries(value)) {
        if (!RELATION_INPUT_KEYS.has(key)) problem(out, [...at, key], `${key} is not a relation operation; use connect, disconnect or set`);
        else if (key !== 'options') {
          const items = Array.isArray(inner) ? inner : [inner];
          items.forEach((item, index) => relationItem(item, Array.isArray(inner) ? [...at, key, String(index)] : [...at, key]));
        }
      }
    } else relationItem(value, at);
  };
  walk(data, uid, path, 0);
  return out;
};
