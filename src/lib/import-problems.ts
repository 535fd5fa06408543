/**
 * What an import reports when a write is refused: the refusal as problems of the record's line,
 * placed where the record holds the field. Pure: no Strapi import.
 */
import type { FieldProblem } from './field-rules';

export interface LineProblem extends FieldProblem {
  line: number;
  /** the record's type and key, e.g. "article some-key" */
  key?: string;
}

/** The record's fields as records split them (src/lib/records.ts, recordFields). */
export interface RecordFieldGroups {
  shared: string[];
  localized: string[];
  relations: string[];
}

/** Errors a client's data causes (Strapi's ValidationError and kin, 4xx http errors), not failures of the system. */
const REFUSALS = new Set(['ValidationError', 'ApplicationError', 'NotFoundError', 'ForbiddenError', 'PolicyError', 'YupValidationError']);

export const isRefusal = (error: unknown): boolean => {
  if (!error || typeof error !== 'object') return false;
  const { name, status, statusCode } = error as { name?: string; status?: number; statusCode?: number };
  const code = status ?? statusCode;
  return REFUSALS.has(name ?? '') || (typeof code === 'number' && code >= 400 && code < 500);
};

/** SQLite's "database is locked" (SQLITE_BUSY and its extended codes): another connection holds the write lock. */
export const isDatabaseLocked = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) || /database is locked/i.test(message ?? '');
};

/** `article some-key` for a line holding a record with a type and a key. */
export const recordLabel = (record: unknown): string | undefined => {
  const { type, key } = (record ?? {}) as { type?: unknown; key?: unknown };
  return typeof type === 'string' && typeof key === 'string' ? `${type} ${key}` : undefined;
};

/**
 * A refusal of the Document Service (error.details.errors[] with Strapi's field paths, or just a
 * message) as problems of `line`, each path placed under locales.<locale>, shared or relations.
 * `locale` and `action` say which write of the record was refused.
 */
export const refusalProblems = (
  error: { message?: string; details?: { errors?: Array<{ path?: unknown[]; message?: string }> } },
  where: { line: number; key?: string; locale?: string; action?: string; fields: RecordFieldGroups }
): LineProblem[] => {
  const { line, key, locale, action, fields } = where;
  const listed = Array.isArray(error.details?.errors) && error.details!.errors!.length > 0 ? error.details!.errors! : [{ path: [], message: error.message }];
  const seen = new Set<string>();
  const problems: LineProblem[] = [];
  for (const item of listed) {
    const inner = (Array.isArray(item.path) ? item.path : []).map(String);
    const [head] = inner;
    const place =
      head === undefined
        ? []
        : fields.relations.includes(head)
          ? ['relations']
          : fields.shared.includes(head)
            ? ['shared']
            : locale !== undefined
              ? ['locales', locale]
              : [];
    const path = [...place, ...inner];
    const message = `${path.length > 0 ? `${path.join('.')}: ` : ''}${locale ? `[${locale}] ` : ''}${item.message ?? error.message ?? 'refused'}${action ? ` (refused on ${action})` : ''}`;
    if (seen.has(`${path.join('.')}|${message}`)) continue;
    seen.add(`${path.join('.')}|${message}`);
    problems.push({ line, ...(key ? { key } : {}), path, message });
  }
  return problems;
};
