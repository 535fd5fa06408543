import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * Credit-line templates: ICU MessageFormat. Every value is text; an optional value that is
 * absent is the word `none`, so `{authors, select, none {} other {, by {authors}}}` leaves it out.
 */
export const PLACEHOLDERS = [
  'sourceName',
  'originalTitle',
  'originalTitleGloss',
  'authors',
  'originalDate',
  'originalUrl',
  'originalLanguage',
  'translator',
  'license',
  'responsibleEditor',
  'reprintType',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** A credit line that does not name the source or the original title is no attribution. */
export const REQUIRED_PLACEHOLDERS: Placeholder[] = ['sourceName', 'originalTitle'];

export interface TemplateError {
  message: string;
  /** 0-based character offset in the template, when known */
  offset?: number;
}

/** What a select on a text value can test: whether it is absent (`none`), else `other`. */
export const SELECT_KEYS = ['none', 'other'] as const;

/**
 * Values that are codes, not text: a select may also test the code itself (ICU keys cannot hold
 * a hyphen, so the original's language is tested by its language: zh, en, ru), and the authors
 * whether they are one or several.
 */
export const CODE_SELECT_KEYS: Partial<Record<Placeholder, readonly string[]>> = {
  reprintType: ['full', 'excerpt', 'translation', 'adaptation'],
  originalLanguage: ['zh', 'en', 'ru'],
  // one name or several (for languages that say Автор / Авторы)
  authors: ['one', 'several'],
};

const selectKeysOf = (name: string): readonly string[] => [...SELECT_KEYS, ...(CODE_SELECT_KEYS[name as Placeholder] ?? [])];

interface Found {
  name: string;
  offset?: number;
  kind: TYPE;
  /** the keys of a select or plural */
  keys?: Array<{ key: string; offset?: number }>;
}

const collectArguments = (elements: MessageFormatElement[], found: Found[]) => {
  for (const element of elements) {
    if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal) {
      const keys =
        element.type === TYPE.select || element.type === TYPE.plural
          ? Object.entries(element.options).map(([key, option]) => ({ key, offset: option.location?.start.offset }))
          : undefined;
      found.push({ name: element.value, offset: element.location?.start.offset, kind: element.type, keys });
    }
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) collectArguments(option.value, found);
    }
    if (element.type === TYPE.tag) collectArguments(element.children, found);
  }
};

/** Why a template cannot be used, or [] when it can. */
export const validateTemplate = (template: unknown): TemplateError[] => {
  if (typeof template !== 'string' || template.trim() === '') return [{ message: 'The template is empty' }];
  if (template.length > 2000) return [{ message: `The template is too long (${template.length} characters, at most 2000)` }];
  let ast: MessageFormatElement[];
  try {
    ast = parse(template, { captureLocation: true, ignoreTag: true });
  } catch (error: any) {
    const offset: number | undefined = error?.location?.start?.offset;
    const kind = String(error?.message ?? 'syntax error').replace(/_/g, ' ').toLowerCase();
    return [{ message: `Syntax error${offset === undefined ? '' : ` at character ${offset + 1}`}: ${kind}`, offset }];
  }
  const found: Found[] = [];
  collectArguments(ast, found);
  const errors: TemplateError[] = [];
  for (const { name, offset, kind, keys } of found) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      errors.push({ message: `Unknown placeholder {${name}}; use: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`, offset });
    } else if (kind !== TYPE.argument && kind !== TYPE.select) {
      errors.push({ message: `{${name}} is text: use it plainly or in a select, not as a number, date or plural`, offset });
    } else if (kind === TYPE.select) {
      for (const { key, offset: keyOffset } of keys ?? []) {
        if (!selectKeysOf(name).includes(key)) {
          const keys = selectKeysOf(name);
          errors.push({
            message:
              keys.length > SELECT_KEYS.length
                ? `{${name}, select, …} can test ${keys.join(', ')} (none: the value is absent; other: anything else); "${key}" would never be chosen`
                : `{${name}, select, …} can only test none (the value is absent) and other (it is there); "${key}" would never be chosen`,
            offset: keyOffset,
          });
        }
      }
    }
  }
  for (const name of REQUIRED_PLACEHOLDERS) {
    if (!found.some((argument) => argument.name === name)) errors.push({ message: `The template must name {${name}}` });
  }
  return errors;
};
