import * as React from 'react';

import { Box, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

interface ReportRow {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
  missing?: string[];
  permissionExpiresAt?: string;
  daysLeft?: number;
}
interface ReportData {
  expiringWithinDays: number;
  perSource: Array<{ documentId: string | null; name: string | null; reprints: number }>;
  incompletePublished: ReportRow[];
  expiringPermissions: ReportRow[];
  expiryLog: Array<ReportRow & { action: string; at: string }>;
}

const editLink = (row: ReportRow) =>
  `/content-manager/collection-types/${row.contentType}/${row.documentId}${row.locale ? `?plugins[i18n][locale]=${row.locale}` : ''}`;

const Section = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
    <Typography variant="delta" tag="h2">
      {title}
    </Typography>
    <Box paddingTop={4}>{children}</Box>
  </Box>
);

const ReportPage = () => {
  const { formatMessage } = useIntl();
  const { get } = useFetchClient();
  const [data, setData] = React.useState<ReportData | null>(null);
  const [failed, setFailed] = React.useState<string | null>(null);
  React.useEffect(() => {
    get('/reprint-attribution/report')
      .then((response: any) => setData(response.data.data))
      .catch((error) => setFailed(error?.response?.data?.error?.message ?? String(error)));
  }, [get]);
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);

  if (failed) return <Page.Error />;
  if (!data) return <Page.Loading />;
  const none = <Typography textColor="neutral600">{t('report.none', 'None')}</Typography>;

  return (
    <Layouts.Root>
      <Page.Title>{t('report.title', 'Reprint report')}</Page.Title>
      <Page.Main>
        <Layouts.Header title={t('report.title', 'Reprint report')} />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6}>
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
                        <Td><Typography>{row.name ?? '—'}</Typography></Td>
                        <Td><Typography>{row.reprints}</Typography></Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              )}
            </Section>
            <Section title={t('report.incomplete', 'Published reprints with incomplete attribution')}>
              {data.incompletePublished.length === 0 ? none : (
                <Flex direction="column" alignItems="stretch" gap={2} data-testid="report-incomplete">
                  {data.incompletePublished.map((row) => (
                    <Flex key={`${row.documentId}-${row.locale}`} gap={3}>
                      <Link href={`/admin${editLink(row)}`}>{row.title ?? row.documentId}</Link>
                      <Typography variant="pi">{row.locale}</Typography>
                      <Typography variant="pi" textColor="danger600">{row.missing?.join(', ')}</Typography>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Section>
            <Section title={t('report.expiring', 'Permissions expiring within {days} days', { days: data.expiringWithinDays })}>
              {data.expiringPermissions.length === 0 ? none : (
                <Flex direction="column" alignItems="stretch" gap={2} data-testid="report-expiring">
                  {data.expiringPermissions.map((row) => (
                    <Flex key={`${row.documentId}-${row.locale}`} gap={3}>
                      <Link href={`/admin${editLink(row)}`}>{row.title ?? row.documentId}</Link>
                      <Typography variant="pi">{row.locale}</Typography>
                      <Typography variant="pi">
                        {t('report.expires', 'Expires')}: {row.permissionExpiresAt} ({t('report.daysLeft', '{days} days left', { days: row.daysLeft ?? 0 })})
                      </Typography>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Section>
            <Section title={t('report.log', 'Expiry log')}>
              {data.expiryLog.length === 0 ? none : (
                <Flex direction="column" alignItems="stretch" gap={1}>
                  {data.expiryLog.map((row) => (
                    <Typography key={`${row.at}-${row.documentId}-${row.locale}`} variant="pi">
                      {row.at.slice(0, 10)} · {row.action} · {row.title ?? row.documentId} ({row.locale}) · {row.permissionExpiresAt}
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
