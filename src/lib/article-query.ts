import type { FieldProblem } from './field-rules';
import { isValidDate } from './records';

/**
 * Query parameters a site can use instead of Strapi's filter syntax:
 *   institution=KEY-OR-SLUG[,…]  source=KEY-OR-SLUG[,…]  section=news[,…]  from=YYYY-MM-DD  to=YYYY-MM-DD
 * They are turned into ordinary `filters` and removed from the query before Strapi validates it.
 * (`fallback`, which every localized type takes, is lib/read-options.)
 */
export const CONVENIENCE_PARAMS = ['institution', 'source', 'section', 'from', 'to'] as const;

const TOKEN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const list = (value: unknown): string[] | null => {
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));
  if (!items.every((item) => typeof item === 'string')) return null;
  return (items as string[]).map((item) => item.trim()).filter(Boolean);
};

/**
 * Documents of a related type named by key or slug: the route middleware looks them up in every
 * locale (an English page may carry a Chinese slug) and filters on their documentIds.
 */
export interface RelationLookup {
  /** the article's relation attribute */
  relation: 'institutions' | 'source';
  values: string[];
}

export interface ParsedArticleQuery {
  filters: Record<string, unknown>[];
  lookups: RelationLookup[];
  problems: FieldProblem[];
}

export const parseArticleQuery = (query: Record<string, unknown>, sections: string[]): ParsedArticleQuery => {
  const filters: Record<string, unknown>[] = [];
  const lookups: RelationLookup[] = [];
  const problems: FieldProblem[] = [];
  const problem = (param: string, message: string, value: unknown) => problems.push({ path: [param], message: `${param} ${message}`, value });

  for (const [param, relation] of [
    ['institution', 'institutions'],
    ['source', 'source'],
  ] as const) {
    if (query[param] === undefined) continue;
    const values = list(query[param]);
    if (!values || values.length === 0 || !values.every((value) => TOKEN.test(value))) {
      problem(param, 'must be one or more keys or slugs separated by commas, e.g. liaoning-university', query[param]);
      continue;
    }
    lookups.push({ relation, values });
  }

  if (query.section !== undefined) {
    const values = list(query.section);
    if (!values || values.length === 0 || !values.every((value) => sections.includes(value))) {
      problem('section', `must be one or more of: ${sections.join(', ')}`, query.section);
    } else {
      filters.push({ section: { $in: values } });
    }
  }

  const range: Record<string, string> = {};
  for (const [param, operator] of [
    ['from', '$gte'],
    ['to', '$lte'],
  ] as const) {
    if (query[param] === undefined) continue;
    if (!isValidDate(query[param])) problem(param, 'must be a date written YYYY-MM-DD, e.g. 2025-03-22', query[param]);
    else range[operator] = query[param] as string;
  }
  if (range.$gte && range.$lte && range.$gte > range.$lte) {
    problem('to', `(${range.$lte}) is before from (${range.$gte})`, range.$lte);
  } else if (Object.keys(range).length > 0) {
    filters.push({ date: range });
  }

  return { filters, lookups, problems };
};
