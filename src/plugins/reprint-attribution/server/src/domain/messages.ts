import { languagePack, type MessageParams } from './languages';
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
