import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import IntlMessageFormat from 'intl-messageformat';

import type { AttributionInput } from './types';
import { PLACEHOLDERS, type Placeholder } from './templates';
import { isHttpUrl } from './urls';
import { licenseName, reprintTypeName } from './vocabulary';

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
const SELECT_SUFFIX = '__select';

/**
 * In a template a value is used plainly ({authors}) or tested ({authors, select, none {} …}).
 * The tests get their own argument (`authors__select`: `none` or the value), so a missing value
 * can be tested for without `none` ever being printed.
 */
const splitSelects = (elements: MessageFormatElement[]): MessageFormatElement[] =>
  elements.map((element) => {
    if (element.type === TYPE.select) {
      const options = Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: splitSelects(option.value) }]));
      return { ...element, value: `${element.value}${SELECT_SUFFIX}`, options };
    }
    if (element.type === TYPE.plural) {
      const options = Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: splitSelects(option.value) }]));
      return { ...element, options };
    }
    if (element.type === TYPE.tag) return { ...element, children: splitSelects(element.children) };
    return element;
  });
// Private-use characters frame each value while formatting, so the output can be split back
// into the template's own text and the values (which HTML must escape and may link).
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

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
  const text = String(value).replace(MARKERS, '').trim();
  return text === '' ? null : text;
};

/** The placeholder values for a document version; null where absent. */
export const creditLineValues = (input: AttributionInput): Record<Placeholder, string | null> => {
  const reprint = input.reprint ?? {};
  return {
    sourceName: clean(input.source?.name),
    originalTitle: clean(reprint.originalTitle),
    authors: clean(reprint.originalAuthors),
    originalDate: formatDate(reprint.originalPublishedAt, input.locale),
    originalUrl: clean(reprint.originalUrl),
    license: reprint.license ? licenseName(reprint.license, input.locale) : null,
    responsibleEditor: clean(reprint.responsibleEditor),
    reprintType: reprint.reprintType ? reprintTypeName(reprint.reprintType, input.locale) : null,
  };
};

const linkFor = (name: Placeholder | undefined, input: AttributionInput): string | null => {
  if (name === 'sourceName' && isHttpUrl(input.source?.homepage)) return input.source!.homepage!;
  if ((name === 'originalTitle' || name === 'originalUrl') && isHttpUrl(input.reprint?.originalUrl)) return input.reprint!.originalUrl!;
  return null;
};

const FORMATS_KEPT = 200;
const messageFormats = new Map<string, IntlMessageFormat>();
const messageFormat = (template: string, locale: string) => {
  const key = `${locale}\u0000${template}`;
  let format = messageFormats.get(key);
  if (!format) {
    if (messageFormats.size >= FORMATS_KEPT) messageFormats.delete(messageFormats.keys().next().value as string);
    format = new IntlMessageFormat(splitSelects(parse(template, { ignoreTag: true })), locale, undefined, { ignoreTag: true });
    messageFormats.set(key, format);
  }
  return format;
};

/**
 * Renders the credit line of one document version with the template of its locale.
 * Plain text; HTML where every value and every piece of template text is escaped, the source
 * name linked to its homepage and the original title to the original; and the parts.
 */
export const renderCreditLine = (input: AttributionInput, template: string): CreditLine => {
  const values = creditLineValues(input);
  const marked: Record<string, string> = {};
  for (const name of PLACEHOLDERS) {
    const value = values[name];
    marked[name] = value === null ? GAP : `${OPEN}${name}${CLOSE}`;
    marked[`${name}${SELECT_SUFFIX}`] = value === null ? ABSENT : 'present';
  }
  const formatted = String(messageFormat(template, input.locale).format(marked));

  const parts: CreditLinePart[] = [];
  const pattern = new RegExp(`${OPEN}(\\w+)${CLOSE}`, 'g');
  let last = 0;
  for (const match of formatted.matchAll(pattern)) {
    if (match.index! > last) parts.push({ type: 'literal', value: formatted.slice(last, match.index) });
    const name = match[1] as Placeholder;
    parts.push({ type: 'value', name, value: values[name] ?? '' });
    last = match.index! + match[0].length;
  }
  if (last < formatted.length) parts.push({ type: 'literal', value: formatted.slice(last) });

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
  const value = override.replace(MARKERS, '').trim();
  return { text: value, html: escapeHtml(value), parts: [{ type: 'literal', value }] };
};
