import type { DeskType, StatusQuery } from '../domain';

/** A problem with one input field: where it is in the request, and what to do about it. */
export interface Problem {
  path: string[];
  message: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

const STATUS_PARAMS = ['type', 'page', 'pageSize', 'missing', 'stale', 'locale', 'filters', 'from', 'to', 'q'];

/**
 * The status query (`GET /translation-desk/status`), checked: every problem with its path, or the
 * query. `type` is checked by the caller (an unknown type is a 404, as for the other routes).
 */
export const parseStatusQuery = (
  raw: Record<string, unknown>,
  type: DeskType,
  { locales, maxPageSize }: { locales: readonly string[]; maxPageSize: number }
): { query?: StatusQuery; problems: Problem[] } => {
  const problems: Problem[] = [];
  const problem = (path: string[], message: string) => problems.push({ path, message });
  const single = (name: string): string | undefined => {
    const value = raw[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problem([name], `${name} must be given once, as a single value`);
      return undefined;
    }
    return value;
  };
  for (const name of Object.keys(raw)) if (!STATUS_PARAMS.includes(name)) problem([name], `unknown parameter "${name}" (known: ${STATUS_PARAMS.join(', ')})`);

  const whole = (name: string, fallback: number, max: number) => {
    const value = single(name);
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < 1 || number > max) {
      problem([name], `${name} must be a whole number from 1 to ${max}`);
      return fallback;
    }
    return number;
  };
  const page = whole('page', 1, 1_000_000);
  const pageSize = whole('pageSize', 50, maxPageSize);
  const locale = (name: string) => {
    const value = single(name);
    if (value !== undefined && !locales.includes(value)) problem([name], `${name} must be one of the locales ${locales.join(', ')}`);
    return value;
  };
  const missing = locale('missing');
  const localeValue = locale('locale');
  const staleText = single('stale');
  if (staleText !== undefined && staleText !== 'true' && staleText !== 'false') problem(['stale'], 'stale must be true or false');
  const day = (name: string) => {
    const value = single(name);
    if (value !== undefined && !isDay(value)) problem([name], `${name} must be a date as YYYY-MM-DD`);
    if (value !== undefined && !type.date) problem([name], `${type.uid} has no date field to filter by`);
    return value;
  };
  const from = day('from');
  const to = day('to');
  if (from && to && isDay(from) && isDay(to) && from > to) problem(['to'], 'to must not be before from');
  const q = single('q');
  if (q !== undefined && q.length > 200) problem(['q'], 'q must be at most 200 characters');

  const filters: Record<string, string> = {};
  if (raw.filters !== undefined) {
    if (!raw.filters || typeof raw.filters !== 'object' || Array.isArray(raw.filters)) problem(['filters'], `filters must be given as filters[field]=value (fields: ${type.filters.map((f) => f.name).join(', ') || 'none'})`);
    else {
      for (const [name, value] of Object.entries(raw.filters as Record<string, unknown>)) {
        const filter = type.filters.find((candidate) => candidate.name === name);
        if (!filter) problem(['filters', name], `${type.uid} cannot be filtered by "${name}" (filters: ${type.filters.map((f) => f.name).join(', ') || 'none'})`);
        else if (typeof value !== 'string' || !filter.values.includes(value)) problem(['filters', name], `filters[${name}] must be one of ${filter.values.join(', ')}`);
        else filters[name] = value;
      }
    }
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    query: { page, pageSize, missing, locale: localeValue, stale: staleText === undefined ? undefined : staleText === 'true', filters, from, to, q: q || undefined },
  };
};
