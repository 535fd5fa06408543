import * as React from 'react';

import { Badge, Typography } from '@strapi/design-system';
import { getFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

type Status = { isReprint: boolean; complete: boolean; missing: string[] };

// The cells of one list page ask together: one request for the page, not one per row.
const pending = new Map<string, Array<(status: Status | null) => void>>();
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
    let statuses: Record<string, Status> = {};
    try {
      const response: any = await getFetchClient().post('/reprint-attribution/status', { contentType: model, documentIds, locale: locale || undefined });
      statuses = response.data.data;
    } catch {
      statuses = {};
    }
    for (const documentId of documentIds) {
      for (const resolve of batch.get(keyOf(model, locale, documentId)) ?? []) resolve(statuses[documentId] ?? null);
    }
  }
};

const loadStatus = (model: string, locale: string, documentId: string) =>
  new Promise<Status | null>((resolve) => {
    const key = keyOf(model, locale, documentId);
    pending.set(key, [...(pending.get(key) ?? []), resolve]);
    timer ??= setTimeout(flush, 30);
  });

/** The list view's "Attribution" cell: complete, incomplete (with what is missing) or — for own stories. */
export const ListStatusCell = ({ documentId, model, locale }: { documentId: string; model: string; locale?: string }) => {
  const { formatMessage } = useIntl();
  const [status, setStatus] = React.useState<Status | null | undefined>(undefined);
  React.useEffect(() => {
    let cancelled = false;
    loadStatus(model, locale ?? '', documentId).then((result) => !cancelled && setStatus(result));
    return () => {
      cancelled = true;
    };
  }, [model, locale, documentId]);

  if (status === undefined) return <Typography textColor="neutral500">…</Typography>;
  if (!status || !status.isReprint) return <Typography textColor="neutral500">{formatMessage({ id: getTranslation('list.notReprint'), defaultMessage: '—' })}</Typography>;
  return status.complete ? (
    <Badge active data-testid="attribution-complete">{formatMessage({ id: getTranslation('list.complete'), defaultMessage: 'Complete' })}</Badge>
  ) : (
    <Badge textColor="danger600" backgroundColor="danger100" title={status.missing.join(', ')} data-testid="attribution-incomplete">
      {formatMessage({ id: getTranslation('list.incomplete'), defaultMessage: 'Incomplete' })}
    </Badge>
  );
};
