import { LICENSES, REPRINT_TYPES } from '../types';
import { validateTemplate } from '../templates';
import { en } from './en';
import { ru } from './ru';
import type { LanguagePack } from './types';
import { zhHans } from './zh-Hans';

export type { EditorWords, LanguagePack, MessageParams, RequirementKey } from './types';
export { REQUIREMENT_KEYS } from './types';

/** The languages the plugin writes out of the box. */
export const BUILT_IN_LANGUAGES: readonly LanguagePack[] = [zhHans, en, ru];

let packs = new Map<string, LanguagePack>(BUILT_IN_LANGUAGES.map((pack) => [pack.code, pack]));

/** Adds or replaces packs (the plugin's config `languages`), on top of the built-in ones. */
export const useLanguagePacks = (extra: readonly LanguagePack[]) => {
  packs = new Map<string, LanguagePack>(BUILT_IN_LANGUAGES.map((pack) => [pack.code, pack]));
  // A pack without messages keeps the English ones.
  for (const pack of extra) packs.set(pack.code, { ...pack, messages: pack.messages ?? {} });
};

/** Every language the plugin writes now. */
export const languagePacks = (): LanguagePack[] => [...packs.values()];

const base = (code: string) => code.toLowerCase().split('-')[0];

/**
 * The pack that writes for a locale or an admin language: its own (ja), that of the locale it
 * narrows (zh-Hans-CN → zh-Hans), that of its language (zh, zh-CN → zh-Hans), else English.
 */
export const languagePack = (locale: string | null | undefined): LanguagePack => {
  const code = (locale ?? '').trim();
  if (code) {
    const parts = code.split('-');
    for (const candidate of [code, parts.slice(0, 2).join('-'), parts[0]]) {
      const found = packs.get(candidate);
      if (found) return found;
    }
    const sameLanguage = [...packs.values()].find((pack) => base(pack.code) === base(code));
    if (sameLanguage) return sameLanguage;
  }
  return packs.get('en') ?? en;
};

/** The default credit-line template of every language the plugin writes, by locale. */
export const defaultTemplates = (): Record<string, string> => Object.fromEntries(languagePacks().map((pack) => [pack.code, pack.template]));

/** The reprint the settings page previews a template on, in a locale. */
export const sampleInput = (locale: string) => ({ ...languagePack(locale).sample, locale });

/** Why a language pack (the config's `languages`) cannot be used: one message per problem. */
export const languagePackProblems = (pack: unknown, index: number): string[] => {
  const where = `languages[${index}]`;
  if (!pack || typeof pack !== 'object') return [`${where} must be a language pack object (see domain/languages/types.ts)`];
  const value = pack as Partial<LanguagePack>;
  const problems: string[] = [];
  if (typeof value.code !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value.code)) problems.push(`${where}.code must be a locale code such as ja or zh-Hant`);
  for (const error of validateTemplate(value.template)) problems.push(`${where}.template: ${error.message}`);
  for (const [key, expected] of [['licenses', LICENSES], ['reprintTypes', REPRINT_TYPES]] as const) {
    const table = value[key] as Record<string, unknown> | undefined;
    const missing = expected.filter((name) => !table || !Object.prototype.hasOwnProperty.call(table, name));
    if (missing.length > 0) problems.push(`${where}.${key} must name ${missing.join(', ')}`);
  }
  if (!value.languageNames || typeof value.languageNames !== 'object') problems.push(`${where}.languageNames must be an object of language code → name`);
  if (value.messages !== undefined && (typeof value.messages !== 'object' || Object.values(value.messages).some((message) => typeof message !== 'function'))) {
    problems.push(`${where}.messages must map problem codes to functions`);
  }
  const EDITOR_FUNCTIONS = ['permissionUntil', 'withLocales', 'andMore'];
  if (
    value.editor !== undefined &&
    (!value.editor || typeof value.editor !== 'object' || EDITOR_FUNCTIONS.some((name) => (value.editor as Record<string, unknown>)[name] !== undefined && typeof (value.editor as Record<string, unknown>)[name] !== 'function'))
  ) {
    problems.push(`${where}.editor must be an object of refusal lead-ins and field names (${EDITOR_FUNCTIONS.join(', ')} functions)`);
  }
  if (!value.sample || typeof value.sample !== 'object') problems.push(`${where}.sample must be a reprint to preview templates on`);
  return problems;
};
