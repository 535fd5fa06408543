import type { RequirementKey } from './languages/types';
import { editorWords, formatDay } from './messages';
import { requirementsOf } from './rules';
import type { AttributionInput, Problem, RuleSetSettings } from './types';

/** One line of the edit view's checklist: a requirement, ticked or not. */
export interface ChecklistItem {
  /** the requirement (rules.ts: requirementsOf), or the last segment of a problem's path for others */
  key: RequirementKey | string;
  /** the field as the form names it, in the admin's language; for a satisfied permission, until when */
  label: string;
  satisfied: boolean;
  /** the field's path in the document (the type's own field names once mapped) */
  path: string[];
  /** why it is not satisfied (the problem's message, in the admin's language) */
  message?: string;
  /** the problem's code when not satisfied */
  code?: string;
  /** something to check although it does not block publishing (e.g. the original URL is a homepage) */
  warning?: string;
  /** the permission item: its expiry date (YYYY-MM-DD), or null when perpetual */
  expiresAt?: string | null;
}

const samePath = (a: string[], b: string[]) => a.length === b.length && a.every((part, index) => part === b[index]);

/**
 * The checklist of a reprint: every requirement of publishing, satisfied or not, named in the
 * admin's language. Whether each is met comes from the problems checkForPublish found (pass them
 * localized), so the rules stay in one place; an error at a path no requirement names (the
 * headline check set to refuse) is listed too. Empty for a document that is not a reprint.
 */
export const buildChecklist = (
  input: AttributionInput,
  problems: Problem[],
  { language, ruleSets, toPath = (path) => path }: { language: string | null | undefined; ruleSets?: RuleSetSettings; toPath?: (path: string[]) => string[] }
): ChecklistItem[] => {
  const words = editorWords(language);
  // The problems may name the type's own fields already (`attribution.originalTitle`): so do the requirements.
  const requirements = requirementsOf(input, { ruleSets }).map(({ key, path }) => ({ key, path: toPath(path) }));
  const items: ChecklistItem[] = requirements.map(({ key, path }) => {
    const error = problems.find((problem) => problem.severity === 'error' && samePath(problem.path, path));
    const warning = problems.find((problem) => problem.severity === 'warning' && samePath(problem.path, path));
    const item: ChecklistItem = { key, label: words.fields[key], satisfied: !error, path };
    if (error) Object.assign(item, { message: error.message, code: error.code });
    if (warning) item.warning = warning.message;
    if (key === 'permissionExpiresAt' && !error) {
      const perpetual = Boolean(input.reprint?.permissionPerpetual);
      const expires = input.reprint?.permissionExpiresAt ? String(input.reprint.permissionExpiresAt).slice(0, 10) : null;
      item.expiresAt = perpetual ? null : expires;
      item.label = perpetual || !expires ? words.permissionPerpetual : words.permissionUntil(formatDay(expires, words.code));
    }
    return item;
  });
  for (const problem of problems) {
    if (problem.severity !== 'error' || items.some((item) => samePath(item.path, problem.path))) continue;
    const key = problem.path[problem.path.length - 1] ?? problem.code;
    const label = (words.fields as Record<string, string>)[key] ?? key;
    items.push({ key, label, satisfied: false, path: problem.path, message: problem.message, code: problem.code });
  }
  return items;
};
