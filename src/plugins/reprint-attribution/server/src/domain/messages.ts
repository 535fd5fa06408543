import { en } from './languages/en';
import { languagePack, type MessageParams } from './languages';
import type { EditorWords, RequirementKey } from './languages/types';
import { ruleSetName } from './rule-sets';
import type { Problem, RuleSetSettings } from './types';

/**
 * The problem with its message in the admin's language (languages/*.ts; English, the rules' own,
 * when the language has none for it). Paths and codes are the same in every language.
 */
export const localizeProblem = (problem: Problem, language: string | null | undefined, ruleSets?: RuleSetSettings): Problem => {
  const pack = languagePack(language);
  const params: MessageParams = { ...(problem.params ?? {}) };
  if (problem.ruleSet) params.setName = ruleSetName(ruleSets, problem.ruleSet, pack.code);
  const messages = pack.messages ?? {};
  const message = Object.prototype.hasOwnProperty.call(messages, problem.code) ? messages[problem.code](params) : undefined;
  return message ? { ...problem, message } : problem;
};

const ENGLISH = en.editor as EditorWords;

/** The words around problems in a language: the pack's own, English for what it leaves out. */
export const editorWords = (language: string | null | undefined): EditorWords & { code: string } => {
  const pack = languagePack(language);
  const own = pack.editor ?? {};
  return { ...ENGLISH, ...own, fields: { ...ENGLISH.fields, ...(own.fields ?? {}) }, code: pack.code };
};

/** A requirement named as the form names its field, in a language. */
export const fieldName = (key: RequirementKey | string, language: string | null | undefined): string => {
  const fields = editorWords(language).fields as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : key;
};

/** What a refusal is about: one document's publish, a bulk publish, or a source's unpublish/delete. */
export type RefusalKind = 'publish' | 'bulkPublish' | 'citedSource';

/** A problem as a refusal's summary names it: its message (localized), code, and where it is. */
export interface RefusedProblem {
  message: string;
  /** `originalUrl.required`: the part before the dot is the requirement, named by its label */
  code?: string;
  /** the edition, when a refusal covers several */
  locale?: string;
  /** the document's name, in a bulk publish */
  document?: string;
}

/**
 * How long a refusal's summary may be: the app bounds error messages to 300 characters
 * (src/lib/error-bounds.ts) and cuts a longer one with English words, so the summary stops
 * before, with the language's own "and N more".
 */
export const REFUSAL_BUDGET = 280;
/** A reprint's title in a bulk refusal's summary is cut to this length. */
const TITLE_BUDGET = 40;

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * A refusal's one-line summary (the error's `message`, which the Content Manager shows in its
 * notification): one problem is its own message; several get the lead-in of the admin's language
 * and the fields named as the form labels them, each once with the editions it is missing in
 * ("Source (en, ru, zh-Hans)"), each field's own message being next to it in the form
 * (`details.errors[]`, whose paths do not change). A bulk publish names each reprint (its title
 * shortened), a cited source each reprint's message. It stops within REFUSAL_BUDGET characters
 * with the language's "and N more" (N: the fields, or the cited reprints, left unnamed).
 */
export const refusalSummary = (kind: RefusalKind, problems: RefusedProblem[], language: string | null | undefined): string => {
  if (problems.length === 1) return cut(problems[0].message, REFUSAL_BUDGET);
  const words = editorWords(language);
  // Each group (a reprint of a bulk publish, or the one document) and the names in it, in order.
  const groups: Array<{ heading: string; names: string[] }> = [];
  if (kind === 'citedSource') {
    groups.push({ heading: '', names: problems.map((problem) => problem.message) });
  } else {
    const fields = words.fields as Record<string, string>;
    const byDocument = new Map<string, Map<string, string[]>>();
    for (const problem of problems) {
      const key = (problem.code ?? '').split('.')[0];
      const label = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : problem.message;
      const named = byDocument.get(problem.document ?? '') ?? new Map<string, string[]>();
      const locales = named.get(label) ?? [];
      if (problem.locale && !locales.includes(problem.locale)) locales.push(problem.locale);
      named.set(label, locales);
      byDocument.set(problem.document ?? '', named);
    }
    for (const [document, named] of byDocument) {
      groups.push({
        heading: document ? `“${cut(document, TITLE_BUDGET)}”: ` : '',
        names: [...named.entries()].map(([label, locales]) => (locales.length > 0 ? words.withLocales(label, locales) : label)),
      });
    }
  }
  const between = kind === 'citedSource' ? words.groupSeparator : words.separator;
  const lead = kind === 'publish' ? words.refusal : kind === 'bulkPublish' ? words.refusalMany : words.refusalCitedSource;
  const total = groups.reduce((sum, group) => sum + group.names.length, 0);
  // Room kept for the "and N more" the summary may end with (at its longest).
  const room = REFUSAL_BUDGET - words.andMore(total).length;
  let text = lead;
  let named = 0;
  outer: for (const [index, group] of groups.entries()) {
    for (const [position, name] of group.names.entries()) {
      const before = position > 0 ? between : `${index > 0 && named > 0 ? words.groupSeparator : ''}${group.heading}`;
      const first = text === lead;
      // The first name is cut to fit rather than dropped, so a summary always names something.
      const piece = first ? cut(`${before}${name}`, Math.max(room - text.length, 1)) : `${before}${name}`;
      if (text.length + piece.length > room) break outer;
      text += piece;
      named += 1;
    }
  }
  return named < total ? `${text}${words.andMore(total - named)}` : text;
};

/** A date (YYYY-MM-DD) as the language writes it, e.g. January 10, 2099, 2099年1月10日, 10 января 2099 г. */
export const formatDay = (day: string, language: string): string => {
  try {
    return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
  } catch {
    return day;
  }
};
