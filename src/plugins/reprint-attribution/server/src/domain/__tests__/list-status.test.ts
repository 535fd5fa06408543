import { buildAttribution } from '../attribution';
import { listFilterProblems, listViewOf, matchesListFilter, missingLabelsOf, versionStatus, type VersionStatus } from '../list-status';
import { fieldName } from '../messages';
import type { AttributionInput } from '../types';
import { permissionReprint, reference, settings, TODAY } from './fixtures';

const window = { today: TODAY, until: '2025-12-25' };
const statusOf = (input: AttributionInput, language = 'en') =>
  versionStatus(buildAttribution(input, settings(), TODAY), input.reprint, window, (key) => {
    const label = fieldName(key, language);
    return label === key ? undefined : label;
  });
const withPermission = (expires: string) => {
  const input = permissionReprint('en');
  return { ...input, reprint: { ...input.reprint, permissionExpiresAt: expires } } as AttributionInput;
};
const own = statusOf({ ...reference('en'), reprint: { isReprint: false } } as AttributionInput);

describe('the list column: a version’s status by the rules and the report’s statuses', () => {
  it('names what is missing as the form does, in the admin’s language, once each', () => {
    const input = reference('en', { source: null });
    input.reprint = { ...input.reprint, originalTitle: null };
    expect(statusOf(input)).toMatchObject({ isReprint: true, complete: false, status: 'incomplete', missing: ['source', 'reprint.originalTitle'], missingLabels: ['Source', 'Original title'] });
    expect(statusOf(input, 'zh-Hans').missingLabels).toEqual(['来源', '原标题']);
    expect(statusOf(input, 'ru').missingLabels).toEqual(['Источник', 'Заголовок оригинала']);
    // a problem the language has no label for keeps its path
    expect(missingLabelsOf([{ path: ['reprint', 'oddity'], code: 'oddity.required', message: '', severity: 'error' }], () => undefined)).toEqual(['reprint.oddity']);
  });

  it('gives a permission’s state as the report does: expired on its last day, expiring within the window', () => {
    expect(statusOf(withPermission('2026-09-01'))).toMatchObject({ status: 'complete', permission: { expiresAt: '2026-09-01' } });
    expect(statusOf(withPermission('2025-12-01'))).toMatchObject({ status: 'expiring', complete: true, permission: { daysLeft: 6 } });
    // the rules refuse a permission that ends today: expired, and incomplete
    expect(statusOf(withPermission(TODAY))).toMatchObject({ status: 'expired', complete: false, missingLabels: [fieldName('permissionExpiresAt', 'en')] });
    expect(own).toMatchObject({ isReprint: false, status: null, permission: null, missingLabels: [] });
  });
});

describe('the list filter', () => {
  const complete = statusOf(reference('en'));
  const incomplete = statusOf(reference('en', { source: null }));
  const expiring = statusOf(withPermission('2025-12-01'));
  const expired = statusOf(withPermission('2025-11-01'));
  const all = ['expired', 'incomplete', 'expiring', 'complete'] as const;
  const matches = (draft: VersionStatus | null, published: VersionStatus | null, view: 'draft' | 'published') =>
    all.filter((filter) => matchesListFilter({ draft, published }, filter, view));

  it('sees the published version as well as the draft in the default view', () => {
    // the case: a published reprint whose live version lost its source, its draft complete
    expect(matches(complete, incomplete, 'draft')).toEqual(['incomplete']);
    expect(matches(incomplete, null, 'draft')).toEqual(['incomplete']);
    expect(matches(complete, complete, 'draft')).toEqual(['complete']);
    expect(matches(expiring, expired, 'draft')).toEqual(['expired', 'expiring']);
  });

  it('goes by the status, not the rules’ verdict: an expiring reprint is complete but not under "complete", a lapsed one is under "expired" only', () => {
    expect(expiring).toMatchObject({ complete: true, status: 'expiring' });
    expect(matches(expiring, expiring, 'draft')).toEqual(['expiring']);
    expect(expired).toMatchObject({ complete: false, status: 'expired' });
    expect(matches(expired, expired, 'draft')).toEqual(['expired']);
    expect(matches(complete, expired, 'draft')).toEqual(['expired']);
    expect(matches(complete, expiring, 'published')).toEqual(['expiring']);
  });

  it('sees the published version only in the published view', () => {
    expect(matches(incomplete, complete, 'published')).toEqual(['complete']);
    expect(matches(complete, incomplete, 'published')).toEqual(['incomplete']);
    expect(matches(complete, null, 'published')).toEqual([]);
  });

  it('never keeps own stories', () => {
    expect(matches(own, own, 'draft')).toEqual([]);
    expect(matches(own, incomplete, 'draft')).toEqual(['incomplete']);
  });

  it('reads the view from the Content Manager’s query', () => {
    expect(listViewOf({})).toBe('draft');
    expect(listViewOf({ status: 'published' })).toBe('published');
    expect(listViewOf({ filters: { $and: [{ title: { $eq: 'x' } }, { __status: { $eq: 'published-modified' } }] } })).toBe('published');
    expect(listViewOf({ filters: { $and: [{ __status: { $eq: 'draft' } }] } })).toBe('draft');
  });

  it('refuses values it does not know, naming where they came from', () => {
    const paths = { filter: ['filter'], locale: ['locale'], view: ['status'] };
    expect(listFilterProblems({ filter: 'incomplete', locale: 'zh-Hans', view: 'published' }, paths)).toEqual([]);
    expect(listFilterProblems({ filter: 'broken', locale: ['en'], view: 'archived' }, paths).map((problem) => problem.path)).toEqual([['filter'], ['locale'], ['status']]);
    expect(listFilterProblems({ filter: { $ne: null } }, paths)).toEqual([expect.objectContaining({ path: ['filter'] })]);
  });
});
