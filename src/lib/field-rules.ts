/**
 * Format rules that hold on every save, drafts included. Strapi checks an attribute's `regex`
 * only when publishing; a malformed URL or slug in a draft is still wrong, and the editor
 * should hear it while the draft is being written, not at publish time.
 */

// One URL rule for the app and the attribution plugin. It lives in the plugin (a package other
// projects install, which cannot import from the app), and the app takes it from the plugin's
// package entry point, as any project would.
import { HTTP_URL_HINT, HTTP_URL_PATTERN, httpUrlProblem, isHttpUrl } from 'strapi-plugin-reprint-attribution/strapi-server';

export { HTTP_URL_PATTERN, httpUrlProblem, isHttpUrl };

export interface FieldProblem {
  path: string[];
  message: string;
  value?: unknown;
}

export interface AttributeLike {
  type: string;
  regex?: string;
  required?: boolean;
  component?: string;
  repeatable?: boolean;
  components?: string[];
  maxLength?: number;
}

export type SchemaLookup = (uid: string) => { attributes: Record<string, AttributeLike> } | undefined;

export const SLUG_PATTERN_SOURCE = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const COUNTRY_PATTERN = '^[A-Z]{2}$';

const PATTERN_MESSAGES: Record<string, string> = {
  [HTTP_URL_PATTERN]: HTTP_URL_HINT,
  [SLUG_PATTERN_SOURCE]: 'must be lower-case letters and digits joined by single hyphens, e.g. lnu-seminar-2025',
  [COUNTRY_PATTERN]: 'must be a two-letter ISO 3166-1 country code in capitals, e.g. CN',
};

export const describePattern = (pattern: string): string =>
  PATTERN_MESSAGES[pattern] ?? `must match the pattern ${pattern}`;

const checkPattern = (attribute: AttributeLike, value: unknown): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') return null; // type errors are Strapi's own validator's job
  if (attribute.regex === HTTP_URL_PATTERN) {
    const problem = httpUrlProblem(value);
    return problem ? `${HTTP_URL_HINT}; this one ${problem}` : null;
  }
  return new RegExp(attribute.regex as string).test(value) ? null : describePattern(attribute.regex as string);
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const isRealDate = (value: string) => {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * Values whose type the database layer would refuse without saying which field (dates), or
 * store as they come (a string where blocks belong).
 */
const checkShape = (attribute: AttributeLike, value: unknown): string | null => {
  if (value === null || value === undefined || value instanceof Date) return null;
  switch (attribute.type) {
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : 'must be a date written yyyy-MM-dd, e.g. 2025-03-22';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : 'must be a date and time in ISO 8601, e.g. 2025-03-22T09:30:00Z';
    case 'time':
      return typeof value === 'string' && TIME.test(value) ? null : 'must be a time written HH:mm or HH:mm:ss, e.g. 09:30';
    case 'blocks':
      return Array.isArray(value) && value.every((block) => typeof block === 'object' && block !== null && typeof (block as { type?: unknown }).type === 'string')
        ? null
        : 'must be a list of blocks (paragraphs, headings, lists…), e.g. [{ "type": "paragraph", "children": [{ "type": "text", "text": "…" }] }]';
    default:
      return null;
  }
};

/**
 * Walks `data` along the schema (components and dynamic zones included) and reports every
 * string whose attribute declares a `regex` it does not match.
 */
export const findFormatProblems = (
  getSchema: SchemaLookup,
  uid: string,
  data: unknown,
  basePath: string[] = []
): FieldProblem[] => {
  const schema = getSchema(uid);
  if (!schema || !data || typeof data !== 'object' || Array.isArray(data)) return [];
  const problems: FieldProblem[] = [];

  for (const [name, value] of Object.entries(data as Record<string, unknown>)) {
    if (!Object.prototype.hasOwnProperty.call(schema.attributes, name)) continue;
    const attribute = schema.attributes[name];
    const path = [...basePath, name];
    const shape = checkShape(attribute, value);
    if (shape) {
      problems.push({ path, message: `${path.join('.')} ${shape}`, value });
      continue;
    }

    if (attribute.regex && ['string', 'text', 'uid', 'email'].includes(attribute.type)) {
      const message = checkPattern(attribute, value);
      if (message) problems.push({ path, message: `${path.join('.')} ${message}`, value });
    } else if (attribute.type === 'component' && attribute.component) {
      const items = attribute.repeatable && Array.isArray(value) ? value : [value];
      items.forEach((item, index) => {
        const itemPath = attribute.repeatable ? [...path, String(index)] : path;
        problems.push(...findFormatProblems(getSchema, attribute.component as string, item, itemPath));
      });
    } else if (attribute.type === 'dynamiczone' && Array.isArray(value)) {
      value.forEach((item, index) => {
        const componentUid = (item as { __component?: string } | null)?.__component;
        if (componentUid) problems.push(...findFormatProblems(getSchema, componentUid, item, [...path, String(index)]));
      });
    }
  }
  return problems;
};
