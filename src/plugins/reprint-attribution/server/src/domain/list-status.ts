import type { Attribution } from './attribution';
import { REPORT_STATUSES, reportStatus, type ReportStatus } from './report';
import type { Problem } from './types';
import { needsPermission } from './vocabulary';

/**
 * The Content Manager's list at a glance: the status of a document's draft and of its published
 * version in one locale, and the list's attribution filter. Pure; services/list-status.ts loads
 * the rows and computes each version's attribution with the rules the content API, the report
 * and the publish check use (buildAttribution).
 */

/**
 * What the list can be filtered to: the report's statuses (domain/report.ts), one per version,
 * the most urgent first (expired, incomplete, expiring, complete).
 */
export const LIST_FILTERS = REPORT_STATUSES;
export type ListFilter = ReportStatus;

/**
 * Which versions the list shows: its default view lists each document by its draft (and shows
 * its status: draft, modified, published); the "published" view (Strapi's status filter
 * `published`, `published-modified`, `published-unmodified`) lists published versions.
 */
export type ListView = 'draft' | 'published';

export interface PermissionStatus {
  /** YYYY-MM-DD */
  expiresAt: string;
  /** from today, in the newsroom's time zone; 0 or less once lapsed */
  daysLeft: number;
}

export interface VersionStatus {
  isReprint: boolean;
  /** publishing (again) would pass the rules (an expiring permission passes, a lapsed one does not) */
  complete: boolean;
  /**
   * the report's status of this version; null for an own story. The list's filter and the
   * column's words go by this, not by `complete`: an expiring reprint is complete but not
   * "complete", a lapsed one incomplete but "expired"
   */
  status: ReportStatus | null;
  /** field paths, as problems name them (the type's own field names) */
  missing: string[];
  /** the same requirements, as the form names them, in the admin's language */
  missingLabels: string[];
  /** a permission that lapses (a licence that needs one, not perpetual); null otherwise */
  permission: PermissionStatus | null;
}

/** A document in one locale: its draft (the fields) and its published version, if any. */
export interface DocumentStatus extends VersionStatus {
  published: VersionStatus | null;
}

/** The day statuses are computed for and the last day of the "expiring" window (the report's). */
export interface Today {
  today: string;
  until: string;
}

type ReprintValues = { isReprint?: boolean | null; license?: string | null; permissionPerpetual?: boolean | null; permissionExpiresAt?: string | null } | null | undefined;

const day = (value: unknown) => (value ? String(value).slice(0, 10) : null);

/** When a reprint's permission lapses: for a licence that needs one and a grant that is not perpetual. */
export const lapsesOn = (reprint: ReprintValues): string | null =>
  reprint?.isReprint && !reprint.permissionPerpetual && needsPermission(reprint.license) ? day(reprint.permissionExpiresAt) : null;

/**
 * The requirement a problem is about (`source.required` → `source`, `originalTitle.required` →
 * `originalTitle`): its code's first part, which names it whatever the type calls the field.
 */
export const requirementOf = (problem: Pick<Problem, 'code' | 'path'>): string => problem.code.split('.')[0] || problem.path[problem.path.length - 1];

/** The errors' requirements, once each, in the rules' order, named by `label` (else by their path). */
export const missingLabelsOf = (problems: Problem[], label: (requirement: string) => string | undefined): string[] => {
  const labels: string[] = [];
  for (const problem of problems) {
    if (problem.severity !== 'error') continue;
    const name = label(requirementOf(problem)) ?? problem.path.join('.');
    if (!labels.includes(name)) labels.push(name);
  }
  return labels;
};

/** One version's status from its attribution (buildAttribution: the rules) and its reprint values. */
export const versionStatus = (
  attribution: Pick<Attribution, 'isReprint' | 'complete' | 'missing' | 'problems'>,
  reprint: ReprintValues,
  { today, until }: Today,
  label: (requirement: string) => string | undefined
): VersionStatus => {
  const lapses = attribution.isReprint ? lapsesOn(reprint) : null;
  return {
    isReprint: attribution.isReprint,
    complete: attribution.complete,
    status: attribution.isReprint ? reportStatus({ complete: attribution.complete, permissionExpiresAt: lapses, today, until }) : null,
    missing: attribution.missing,
    missingLabels: missingLabelsOf(attribution.problems, label),
    permission: lapses ? { expiresAt: lapses, daysLeft: Math.round((Date.parse(lapses) - Date.parse(today)) / 86400000) } : null,
  };
};

/** A document's versions in one locale; null where it has none (or it is not loaded). */
export interface Versions {
  draft: VersionStatus | null;
  published: VersionStatus | null;
}

/**
 * Whether a document belongs in the filtered list, by the versions the view shows: the draft and
 * the published version in the default view (a published reprint whose live version lost its
 * source is incomplete even when its draft is not), the published version in the published view.
 * A document matches a status when one of those versions has it; `complete` when all of them
 * that are reprints are complete.
 */
export const matchesListFilter = ({ draft, published }: Versions, filter: ListFilter, view: ListView): boolean => {
  const versions = (view === 'published' ? [published] : [draft, published]).filter((version): version is VersionStatus => Boolean(version?.isReprint));
  if (filter === 'complete') return versions.length > 0 && versions.every((version) => version.status === 'complete');
  return versions.some((version) => version.status === filter);
};

/** A request for the filtered list, as it arrives (query string or body), or the problems with their paths. */
export interface ListFilterRequest {
  contentType: string;
  filter: ListFilter;
  locale?: string;
  view: ListView;
}

export interface PathProblemLike {
  path: string[];
  message: string;
  value?: unknown;
}

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The one validation of a list filter's values, wherever they arrive (the plugin's route, the Content Manager's list). */
export const listFilterProblems = (
  input: { filter?: unknown; locale?: unknown; view?: unknown },
  paths: { filter: string[]; locale: string[]; view: string[] }
): PathProblemLike[] => {
  const problems: PathProblemLike[] = [];
  if (typeof input.filter !== 'string' || !(LIST_FILTERS as readonly string[]).includes(input.filter)) {
    problems.push({ path: paths.filter, message: `The attribution filter must be one of ${LIST_FILTERS.join(', ')}`, value: input.filter });
  }
  if (input.locale !== undefined && (typeof input.locale !== 'string' || !LOCALE.test(input.locale))) {
    problems.push({ path: paths.locale, message: 'locale must be a locale code such as en or zh-Hans', value: input.locale });
  }
  if (input.view !== undefined && input.view !== 'draft' && input.view !== 'published') {
    problems.push({ path: paths.view, message: 'status must be draft or published', value: input.view });
  }
  return problems;
};

/** The list's view from the Content Manager's query: `status`, or its status filter (`filters.$and[].__status.$eq`). */
export const listViewOf = (query: { status?: unknown; filters?: { $and?: unknown } } | null | undefined): ListView => {
  if (query?.status === 'published') return 'published';
  const and = Array.isArray(query?.filters?.$and) ? (query?.filters?.$and as unknown[]) : [];
  const status = and.map((entry) => (entry && typeof entry === 'object' ? (entry as any).__status?.$eq : undefined)).find((value) => typeof value === 'string');
  return typeof status === 'string' && status.startsWith('published') ? 'published' : 'draft';
};
