import * as React from 'react';

import { Badge, Flex, Typography } from '@strapi/design-system';
import { getFetchClient, useQueryParams } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import type { DocumentStatus, VersionStatus } from '../../../server/src/domain/list-status';
import { getTranslation } from '../utils/getTranslation';

export interface StatusAnswer {
  data: Record<string, DocumentStatus>;
  meta: { today: string; expiringWithinDays: number };
}

/**
 * POST /reprint-attribution/status: each document's draft and published version in a locale,
 * what is missing already named in the admin's language. With no documents it answers the
 * window of "expiring" (meta) only.
 */
export const fetchStatus = async (contentType: string, documentIds: string[], locale?: string): Promise<StatusAnswer> => {
  const response: any = await getFetchClient().post('/reprint-attribution/status', { contentType, documentIds, locale: locale || undefined });
  return response.data as StatusAnswer;
};

// The cells of one list page ask together: one request for the page, not one per row.
const pending = new Map<string, Array<(status: DocumentStatus | null) => void>>();
let timer: ReturnType<typeof setTimeout> | null = null;
const keyOf = (model: string, locale: string, documentId: string) => `${model}|${locale}|${documentId}`;

const flush = async () => {
  timer = null;
  const batch = new Map(pending);
  pending.clear();
  const groups = new Map<string, string[]>();
  for (const key of batch.keys()) {
    const [model, locale, documentId] = key.split('|');
    groups.set(`${model}|${locale}`, [...(groups.get(`${model}|${locale}`) ?? []), documentId]);
  }
  for (const [group, documentIds] of groups) {
    const [model, locale] = group.split('|');
    let statuses: Record<string, DocumentStatus> = {};
    try {
      statuses = (await fetchStatus(model, documentIds, locale)).data;
    } catch {
      statuses = {};
    }
    for (const documentId of documentIds) {
      for (const resolve of batch.get(keyOf(model, locale, documentId)) ?? []) resolve(statuses[documentId] ?? null);
    }
  }
};

const loadStatus = (model: string, locale: string, documentId: string) =>
  new Promise<DocumentStatus | null>((resolve) => {
    const key = keyOf(model, locale, documentId);
    pending.set(key, [...(pending.get(key) ?? []), resolve]);
    timer ??= setTimeout(flush, 30);
  });

const Line = ({ children, color, testId }: { children: React.ReactNode; color: string; testId: string }) => (
  <Typography variant="pi" textColor={color} data-testid={testId} style={{ whiteSpace: 'normal', overflowWrap: 'break-word' }}>
    {children}
  </Typography>
);

type Query = { status?: string; filters?: { $and?: Array<Record<string, any>> } };

/**
 * The versions the list shows, as the server's filter reads them (domain/list-status.ts
 * listViewOf): the published view (`status=published`, or Strapi's status filter `published…`)
 * lists published versions; the default view, drafts and published versions.
 */
const viewOf = (query: Query | undefined): 'draft' | 'published' => {
  if (query?.status === 'published') return 'published';
  const and = Array.isArray(query?.filters?.$and) ? query!.filters!.$and! : [];
  const status = and.map((entry) => (entry && typeof entry === 'object' ? entry.__status?.$eq : undefined)).find((value) => typeof value === 'string');
  return typeof status === 'string' && status.startsWith('published') ? 'published' : 'draft';
};

/**
 * The list view's "Attribution" cell, in words, from the server's status of each version (the
 * report's: expired, incomplete, expiring, complete), the one the list's filter keeps documents
 * by, so a row shows exactly the statuses under which the filter lists it: "Complete" when every
 * version shown is complete; incomplete with what is missing (as the form names the fields);
 * the published version's state (what readers and the report see); the permission's end when it
 * is near or past; — for own stories. The published view shows the published version only, as
 * its filter.
 */
export const ListStatusCell = ({ documentId, model, locale }: { documentId: string; model: string; locale?: string }) => {
  const { formatMessage, formatDate } = useIntl();
  const [{ query }] = useQueryParams<Query>();
  const view = viewOf(query);
  const [status, setStatus] = React.useState<DocumentStatus | null | undefined>(undefined);
  React.useEffect(() => {
    let cancelled = false;
    loadStatus(model, locale ?? '', documentId).then((result) => !cancelled && setStatus(result));
    return () => {
      cancelled = true;
    };
  }, [model, locale, documentId]);

  const t = (key: string, defaultMessage: string, values?: Record<string, React.ReactNode>) => formatMessage({ id: getTranslation(key), defaultMessage }, values as any);
  const list = (labels: string[]) => labels.join(t('list.separator', ', '));

  if (status === undefined) return <Typography textColor="neutral500">…</Typography>;
  const draft: VersionStatus | null = view === 'draft' && status?.isReprint ? status : null;
  const published = status?.published?.isReprint ? status.published : null;
  // The version readers see first.
  const shown = [published, draft].filter((version): version is VersionStatus => Boolean(version));
  if (shown.length === 0) {
    return <Typography textColor="neutral500" data-testid="attribution-own">{t('list.notReprint', '—')}</Typography>;
  }

  const lines: React.ReactNode[] = [];
  if (shown.every((version) => version.status === 'complete')) {
    lines.push(
      <Badge key="complete" active data-testid="attribution-complete">
        {t('list.complete', 'Complete')}
      </Badge>
    );
  }
  if (draft?.status === 'incomplete') {
    lines.push(
      <Line key="draft" color="danger600" testId="attribution-incomplete">
        {t('list.incompleteFields', 'Incomplete: {fields}', { fields: list(draft.missingLabels) })}
      </Line>
    );
  }
  if (published?.status === 'incomplete') {
    lines.push(
      <Line key="published" color="danger600" testId="attribution-published-incomplete">
        {t('list.publishedIncomplete', 'Published version incomplete: {fields}', { fields: list(published.missingLabels) })}
      </Line>
    );
  }
  // The permission's end, once per status (expired, expiring): the version readers see first.
  for (const kind of ['expired', 'expiring'] as const) {
    const permission = shown.find((version) => version.status === kind)?.permission;
    if (!permission) continue;
    const date = formatDate(`${permission.expiresAt}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' });
    lines.push(
      kind === 'expired' ? (
        <Line key="expired" color="danger600" testId="attribution-permission-expired">
          {t('list.permissionExpired', 'Permission expired on {date}', { date })}
        </Line>
      ) : (
        <Line key="expiring" color="warning600" testId="attribution-permission-expiring">
          {t('list.permissionExpiring', 'Permission expires in {days, plural, one {# day} other {# days}} ({date})', { days: permission.daysLeft, date })}
        </Line>
      )
    );
  }
  // What fixes a live version that fails the rules while its draft passes them: publishing the draft again.
  const draftPasses = status?.isReprint && (status.status === 'complete' || status.status === 'expiring');
  if (draftPasses && (published?.status === 'incomplete' || published?.status === 'expired')) {
    lines.push(
      <Line key="hint" color="neutral600" testId="attribution-republish">
        {t('list.republish', 'The draft is complete: publish it again')}
      </Line>
    );
  }
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} minWidth="15rem" maxWidth="24rem" data-testid="attribution-cell" data-document-id={documentId}>
      {lines}
    </Flex>
  );
};
