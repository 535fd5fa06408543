import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import IntlMessageFormat from 'intl-messageformat';

import type { AttributionInput } from './types';
import { CODE_SELECT_KEYS, PLACEHOLDERS, validateTemplate, type Placeholder } from './templates';
import { isHomepageUrl, isHttpUrl } from './urls';
import { languageKey, languageName, licenseName, reprintTypeName } from './vocabulary';

export interface CreditLinePart {
  type: 'literal' | 'value';
  /** the placeholder, for value parts */
  name?: Placeholder;
  value: string;
}

export interface CreditLine {
  text: string;
  html: string;
  parts: CreditLinePart[];
}

const ABSENT = 'none';
/** What a plain placeholder shows when its value is missing (a draft without its source, say). */
export const GAP = '…';
/**
 * A select on a value that is there gets this: it cannot equal any option key (ICU keys cannot
 * hold braces), so it always takes `other`, whatever the template's other keys are.
 */
const PRESENT = '{present}';
/** The argument a select tests; braces make it a name no template can write. */
const selectArgument = (name: string) => `{${name}}`;

/** A value in the formatter's output: an object part, never text that could be mistaken for it. */
interface ValueToken {
  placeholder: Placeholder;
}

/** Option maps without a prototype: an option is found only if the template wrote it. */
const bare = <T>(entries: Array<[string, T]>): Record<string, T> => {
  const out = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) out[key] = value;
  return out;
};

/**
 * In a template a value is used plainly ({authors}) or tested ({authors, select, none {} …}).
 * Plain uses get the value as an object (intl-messageformat hands objects back as separate
 * parts, so the output is split into template text and values without any marker in the text);
 * tests get their own argument (`none` or PRESENT), so a missing value can be tested for without
 * `none` ever being printed.
 */
const splitSelects = (elements: MessageFormatElement[]): MessageFormatElement[] =>
  elements.map((element) => {
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      const options = bare(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: splitSelects(option.value) }]));
      return element.type === TYPE.select ? { ...element, value: selectArgument(element.value), options } : { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: splitSelects(element.children) };
    return element;
  });

export const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// Building a formatter costs far more than using one; credit lines are rendered for every item
// of every response, so formatters are kept per locale (and per template).
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormat = (locale: string) => {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(locale, format);
  }
  return format;
};

/** 2025-03-22 → 2025年3月22日 / March 22, 2025 / 22 марта 2025 г. */
export const formatDate = (value: string | null | undefined, locale: string): string | null => {
  if (!value) return null;
  const day = String(value).slice(0, 10);
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  return dateFormat(locale).format(date);
};

const clean = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
};

/** "张三、李四" / "A. Smith, B. Jones" / "Иванов и Петров" → one name each (also for JSON-LD). */
export const authorNames = (authors: string | null | undefined): string[] =>
  (authors ?? '')
    .split(/[,，、;；]|\s+and\s+|\s+и\s+/)
    .map((name) => name.trim())
    .filter(Boolean);

/** The placeholder values for a document version; null where absent. */
export const creditLineValues = (input: AttributionInput): Record<Placeholder, string | null> => {
  const reprint = input.reprint ?? {};
  return {
    sourceName: clean(input.source?.name),
    originalTitle: clean(reprint.originalTitle),
    originalTitleGloss: clean(reprint.originalTitleGloss),
    authors: clean(reprint.originalAuthors),
    originalDate: formatDate(reprint.originalPublishedAt, input.locale),
    originalUrl: clean(reprint.originalUrl),
    originalLanguage: languageName(reprint.originalLanguage, input.locale),
    translator: clean(reprint.translator),
    license: reprint.license ? licenseName(reprint.license, input.locale) : null,
    responsibleEditor: clean(reprint.responsibleEditor),
    reprintType: reprint.reprintType ? reprintTypeName(reprint.reprintType, input.locale) : null,
  };
};

