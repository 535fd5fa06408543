import type { FieldProblem } from './field-rules';

/**
 * Shape rules for content-API query strings that Strapi's own validator lets through and its
 * query engine then rejects with a plain Error (a 500): group operators that are not arrays,
 * operators where a field is expected, relation filters mixing operators and fields, and
 * pagination values it silently coerces. Each problem carries the query path, e.g.
 * ['filters', '$or'] or ['pagination', 'page'].
 */

interface ModelLike {
  attributes: Record<string, { type: string; target?: string; component?: string; relation?: string }>;
}
export type ModelLookup = (uid: string) => ModelLike | undefined;

const GROUP = new Set(['$and', '$or']);
const isOperator = (key: string) => key.startsWith('$');
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** qs turns `a[0]=x&a[1]=y` into an array but `a[25]=x` into an object with numeric keys. */
const asList = (value: unknown): unknown[] | null => {
  if (Array.isArray(value)) return value;
  if (isRecord(value) && Object.keys(value).every((key) => /^\d+$/.test(key))) return Object.values(value);
  return null;
};

const UNFILTERABLE = new Set(['blocks', 'dynamiczone', 'password', 'json']);

const targetOf = (attribute: ModelLike['attributes'][string]) => {
  if (attribute.type === 'relation') return attribute.target;
  if (attribute.type === 'component') return attribute.component;
  if (attribute.type === 'media') return 'plugin::upload.file';
  return undefined;
};

const checkWhere = (where: unknown, uid: string, getModel: ModelLookup, path: string[], out: FieldProblem[]) => {
  const list = asList(where);
  if (list && !isRecord(where)) {
    list.forEach((item, index) => checkWhere(item, uid, getModel, [...path, String(index)], out));
    return;
  }
  if (!isRecord(where)) {
    out.push({ path, message: `${path.join('.')} must be an object of fields, e.g. filters[title][$contains]=seminar`, value: where });
    return;
  }
  const model = getModel(uid);
  for (const [key, value] of Object.entries(where)) {
    const here = [...path, key];
    if (GROUP.has(key)) {
      const items = asList(value);
      if (!items) {
        out.push({ path: here, message: `${here.join('.')} must be a list, e.g. filters[${key}][0][title]=a&filters[${key}][1][title]=b`, value });
        continue;
      }
      items.forEach((item, index) => checkWhere(item, uid, getModel, [...here, String(index)], out));
      continue;
    }
    if (key === '$not') {
      checkWhere(value, uid, getModel, here, out);
      continue;
    }
    if (isOperator(key)) {
      out.push({ path: here, message: `${here.join('.')}: the operator ${key} needs a field before it, e.g. filters[title][${key}]=…`, value });
      continue;
    }
    const attribute = model?.attributes[key];
    if (!attribute) continue; // unknown fields are reported by Strapi's own validator
    if (UNFILTERABLE.has(attribute.type)) {
      out.push({ path: here, message: `${here.join('.')}: ${attribute.type} fields cannot be filtered on`, value });
      continue;
    }
    const target = targetOf(attribute);
    if (target) {
      checkRelationWhere(value, target, getModel, here, out);
    } else {
      checkAttributeWhere(value, here, out);
    }
  }
};

const checkRelationWhere = (where: unknown, uid: string, getModel: ModelLookup, path: string[], out: FieldProblem[]) => {
  if (!isRecord(where)) return; // a bare id is allowed
  const keys = Object.keys(where);
  const operators = keys.filter(isOperator);
  if (operators.length > 0 && operators.length !== keys.length) {
    out.push({ path, message: `${path.join('.')} mixes operators (${operators.join(', ')}) and fields; use one or the other`, value: where });
    return;
  }
  if (operators.length > 1 && !operators.every((key) => GROUP.has(key) || key === '$not')) {
    out.push({ path, message: `${path.join('.')} takes a single operator, found ${operators.join(', ')}`, value: where });
    return;
  }
  if (operators.length === 1 && !GROUP.has(operators[0]) && operators[0] !== '$not') return;
  checkWhere(where, uid, getModel, path, out);
};

const checkAttributeWhere = (value: unknown, path: string[], out: FieldProblem[]) => {
  if (!isRecord(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const here = [...path, key];
    if (GROUP.has(key)) {
      const items = asList(inner);
      if (!items) out.push({ path: here, message: `${here.join('.')} must be a list of conditions`, value: inner });
      else items.forEach((item, index) => checkAttributeWhere(item, [...here, String(index)], out));
    } else if (key === '$not') {
      checkAttributeWhere(inner, here, out);
    }
  }
};

const PAGINATION_RULES: Record<string, { min: number; allowMinusOne?: boolean; example: string }> = {
  page: { min: 1, example: 'pagination[page]=2' },
  pageSize: { min: 1, example: 'pagination[pageSize]=25' },
  start: { min: 0, example: 'pagination[start]=50' },
  limit: { min: 1, allowMinusOne: true, example: 'pagination[limit]=25' },
};

const checkPagination = (pagination: unknown, out: FieldProblem[]) => {
  if (pagination === undefined) return;
  if (!isRecord(pagination)) {
    out.push({ path: ['pagination'], message: 'pagination must be an object, e.g. pagination[page]=1&pagination[pageSize]=25', value: pagination });
    return;
  }
  for (const [key, raw] of Object.entries(pagination)) {
    const path = ['pagination', key];
    if (key === 'withCount') {
      if (!['true', 'false', true, false].includes(raw as never)) {
        out.push({ path, message: 'pagination.withCount must be true or false', value: raw });
      }
      continue;
    }
    const rule = PAGINATION_RULES[key];
    if (!rule) continue; // unknown keys are reported by Strapi
    const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : NaN;
    const ok = Number.isInteger(value) && (value >= rule.min || (rule.allowMinusOne && value === -1));
    if (!ok) {
      const bound = rule.allowMinusOne ? `a whole number ≥ ${rule.min} (or -1 for all)` : `a whole number ≥ ${rule.min}`;
      out.push({ path, message: `pagination.${key} must be ${bound}, e.g. ${rule.example}`, value: raw });
    }
  }
};

export const findQueryProblems = (query: Record<string, unknown>, uid: string, getModel: ModelLookup): FieldProblem[] => {
  const problems: FieldProblem[] = [];
  if (query.filters !== undefined) checkWhere(query.filters, uid, getModel, ['filters'], problems);
  checkPagination(query.pagination, problems);
  return problems;
};
