/**
 * Format rules that hold on every save, drafts included. Strapi checks an attribute's `regex`
 * only when publishing; a malformed URL or slug in a draft is still wrong, and the editor
 * should hear it while the draft is being written, not at publish time.
 */

// One URL rule for the app and the attribution plugin. It lives in the plugin (a package other
// projects install, which cannot import from the app); the file has no imports, and tsc compiles
// it into the app's build along with this one (tsconfig excludes src/plugins/** only as roots).
import { HTTP_URL_HINT, HTTP_URL_PATTERN, httpUrlProblem, isHttpUrl } from '../plugins/reprint-attribution/server/src/domain/urls';

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
    const attribute = schema.attributes[name];
    if (!attribute) continue;
    const path = [...basePath, name];

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