const linkFor = (name: Placeholder | undefined, input: AttributionInput): string | null => {
  if (name === 'sourceName' && isHttpUrl(input.source?.homepage)) return input.source!.homepage!;
  const original = input.reprint?.originalUrl;
  if (name === 'originalUrl' && isHttpUrl(original)) return original;
  // A title linked to the outlet's homepage says "this is where it is": it is not.
  if (name === 'originalTitle' && isHttpUrl(original) && !isHomepageUrl(original, input.source?.homepage)) return original;
  return null;
};

const FORMATS_KEPT = 200;
const messageFormats = new Map<string, IntlMessageFormat | Error>();
/**
 * The formatter of a template, built once. A template validateTemplate refuses is never
 * rendered (it throws), so exactly what may be saved renders: an unknown placeholder, a number
 * or date format, or a select key that never matches cannot reach the formatter.
 */
const messageFormat = (template: string, locale: string): IntlMessageFormat => {
  const key = `${locale}\u0000${template}`;
  let format = messageFormats.get(key);
  if (!format) {
    if (messageFormats.size >= FORMATS_KEPT) messageFormats.delete(messageFormats.keys().next().value as string);
    const errors = validateTemplate(template);
    format =
      errors.length > 0
        ? new Error(`Invalid credit-line template: ${errors.map((error) => error.message).join('; ')}`)
        : new IntlMessageFormat(splitSelects(parse(template, { ignoreTag: true })), locale, undefined, { ignoreTag: true });
    messageFormats.set(key, format);
  }
  if (format instanceof Error) throw format;
  return format;
};

/**
 * Renders the credit line of one document version with the template of its locale.
 * Plain text; HTML where every value and every piece of template text is escaped, the source
 * name linked to its homepage and the original title to the original; and the parts.
 */
export const renderCreditLine = (input: AttributionInput, template: string): CreditLine => {
  const values = creditLineValues(input);
  const reprint = input.reprint ?? {};
  // What a select on a code tests: the code (reprintType) or its language (originalLanguage).
  const codes: Partial<Record<Placeholder, string | null>> = {
    reprintType: reprint.reprintType ?? null,
    originalLanguage: languageKey(reprint.originalLanguage),
    authors: values.authors === null ? null : authorNames(values.authors).length > 1 ? 'several' : 'one',
  };
  // No prototype: an argument the template names but the renderer does not know is missing
  // (an error), never `constructor` or `toString` of Object.prototype.
  const args = Object.create(null) as Record<string, string | ValueToken>;
  for (const name of PLACEHOLDERS) {
    const value = values[name];
    args[name] = value === null ? GAP : { placeholder: name };
    const code = codes[name];
    // A code the template can test (zh, translation, several) is passed as is; otherwise the
    // value decides: absent (an original in an unnamed language, say) selects `none`.
    args[selectArgument(name)] = code && CODE_SELECT_KEYS[name]?.includes(code) ? code : value === null ? ABSENT : PRESENT;
  }
  const formatted = messageFormat(template, input.locale).formatToParts<ValueToken>(args);

  const parts: CreditLinePart[] = [];
  for (const part of formatted) {
    const token = part.value as unknown;
    if (typeof token === 'string') {
      const previous = parts[parts.length - 1];
      if (previous?.type === 'literal') previous.value += token;
      else if (token !== '') parts.push({ type: 'literal', value: token });
    } else if (token && typeof token === 'object' && (PLACEHOLDERS as readonly string[]).includes((token as ValueToken).placeholder)) {
      const name = (token as ValueToken).placeholder;
      parts.push({ type: 'value', name, value: values[name] ?? '' });
    } else {
      throw new Error('The credit-line template produced something other than text and values');
    }
  }

  const text = parts.map((part) => part.value).join('');
  const html = parts
    .map((part) => {
      const escaped = escapeHtml(part.value);
      const href = part.type === 'value' ? linkFor(part.name, input) : null;
      return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escaped}</a>` : escaped;
    })
    .join('');
  return { text, html, parts };
};

/** The editor's own line replaces the generated one: escaped, unlinked. */
export const overrideCreditLine = (override: string): CreditLine => {
  const value = override.trim();
  return { text: value, html: escapeHtml(value), parts: [{ type: 'literal', value }] };
};
