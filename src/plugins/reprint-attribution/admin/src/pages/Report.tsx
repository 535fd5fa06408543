import * as React from 'react';

import { Badge, Box, Button, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

import { REPORT_STATUSES as STATUSES, type ReportStatus as Status } from '../../../server/src/domain/report-statuses';
import type { Report as ReportData } from '../../../server/src/services/report';

const editLink = (row: { contentType: string; documentId: string; locale: string | null }) =>
  `/admin/content-manager/collection-types/${row.contentType}/${row.documentId}${row.locale ? `?plugins[i18n][locale]=${row.locale}` : ''}`;

const BADGE: Record<Status, { backgroundColor: string; textColor: string }> = {
  expired: { backgroundColor: 'danger100', textColor: 'danger700' },
  incomplete: { backgroundColor: 'danger100', textColor: 'danger700' },
  expiring: { backgroundColor: 'warning100', textColor: 'warning700' },
  complete: { backgroundColor: 'success100', textColor: 'success700' },
};

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={4}>{children}</Box>
  </Box>
);

const ReportPage = () => {
  const { formatMessage, formatDate } = useIntl();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [status, setStatus] = React.useState<Status | null>(null);
  const [data, setData] = React.useState<ReportData | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);
  const [downloading, setDownloading] = React.useState(false);
  React.useEffect(() => {
    let cancelled = false;
    get('/reprint-attribution/report', { params: status ? { status } : undefined })
      .then((response: any) => !cancelled && setData(response.data.data))
      .catch((error) => !cancelled && setFailed(error?.response?.data?.error?.message ?? String(error)));
    return () => {
      cancelled = true;
    };
  }, [get, status]);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  /** A day (YYYY-MM-DD) in the admin's locale, as that day wherever the browser is. */
  const day = (value: string | null) => (value ? formatDate(`${value.slice(0, 10)}T00:00:00Z`, { dateStyle: 'medium', timeZone: 'UTC' }) : '—');
  const moment = (value: string | null) => (value ? formatDate(value, { dateStyle: 'medium' }) : '—');
  const statusName = (value: Status) =>
    ({
      expired: t('report.status.expired', 'Permission expired'),
      incomplete: t('report.status.incomplete', 'Incomplete'),
      expiring: t('report.status.expiring', 'Permission expiring'),
      complete: t('report.status.complete', 'Complete'),
    })[value];

  const download = async () => {
    setDownloading(true);
    try {
      const response: any = await get('/reprint-attribution/report.csv', { params: status ? { status } : undefined, responseType: 'blob' });
      const url = URL.createObjectURL(response.data as Blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = `reprint-report-${data?.today ?? 'today'}${status ? `-${status}` : ''}.csv`;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (error: any) {
      toggleNotification({ type: 'danger', message: error?.message ?? String(error) });
    } finally {
      setDownloading(false);
    }
  };

  if (failed) return <Page.Error />;
  if (!data) return <Page.Loading />;
  const none = <Typography textColor="neutral600">{t('report.none', 'None')}</Typography>;
  const total = STATUSES.reduce((sum, value) => sum + (data.counts[value] ?? 0), 0);

  return (
    <Layouts.Root>
      <Page.Title>{t('report.title', 'Reprint report')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('report.title', 'Reprint report')}
          subtitle={t('report.subtitle', 'Published reprints on {date}; “expiring” means within {days} days', { date: day(data.today), days: data.expiringWithinDays })}
          primaryAction={
            <Button startIcon={<Download />} onClick={download} loading={downloading} data-testid="report-csv">
              {t('report.csv', 'Download CSV')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
            <Section title={t('report.reprints', 'Reprints and their attribution')}>
              <Flex gap={2} wrap="wrap" paddingBottom={4} role="group" aria-label={t('report.filter', 'Show')} data-testid="report-filter">
                {[null, ...STATUSES].map((value) => (
                  <Button
                    key={value ?? 'all'}
                    size="S"
                    variant={status === value ? 'default' : 'tertiary'}
                    aria-pressed={status === value}
                    onClick={() => {
                      setData(null);
                      setStatus(value);
                    }}
                    data-testid={`report-filter-${value ?? 'all'}`}
                  >
                    {value ? statusName(value) : t('report.filter.all', 'All')} ({value ? (data.counts[value] ?? 0) : total})
                  </Button>
                ))}
              </Flex>
              {data.reprints.length === 0 ? (
                none
              ) : (
                <Table colCount={7} rowCount={data.reprints.length + 1} data-testid="report-table">
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('report.column.status', 'Status')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('report.column.title', 'Title')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('report.column.source', 'Source')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('report.column.missing', 'Missing or wrong')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('report.column.original', 'Original published')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('report.column.permission', 'Permission until')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('report.column.published', 'Published')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {data.reprints.map((row) => (
                      <Tr key={`${row.contentType}-${row.documentId}-${row.locale}`} data-testid="report-row" data-status={row.status} data-document-id={row.documentId} data-locale={row.locale ?? ''}>
                        <Td>
                          <Badge {...(BADGE[row.status] as any)}>{statusName(row.status)}</Badge>
                        </Td>
                        <Td style={{ whiteSpace: 'normal', maxWidth: '32rem' }}>
                          <Link href={editLink(row)}>{row.title ?? row.documentId}</Link>
                          {row.locale ? (
                            <Typography variant="pi" textColor="neutral600"> · {row.locale}</Typography>
                          ) : null}
                        </Td>
                        <Td><Typography>{row.source?.name ?? '—'}</Typography></Td>
                        <Td style={{ whiteSpace: 'normal' }}>
                          {row.missingFields.length === 0 ? (
                            <Typography textColor="neutral500">—</Typography>
                          ) : (
                            <Flex gap={1} wrap="wrap">
                              {row.missingFields.map((field) => (
                                <Typography key={field.path} variant="pi" textColor="danger600" data-path={field.path}>
                                  {field.label}
                                </Typography>
                              )).reduce<React.ReactNode[]>((all, item, index) => (index === 0 ? [item] : [...all, <Typography key={`sep-${index}`} variant="pi" textColor="neutral500">·</Typography>, item]), [])}
                            </Flex>
                          )}
                        </Td>
                        <Td><Typography data-testid="report-original-date">{day(row.originalPublishedAt)}</Typography></Td>
                        <Td>
                          <Typography data-testid="report-permission">
                            {row.permissionPerpetual
                              ? t('report.perpetual', 'No expiry')
                              : row.permissionExpiresAt
                                ? row.daysLeft !== null && row.daysLeft > 0
                                  ? `${day(row.permissionExpiresAt)} (${t('report.daysLeft', '{days} days left', { days: row.daysLeft })})`
                                  : day(row.permissionExpiresAt)
                                : '—'}
                          </Typography>
                        </Td>
                        <Td><Typography>{moment(row.publishedAt)}</Typography></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </Section>
            <Section title={t('report.perSource', 'Reprints per source')}>
              {data.perSource.length === 0 ? none : (
                <Table colCount={2} rowCount={data.perSource.length + 1}>
                  <Thead>
                    <Tr>
                      <Th><Typography variant="sigma">{t('report.source', 'Source')}</Typography></Th>
                      <Th><Typography variant="sigma">{t('report.count', 'Reprints')}</Typography></Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {data.perSource.map((row) => (
                      <Tr key={row.documentId ?? 'none'}>
                        <Td><Typography>{row.name ?? t('report.noSource', 'No source')}</Typography></Td>
                        <Td><Typography>{row.reprints}</Typography></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </Section>
            <Section title={t('report.log', 'Expiry log')}>
              {data.expiryLog.length === 0 ? none : (
                <Flex direction="column" alignItems="stretch" gap={1}>
                  {data.expiryLog.map((row) => (
                    <Typography key={`${row.at}-${row.documentId}-${row.locale}`} variant="pi">
                      {moment(row.at)} · {row.action === 'unpublished' ? t('report.log.unpublished', 'unpublished') : t('report.log.flagged', 'flagged')} ·{' '}
                      <Link href={editLink(row)}>{row.title ?? row.documentId}</Link> ({row.locale}) · {t('report.log.expired', 'permission expired {date}', { date: day(row.permissionExpiresAt ?? null) })}
                    </Typography>
                  ))}
                </Flex>
              )}
            </Section>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
};

const ProtectedReportPage = () => (
  <Page.Protect permissions={[{ action: 'plugin::reprint-attribution.read', subject: null }]}>
    <ReportPage />
  </Page.Protect>
);

export default ProtectedReportPage;
