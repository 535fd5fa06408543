import * as React from 'react';

import { useForm } from '@strapi/strapi/admin';

import type { LiveAttribution } from '../types';

type Tree = Record<string, unknown>;

/** The paths of a form's errors object ({ reprint: { originalUrl: 'msg' } } → reprint.originalUrl). */
const errorPaths = (errors: unknown, prefix: string[] = []): string[] => {
  if (typeof errors === 'string') return [prefix.join('.')];
  if (!errors || typeof errors !== 'object') return [];
  return Object.entries(errors as Tree).flatMap(([key, value]) => errorPaths(value, [...prefix, key]));
};

const valueAt = (values: unknown, path: string) =>
  path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Tree)[key] : undefined), values);

/** The errors object without some paths (and without what they leave empty). */
const without = (errors: unknown, paths: Set<string>, prefix: string[] = []): unknown => {
  if (!errors || typeof errors !== 'object') return errors;
  const out: Tree = {};
  for (const [key, value] of Object.entries(errors as Tree)) {
    const path = [...prefix, key];
    if (paths.has(path.join('.'))) continue;
    const kept = without(value, paths, path);
    if (kept && typeof kept === 'object' && Object.keys(kept).length === 0) continue;
    out[key] = kept;
  }
  return out;
};

/**
 * Setting the form's errors makes Strapi's Form focus the first field still in error (after a
 * tick): the field the editor is typing in keeps the focus, its caret and the scroll position.
 */
const keepFocus = () => {
  const active = document.activeElement as HTMLElement | null;
  if (!active || active === document.body) return;
  const input = active as HTMLInputElement;
  let scroller: HTMLElement | null = active.parentElement;
  while (scroller && !(scroller.scrollHeight > scroller.clientHeight && /(auto|scroll)/.test(getComputedStyle(scroller).overflowY))) scroller = scroller.parentElement;
  const top = scroller?.scrollTop;
  const onFocus = (event: FocusEvent) => {
    const target = event.target as HTMLElement | null;
    const describedBy = target?.getAttribute?.('aria-describedby');
    // only the Form's own move to a field in error is undone, never the editor's
    if (!target || target === active || !describedBy || !document.getElementById(describedBy)?.hasAttribute('data-strapi-field-error')) return;
    if (!active.isConnected) return;
    // at once, with the caret where the editor's typing has left it by now
    const selection = typeof input.selectionStart === 'number' ? [input.selectionStart, input.selectionEnd ?? input.selectionStart] : null;
    active.focus({ preventScroll: true });
    if (selection) input.setSelectionRange?.(selection[0], selection[1]);
    if (scroller && top !== undefined) scroller.scrollTop = top;
  };
  document.addEventListener('focusin', onFocus, true);
  setTimeout(() => document.removeEventListener('focusin', onFocus, true), 500);
};

/**
 * A refused publish marks its fields in red (the Content Manager sets the form's errors from
 * the refusal's paths). Once the editor has changed such a field and the live check no longer
 * reports a problem there, its red error goes: only fields the plugin checks, only after they
 * changed (a problem the live check cannot see, such as an unpublished source, stays until the
 * field changes), and only what that field showed.
 */
export const useClearFixedErrors = (live: { data?: LiveAttribution; values?: Tree }) => {
  const errors = useForm('ReprintAttributionPanel', (state) => state.errors) as Tree;
  const setErrors = useForm('ReprintAttributionPanel', (state) => state.setErrors) as (errors: Tree) => void;
  const values = useForm('ReprintAttributionPanel', (state) => state.values) as Tree;
  // each error's path → the field's value when the error appeared
  const seen = React.useRef(new Map<string, string>());
  const valuesRef = React.useRef(values);
  valuesRef.current = values;

  React.useEffect(() => {
    const next = new Map<string, string>();
    for (const path of errorPaths(errors)) next.set(path, seen.current.get(path) ?? JSON.stringify(valueAt(valuesRef.current, path) ?? null));
    seen.current = next;
  }, [errors]);

  React.useEffect(() => {
    const { data, values: checked } = live;
    if (!data || !checked || seen.current.size === 0) return;
    const checkedPaths = new Set([...(data.checklist ?? []).map((item) => item.path.join('.')), ...data.problems.map((problem) => problem.path.join('.'))]);
    const failing = new Set(data.problems.filter((problem) => problem.severity === 'error').map((problem) => problem.path.join('.')));
    const fixed = new Set(
      [...seen.current.entries()]
        .filter(([path, before]) => checkedPaths.has(path) && !failing.has(path) && JSON.stringify(valueAt(checked, path) ?? null) !== before)
        .map(([path]) => path)
    );
    if (fixed.size === 0) return;
    keepFocus();
    setErrors(without(errors, fixed) as Tree);
  }, [live]); // eslint-disable-line react-hooks/exhaustive-deps
};
