import slugify from 'slugify';
import { pinyin } from 'pinyin-pro';
import { toRomaji } from 'wanakana';

import { SLUG_PATTERN_SOURCE } from './field-rules';

/** Lower-case ASCII words joined by single hyphens: what article, source and institution slugs must be. */
export const SLUG_PATTERN = new RegExp(SLUG_PATTERN_SOURCE);
export const SLUG_MAX_LENGTH = 120;
/** Generated slugs stay shorter than the limit so a clash suffix always fits. */
export const GENERATED_SLUG_MAX_LENGTH = 80;

const HAN = /\p{Script=Han}/u;

export const isValidSlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);

/** Chinese: Han characters become tone-less pinyin syllables (ü as v). */
const romanizeChinese = (text: string): string =>
  HAN.test(text) ? pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ') : text;

/**
 * Japanese: kana become Hepburn romaji (wanakana). Kanji are not read as Chinese: their Japanese
 * reading needs a dictionary this project does not carry, so they are left out (a title of kanji
 * only gives no slug, and the editor writes one).
 */
const romanizeJapanese = (text: string): string => toRomaji(text, { upcaseKatakana: false }).replace(/\p{Script=Han}+/gu, ' ');

/**
 * Each language's own romaniser, by language (the locale's first part); languages without one
 * (English, Russian and other alphabets) are transliterated by slugify's character map.
 */
const ROMANIZERS: Record<string, (text: string) => string> = { zh: romanizeChinese, ja: romanizeJapanese };

const romanize = (text: string, locale: string | undefined): string => {
  const language = (locale ?? 'zh').toLowerCase().split('-')[0];
  const romanizer = Object.prototype.hasOwnProperty.call(ROMANIZERS, language) ? ROMANIZERS[language] : null;
  // A Chinese name in an edition of another language (English, Russian) still reads as Chinese.
  return romanizer ? romanizer(text) : romanizeChinese(text);
};

const truncateAtWord = (slug: string, max: number): string => {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, '');
};

/**
 * Turns a title into a slug by the rules of its locale's language: Chinese through pinyin,
 * Japanese kana through Hepburn romaji, Russian (and other alphabets) through slugify's
 * character map. Without a locale, Chinese characters read as Chinese.
 * Returns '' when nothing usable remains (e.g. a title of punctuation only).
 */
export const slugFromTitle = (title: string, { locale, maxLength = GENERATED_SLUG_MAX_LENGTH }: { locale?: string; maxLength?: number } = {}): string => {
  const text = romanize(String(title ?? '').normalize('NFKC'), locale);
  const slug = slugify(text, { lower: true, strict: true, trim: true, locale: 'ru' })
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  return truncateAtWord(slug, maxLength);
};

/** `base`, `base-2`, `base-3`, … : the nth candidate for a slug that clashes. */
export const slugCandidate = (base: string, attempt: number): string =>
  attempt <= 1 ? base : `${base}-${attempt}`;

/**
 * The first of `base`, `base-2`, `base-3`, … that is not in `taken`.
 * Callers load `taken`: the stored slugs among the first candidates (or, when all are taken, every slug starting with `base`).
 */
export const pickFreeSlug = (base: string, taken: Iterable<string>): string => {
  const used = new Set(taken);
  let attempt = 1;
  while (used.has(slugCandidate(base, attempt))) attempt += 1;
  return slugCandidate(base, attempt);
};
