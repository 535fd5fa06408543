import slugify from 'slugify';
import { pinyin } from 'pinyin-pro';

import { SLUG_PATTERN_SOURCE } from './field-rules';

/** Lower-case ASCII words joined by single hyphens: what article, source and institution slugs must be. */
export const SLUG_PATTERN = new RegExp(SLUG_PATTERN_SOURCE);
export const SLUG_MAX_LENGTH = 120;
/** Generated slugs stay shorter than the limit so a clash suffix always fits. */
export const GENERATED_SLUG_MAX_LENGTH = 80;

const HAN = /\p{Script=Han}/u;

export const isValidSlug = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(value);

/** Han characters become tone-less pinyin syllables (ü as v); everything else is left for slugify. */
const romanize = (text: string): string => {
  if (!HAN.test(text)) return text;
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).join(' ');
};

const truncateAtWord = (slug: string, max: number): string => {
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : slug.slice(0, max)).replace(/-+$/, '');
};

/**
 * Turns a title in any of the newsroom's languages into a slug: Chinese through pinyin,
 * Russian (and other Latin-transliterable scripts) through slugify's character map.
 * Returns '' when nothing usable remains (e.g. a title of punctuation only).
 */
export const slugFromTitle = (title: string, maxLength = GENERATED_SLUG_MAX_LENGTH): string => {
  const text = romanize(String(title ?? '').normalize('NFKC'));
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
