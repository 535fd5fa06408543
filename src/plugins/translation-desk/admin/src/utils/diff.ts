/**
 * What changed between two versions of a text, as the common start, the changed middle of each
 * and the common end: enough to show an editor where a corrected original differs (a title's
 * word, a sentence of the body) without a diff library. Long common parts are cut to their
 * nearest `context` characters.
 */
export interface TextChange {
  prefix: string;
  removed: string;
  added: string;
  suffix: string;
  cutStart: boolean;
  cutEnd: boolean;
}

export const textChange = (before: string | null | undefined, after: string | null | undefined, context = 80): TextChange => {
  const a = Array.from(before ?? '');
  const b = Array.from(after ?? '');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  const prefix = a.slice(0, start);
  const suffix = a.slice(a.length - end);
  return {
    prefix: prefix.slice(Math.max(0, prefix.length - context)).join(''),
    removed: a.slice(start, a.length - end).join(''),
    added: b.slice(start, b.length - end).join(''),
    suffix: suffix.slice(0, context).join(''),
    cutStart: prefix.length > context,
    cutEnd: suffix.length > context,
  };
};
