/**
 * Whether a value is what an OpenAPI 3.0 schema of the document says: the subset lib/openapi.ts
 * writes ($ref, allOf, anyOf, oneOf, nullable, type, enum, format date / date-time / uri,
 * pattern, lengths, bounds, required, properties, items, additionalProperties). The tests hold
 * the server's real responses against the document with it. `strict`: a property an object
 * schema does not name is a problem too, unless the schema allows others (additionalProperties).
 * Pure; one problem per line, with the JSON path of the value.
 */
type Schema = Record<string, any>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const isAbsoluteUri = (value: string) => {
  try {
    return new URL(value).protocol.length > 1 && /^[a-z][a-z0-9+.-]*:/i.test(value);
  } catch {
    return false;
  }
};

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Keywords that do not constrain a value: a schema of only these accepts anything, null too. */
const ANNOTATIONS = new Set(['description', 'example', 'nullable', 'default', 'readOnly', 'writeOnly']);

export interface ConformanceOptions {
  strict?: boolean;
}

export const conformanceProblems = (document: Schema, schema: Schema | undefined, value: unknown, options: ConformanceOptions = {}, at = '$', depth = 0): string[] => {
  if (!schema || depth > 64) return [];
  const check = (part: Schema, item: unknown, path = at) => conformanceProblems(document, part, item, options, path, depth + 1);
  if (schema.$ref) {
    const target = String(schema.$ref)
      .replace(/^#\//, '')
      .split('/')
      .reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    if (!target) return [`${at}: unresolvable ${schema.$ref}`];
    return check(target, value);
  }
  if (value === null) return schema.nullable === true || Object.keys(schema).every((key) => ANNOTATIONS.has(key)) ? [] : [`${at}: null, not allowed`];

  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...check(part, value));
  if (schema.anyOf && !schema.anyOf.some((part: Schema) => check(part, value).length === 0)) {
    problems.push(`${at}: matches none of anyOf (${schema.anyOf.map((part: Schema) => check(part, value)[0]).join(' | ')})`);
  }
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((part: Schema) => check(part, value).length === 0).length;
    if (matching !== 1) problems.push(`${at}: matches ${matching} of oneOf, not one`);
  }

  const actual = typeOf(value);
  if (schema.type) {
    const ok = schema.type === actual || (schema.type === 'integer' && actual === 'number' && Number.isInteger(value)) || (schema.type === 'number' && actual === 'number');
    if (!ok) return [...problems, `${at}: ${actual}, not ${schema.type}`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);

  if (typeof value === 'string') {
    if (schema.format === 'date' && !DATE.test(value)) problems.push(`${at}: "${value}" is not a date`);
    if (schema.format === 'date-time' && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) problems.push(`${at}: "${value}" is not a date-time`);
    if (schema.format === 'uri' && !isAbsoluteUri(value)) problems.push(`${at}: "${value}" is not an absolute URI`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${at}: "${value}" does not match ${schema.pattern}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at}: ${value} > ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) => problems.push(...check(schema.items, item, `${at}[${index}]`)));
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${at}: no ${key}`);
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties?.[key];
      if (property) problems.push(...check(property, item, `${at}.${key}`));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') problems.push(...check(schema.additionalProperties, item, `${at}.${key}`));
      else if (schema.additionalProperties === false || (options.strict && schema.properties && schema.additionalProperties === undefined)) problems.push(`${at}: ${key} is not described`);
    }
  }
  return problems;
};
