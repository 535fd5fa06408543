/**
 * The newsroom's content locales: the one place they are written. `LOCALES` (comma-separated
 * locale codes, in the order editors and readers see them; default `zh-Hans,en,ru`) is the
 * configuration value; everything else (the locales created at start-up, the stock roles'
 * permissions, the order of language links, `DEFAULT_LOCALE`'s check, the slug romanisers) reads
 * it from here. A locale's name comes from Strapi's own list of ISO locales.
 */
export const DEFAULT_LOCALES = ['zh-Hans', 'en', 'ru'] as const;

const LOCALE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

// Read on every response that lists language links: parsed once per value of LOCALES.
let parsed: { raw: string; codes: string[] } | null = null;

/** The configured locale codes, checked; throws with a message naming what is wrong. */
export const newsroomLocales = (env: NodeJS.ProcessEnv = process.env): string[] => {
  const raw = (env.LOCALES ?? '').trim();
  if (parsed?.raw !== raw) parsed = { raw, codes: parseLocales(raw) };
  return [...parsed.codes];
};

const parseLocales = (raw: string): string[] => {
  if (raw === '') return [...DEFAULT_LOCALES];
  const codes = raw.split(',').map((code) => code.trim()).filter(Boolean);
  const bad = codes.filter((code) => !LOCALE_CODE.test(code));
  if (bad.length > 0) throw new Error(`LOCALES: ${bad.map((code) => `"${code}"`).join(', ')} is not a locale code (e.g. zh-Hans, en, ru, ja)`);
  const duplicates = codes.filter((code, index) => codes.indexOf(code) !== index);
  if (duplicates.length > 0) throw new Error(`LOCALES names ${duplicates.join(', ')} twice`);
  return codes;
};

/** `DEFAULT_LOCALE`, checked against the newsroom's locales; empty means the first of them. */
export const resolveDefaultLocale = (raw: string | undefined, env: NodeJS.ProcessEnv = process.env): string => {
  const codes = newsroomLocales(env);
  const value = (raw ?? '').trim();
  if (value === '') return codes[0];
  if (codes.includes(value)) return value;
  throw new Error(`DEFAULT_LOCALE="${value}" is not a newsroom locale; use one of: ${codes.join(', ')}`);
};
