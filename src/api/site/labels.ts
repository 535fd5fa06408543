/**
 * The names a site shows for the values of the content types' enumerations, in each language:
 * the article `section`, the source `kind` and the institution `kind`. The one place they are
 * written (served by GET /api/site, docs/api.md "Labels"); the values themselves come from the
 * schemas at run time.
 *
 * Adding a value to an enumeration: add its names here, at least in English (start-up stops
 * otherwise, naming the value). Adding a locale (LOCALES): add its names here; until then it gets
 * the names of a locale of the same language (`en-GB` → `en`, `zh-Hant` → `zh-Hans`), else the
 * English ones, and the response's `meta.labelFallbacks` says so (`{ "ja": "en" }`).
 */

export type Names = Record<string, string>;

/** The enumerations a site labels: group → content type and attribute. */
export const LABELLED_ENUMS = {
  section: { uid: 'api::article.article', attribute: 'section' },
  sourceKind: { uid: 'api::source.source', attribute: 'kind' },
  institutionKind: { uid: 'api::institution.institution', attribute: 'kind' },
} as const;
export type LabelGroup = keyof typeof LABELLED_ENUMS;

/** The locale every value must have a name in: the last fallback. */
export const FALLBACK_LABEL_LOCALE = 'en';

export const LABELS: Record<LabelGroup, Record<string, Names>> = {
  section: {
    news: { 'zh-Hans': '新闻', en: 'News', ru: 'Новости' },
    'media-coverage': { 'zh-Hans': '媒体报道', en: 'Media coverage', ru: 'СМИ о нас' },
    notices: { 'zh-Hans': '通知公告', en: 'Notices', ru: 'Объявления' },
    events: { 'zh-Hans': '活动', en: 'Events', ru: 'Мероприятия' },
    research: { 'zh-Hans': '科研', en: 'Research', ru: 'Наука' },
  },
  sourceKind: {
    'news-agency': { 'zh-Hans': '通讯社', en: 'News agency', ru: 'Информационное агентство' },
    newspaper: { 'zh-Hans': '报纸', en: 'Newspaper', ru: 'Газета' },
    'online-media': { 'zh-Hans': '网络媒体', en: 'Online media', ru: 'Интернет-издание' },
    broadcaster: { 'zh-Hans': '广播电视', en: 'Broadcaster', ru: 'Телерадиокомпания' },
    'university-media': { 'zh-Hans': '高校媒体', en: 'University media', ru: 'Университетские СМИ' },
    government: { 'zh-Hans': '政府机构', en: 'Government', ru: 'Государственный орган' },
    other: { 'zh-Hans': '其他', en: 'Other', ru: 'Другое' },
  },
  institutionKind: {
    university: { 'zh-Hans': '大学', en: 'University', ru: 'Университет' },
    college: { 'zh-Hans': '学院', en: 'College', ru: 'Институт' },
    'government-agency': { 'zh-Hans': '政府部门', en: 'Government agency', ru: 'Государственное ведомство' },
    ministry: { 'zh-Hans': '部委', en: 'Ministry', ru: 'Министерство' },
    'media-organization': { 'zh-Hans': '媒体机构', en: 'Media organization', ru: 'СМИ' },
    other: { 'zh-Hans': '其他', en: 'Other', ru: 'Другое' },
  },
};

const language = (code: string) => code.toLowerCase().split('-')[0];

/** The locales that have names of their own (every value of every group named in them). */
const labelledLocales = (labels: Record<string, Record<string, Names>>): string[] => {
  const values = Object.values(labels).flatMap((group) => Object.values(group));
  const candidates = [...new Set(values.flatMap((names) => Object.keys(names)))];
  return candidates.filter((code) => values.every((names) => typeof names[code] === 'string' && names[code].trim() !== ''));
};

/**
 * Whose names `locale` gets: its own when every value has one; else those of a labelled locale
 * of the same language; else English.
 */
export const labelSource = (locale: string, labels: Record<string, Record<string, Names>> = LABELS): string => {
  const labelled = labelledLocales(labels);
  if (labelled.includes(locale)) return locale;
  return labelled.find((code) => language(code) === language(locale)) ?? FALLBACK_LABEL_LOCALE;
};

/** Enumeration values without an English name (each one stops start-up): "section: gossip". */
export const missingLabels = (enums: Record<LabelGroup, string[]>, labels: Record<string, Record<string, Names>> = LABELS): string[] =>
  (Object.keys(enums) as LabelGroup[]).flatMap((group) =>
    enums[group].filter((value) => !labels[group]?.[value]?.[FALLBACK_LABEL_LOCALE]?.trim()).map((value) => `${group}: ${value}`)
  );

export interface LocaleEntry {
  code: string;
  /** in its own language (简体中文, English, русский) */
  name: string;
  englishName: string;
  isDefault: boolean;
}
export interface LabelledValue {
  key: string;
  names: Names;
}
export interface SiteLabels {
  data: {
    locales: LocaleEntry[];
    defaultLocale: string;
    sections: LabelledValue[];
    kinds: { source: LabelledValue[]; institution: LabelledValue[] };
  };
  meta: { labelFallbacks: Record<string, string> };
}

const displayName = (code: string, inLocale: string) => {
  try {
    return new Intl.DisplayNames([inLocale], { type: 'language', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
};

/**
 * GET /api/site's body: the locales in configured order (each named in its own language and in
 * English), the default one, and every enumeration value named in every locale. `enums` are the
 * values as the schemas have them, in their order.
 */
export const siteLabels = (
  { locales, defaultLocale, enums }: { locales: string[]; defaultLocale: string; enums: Record<LabelGroup, string[]> },
  labels: Record<string, Record<string, Names>> = LABELS
): SiteLabels => {
  const sources = Object.fromEntries(locales.map((code) => [code, labelSource(code, labels)]));
  const label = (group: LabelGroup) =>
    enums[group].map((key) => ({
      key,
      names: Object.fromEntries(
        locales.map((code) => [code, labels[group]?.[key]?.[sources[code]] ?? labels[group]?.[key]?.[FALLBACK_LABEL_LOCALE] ?? key])
      ),
    }));
  return {
    data: {
      locales: locales.map((code) => ({ code, name: displayName(code, code), englishName: displayName(code, 'en'), isDefault: code === defaultLocale })),
      defaultLocale,
      sections: label('section'),
      kinds: { source: label('sourceKind'), institution: label('institutionKind') },
    },
    meta: { labelFallbacks: Object.fromEntries(Object.entries(sources).filter(([code, from]) => code !== from)) },
  };
};
