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
 * A refusal's one-line summary (the error's `message`, which the Content Manager shows in its
 * notification; the app bounds it to 300 characters): one problem is its own message; several
 * get the lead-in of the admin's language and the fields named as the form labels them ("Source,
 * Original URL"), each field's own message being next to it in the form (`details.errors[]`,
 * whose paths do not change). A bulk publish names each reprint, a cited source each reprint's
 * message.
 */
export const refusalSummary = (kind: RefusalKind, problems: RefusedProblem[], language: string | null | undefined): string => {
  if (problems.length === 1) return problems[0].message;
  const words = editorWords(language);
  if (kind === 'citedSource') return `${words.refusalCitedSource}${problems.map((problem) => problem.message).join(words.groupSeparator)}`;
  const fields = words.fields as Record<string, string>;
  const named = (problem: RefusedProblem) => {
    const key = (problem.code ?? '').split('.')[0];
    const label = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : problem.message;
    return problem.locale ? `[${problem.locale}] ${label}` : label;
  };
  const groups = new Map<string, string[]>();
  for (const problem of problems) {
    const group = groups.get(problem.document ?? '') ?? [];
    const name = named(problem);
    if (!group.includes(name)) group.push(name);
    groups.set(problem.document ?? '', group);
  }
  const listed = [...groups.entries()].map(([document, names]) => `${document ? `“${document}”: ` : ''}${names.join(words.separator)}`);
  return `${kind === 'publish' ? words.refusal : words.refusalMany}${listed.join(words.groupSeparator)}`;
};

/** A date (YYYY-MM-DD) as the language writes it, e.g. January 10, 2099, 2099年1月10日, 10 января 2099 г. */
export const formatDay = (day: string, language: string): string => {
  try {
    return new Intl.DateTimeFormat(language, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
  } catch {
    return day;
  }
};
