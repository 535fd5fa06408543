import * as React from 'react';

import { Box, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { deepEncodeQueryValues, useQueryParams, withEncodedUserParams } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import type { ListFilter as Filter } from '../../../server/src/domain/list-status';
import { REPORT_STATUSES } from '../../../server/src/domain/report-statuses';
import { fetchAttributableTypes } from '../utils/attributableTypes';
import { getTranslation } from '../utils/getTranslation';
import { fetchStatus } from './ListStatusCell';

/** The filter the server turns into the documents it keeps (server/src/middlewares/list-filter.ts). */
const KEY = '__attribution';
const ALL = 'all';
// The server's LIST_FILTERS: the report's statuses, the most urgent first (a leaf module: the rules stay out of the admin's bundle).
const FILTERS: readonly Filter[] = REPORT_STATUSES;

type Entry = Record<string, any>;
const isOurs = (entry: unknown): boolean => Boolean(entry) && typeof entry === 'object' && Object.prototype.hasOwnProperty.call(entry, KEY);

/** The list's model, from its address (…/collection-types/<uid>). */
export const listModel = () => decodeURIComponent(window.location.pathname).match(/collection-types\/([^/?]+)/)?.[1] ?? '';

/**
 * The list view's attribution filter (the Content Manager's `listView.actions` zone): All,
 * Expired, Incomplete, Expiring within N days, Complete. It puts one Strapi filter on the list's
 * URL, `filters[$and][n][__attribution][$eq]=incomplete`, which the server applies to the
 * Content Manager's own list, so its pagination, counts, sorting, locale and status views stay
 * Strapi's; "All" takes it off again (as do Strapi's own filter chips' removal and its
 * persisted list settings).
 */
export const ListFilter = () => {
  const { formatMessage } = useIntl();
  const [{ query }, setQuery] = useQueryParams<{ filters?: { $and?: Entry[] }; plugins?: Record<string, any> }>();
  const model = listModel();
  const [attributable, setAttributable] = React.useState<string[] | null>(null);
  const [days, setDays] = React.useState<number | null>(null);

  React.useEffect(() => {
    let cancelled = false;
    fetchAttributableTypes().then((types) => !cancelled && setAttributable(Object.keys(types)));
    return () => {
      cancelled = true;
    };
  }, []);
  const shown = Boolean(attributable?.includes(model));
  React.useEffect(() => {
    if (!shown) return undefined;
    let cancelled = false;
    // The "expiring" window is the report's (settings): asked with no documents.
    fetchStatus(model, [])
      .then((answer) => !cancelled && setDays(answer.meta.expiringWithinDays))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [shown, model]);

  if (!shown) return null;
  const and: Entry[] = Array.isArray(query.filters?.$and) ? query.filters!.$and! : [];
  const current = (and.find(isOurs)?.[KEY]?.$eq as string | undefined) ?? ALL;

  const choose = (value: string | number) => {
    const rest = and.filter((entry) => !isOurs(entry));
    const next = value === ALL ? rest : [...rest, { [KEY]: { $eq: String(value) } }];
    setQuery(withEncodedUserParams(query as any, { filters: deepEncodeQueryValues({ $and: next }), page: 1 }) as any);
  };

  const t = (key: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(key), defaultMessage }, values);
  const labels: Record<Filter | typeof ALL, string> = {
    all: t('list.filter.all', 'All reprints and stories'),
    expired: t('list.filter.expired', 'Permission expired'),
    incomplete: t('list.filter.incomplete', 'Incomplete'),
    expiring: t('list.filter.expiring', 'Permission expiring within {days} days', { days: days ?? 30 }),
    complete: t('list.filter.complete', 'Complete reprints'),
  };
  const label = t('list.filter.label', 'Attribution');

  return (
    <Box minWidth="18rem" data-testid="attribution-filter">
      <SingleSelect
        size="S"
        aria-label={label}
        value={current}
        onChange={choose}
        customizeContent={(value?: string | number) => `${label}: ${labels[(value ?? ALL) as Filter] ?? value}`}
      >
        {[ALL, ...FILTERS].map((value) => (
          <SingleSelectOption key={value} value={value}>
            {labels[value as Filter | typeof ALL]}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Box>
  );
};
