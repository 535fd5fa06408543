/** The newsroom's content locales, in the order editors see them. */
export const NEWSROOM_LOCALES = [
  { code: 'zh-Hans', name: 'Chinese (Simplified) (zh-Hans)' },
  { code: 'en', name: 'English (en)' },
  { code: 'ru', name: 'Russian (ru)' },
] as const;

export type NewsroomLocale = (typeof NEWSROOM_LOCALES)[number]['code'];

export const FALLBACK_DEFAULT_LOCALE: NewsroomLocale = 'zh-Hans';

const CODES = NEWSROOM_LOCALES.map((locale) => locale.code) as readonly string[];

/** `DEFAULT_LOCALE`, checked against the three newsroom locales; empty means zh-Hans. */
export const resolveDefaultLocale = (raw: string | undefined): NewsroomLocale => {
  const value = (raw ?? '').trim();
  if (value === '') return FALLBACK_DEFAULT_LOCALE;
  if (CODES.includes(value)) return value as NewsroomLocale;
  throw new Error(`DEFAULT_LOCALE="${value}" is not a newsroom locale; use one of: ${CODES.join(', ')}`);
};
