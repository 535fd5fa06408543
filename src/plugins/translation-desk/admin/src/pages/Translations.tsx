import * as React from 'react';

import {
  Box,
  Button,
  DatePicker,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise, Cross, Search, WarningCircle } from '@strapi/icons';
import { Layouts, Page, Pagination, deepEncodeQueryValues, useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { Link as RouterLink, useNavigate } from 'react-router-dom';

import { EditionCell } from '../components/EditionCell';
import { PLUGIN_ID } from '../pluginId';
import { EDITION_STATES, type Counts, type DeskType, type EditionState, type StatusAnswer, type StatusRow } from '../types';
import { editPath, errorMessage, errorStatus, fetchDeskTypes } from '../utils/api';
import { getTranslation } from '../utils/getTranslation';
import { dayOf, fieldLabelId, useLocaleWords } from '../utils/labels';

const PAGE_SIZE = 20;

/** What the page keeps in its address, so that a link shows the same view. */
interface DeskQuery {
  type?: string;
  page?: string;
  pageSize?: string;
  missing?: string;
  stale?: string;
  locale?: string;
  from?: string;
  to?: string;
  q?: string;
  filters?: Record<string, string>;
}

const FILTER_KEYS = ['missing', 'stale', 'locale', 'from', 'to', 'q', 'filters'] as const;

/** YYYY-MM-DD of a day picked in the browser's calendar (the picker gives local midnight). */
const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
const fromIsoDay = (value?: string) => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number);
  return new Date(year, month - 1, day);
};

const Section = ({ children, label }: { children: React.ReactNode; label?: string }) => (
  <Box background="neutral0" padding={4} shadow="filterShadow" hasRadius aria-label={label} tag={label ? 'section' : 'div'}>
    {children}
  </Box>
);

/** One end of the date range filter (YYYY-MM-DD in the address). */
const DateBound = ({ bound, label, value, locale, clearLabel, onChange }: { bound: 'from' | 'to'; label: string; value?: string; locale: string; clearLabel: string; onChange: (day: string | undefined) => void }) => (
  <Box width="16rem">
    <Field.Root name={bound} id={`translations-${bound}`}>
      <Field.Label>{label}</Field.Label>
      <DatePicker
        size="S"
        locale={locale}
        value={fromIsoDay(value)}
        onChange={(date?: Date) => onChange(date ? isoDay(date) : undefined)}
        onClear={() => onChange(undefined)}
        clearLabel={clearLabel}
        data-testid={`translations-${bound}`}
      />
    </Field.Root>
  </Box>
);

const TranslationsPage = () => {
  const { formatMessage, formatDate, locale: adminLocale } = useIntl();
  const { get, post } = useFetchClient();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const [{ query }, setQuery] = useQueryParams<DeskQuery>();

  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { name: lang, original } = useLocaleWords();
  const day = (value?: string | null) => (value ? formatDate(dayOf(value), { dateStyle: 'medium', timeZone: 'UTC' }) : '—');

  const [types, setTypes] = React.useState<DeskType[] | null>(null);
  const [typesError, setTypesError] = React.useState<string | null>(null);
  const [attempt, setAttempt] = React.useState(0);
  React.useEffect(() => {
    let cancelled = false;
    setTypesError(null);
    fetchDeskTypes()
      .then((answer) => !cancelled && setTypes(answer))
      .catch((error) => !cancelled && setTypesError(errorMessage(error)));
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const type = types?.find((entry) => entry.uid === query.type) ?? types?.[0];
  // The default locale (the newsroom's original language) first, then the others as the server lists them.
  const locales = type ? [...type.locales].sort((a, b) => Number(b === type.defaultLocale) - Number(a === type.defaultLocale)) : [];
  const filters = (query.filters && typeof query.filters === 'object' ? query.filters : {}) as Record<string, string>;
  const search = typeof query.q === 'string' ? query.q : '';
  const page = Number(query.page) > 0 ? Number(query.page) : 1;
  const pageSize = Number(query.pageSize) > 0 ? Number(query.pageSize) : PAGE_SIZE;
  const staleChoice = query.stale === 'true' ? (query.locale && locales.includes(query.locale) ? query.locale : 'any') : '';
  const missing = query.missing && locales.includes(query.missing) ? query.missing : '';
  const hasFilters = Boolean(missing || staleChoice || query.from || query.to || search || Object.values(filters).some(Boolean));

  /**
   * The next address: a changed filter goes back to the first page; an empty value leaves the
   * address (Strapi's setQuery merges into the current query, and qs drops undefined values).
   * The query holds decoded values and setQuery does not encode: encode them all here.
   */
  const update = (next: Partial<DeskQuery>) => {
    const merged: Record<string, unknown> = { ...query, ...next, page: next.page ?? '1' };
    for (const [key, value] of Object.entries(merged)) {
      if (value === '' || value === null) merged[key] = undefined;
    }
    if (merged.filters && typeof merged.filters === 'object') {
      const kept = Object.fromEntries(Object.entries(merged.filters as Record<string, string>).filter(([, value]) => Boolean(value)));
      merged.filters = Object.keys(kept).length ? kept : undefined;
    }
    setQuery(deepEncodeQueryValues(merged) as DeskQuery);
  };
  const clearFilters = () => {
    const cleared: Partial<DeskQuery> = {};
    for (const key of FILTER_KEYS) (cleared as Record<string, undefined>)[key] = undefined;
    update(cleared);
  };

  // The search box types freely; the address (and the request) follow when the editor pauses.
  const [searchText, setSearchText] = React.useState(search);
  React.useEffect(() => setSearchText(search), [search]);
  React.useEffect(() => {
    if (searchText === search) return undefined;
    const timer = setTimeout(() => update({ q: searchText }), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [searchText]);

  const params = React.useMemo(() => {
    if (!type) return null;
    const out: Record<string, unknown> = { type: type.uid, page, pageSize };
    if (missing) out.missing = missing;
    if (staleChoice) {
      out.stale = 'true';
      if (staleChoice !== 'any') out.locale = staleChoice;
    }
    if (query.from) out.from = query.from;
    if (query.to) out.to = query.to;
    if (search) out.q = encodeURIComponent(search);
    const kept = Object.fromEntries(
      (type.filters ?? []).filter((filter) => filters[filter.name]).map((filter) => [filter.name, encodeURIComponent(filters[filter.name])])
    );
    if (Object.keys(kept).length) out.filters = kept;
    return out;
  }, [type, page, pageSize, missing, staleChoice, query.from, query.to, search, JSON.stringify(filters)]);

  const [status, setStatus] = React.useState<{ loading: boolean; data?: StatusAnswer; error?: string; forbidden?: boolean; key?: string }>({ loading: true });
  const [reload, setReload] = React.useState(0);
  React.useEffect(() => {
    if (!params) return undefined;
    let cancelled = false;
    const key = JSON.stringify(params);
    setStatus((previous) => ({ ...previous, loading: true, error: undefined }));
    get('/translation-desk/status', { params })
      .then((response: any) => !cancelled && setStatus({ loading: false, data: response.data as StatusAnswer, key }))
      .catch((error) => !cancelled && setStatus({ loading: false, error: errorMessage(error), forbidden: errorStatus(error) === 403 }));
    return () => {
      cancelled = true;
    };
  }, [get, params, reload]);

  const [creating, setCreating] = React.useState<string | null>(null);
  const create = async (row: StatusRow, locale: string) => {
    if (!type) return;
    setCreating(`${row.documentId}:${locale}`);
    try {
      await post(`/translation-desk/documents/${type.uid}/${row.documentId}/${locale}/create`, {});
      navigate(editPath(type.uid, row.documentId, locale));
    } catch (error) {
      // Someone created it meanwhile: it is there to open.
      if (errorStatus(error) === 409) navigate(editPath(type.uid, row.documentId, locale));
      else {
        toggleNotification({
          type: 'danger',
          message: t('create.failed', 'The {locale} edition could not be created: {message}', { locale: lang(locale), message: errorMessage(error) }),
        });
        setCreating(null);
      }
    }
  };

  const stateName = (state: EditionState) =>
    ({
      missing: t('state.missing', 'Missing'),
      draft: t('state.draft', 'Draft'),
      published: t('state.published', 'Published'),
      modified: t('state.modified', 'Modified'),
    })[state];
  const fieldName = (field: string) => (type ? formatMessage({ id: fieldLabelId(type.uid, field), defaultMessage: field }) : field);
  const typeName = (entry: DeskType) => formatMessage({ id: entry.displayName, defaultMessage: entry.displayName });
  const title = t('page.title', 'Translations');

  if (typesError) {
    return (
      <Page.Main>
        <Page.Title>{title}</Page.Title>
        <Layouts.Header title={title} />
        <Layouts.Content>
          <EmptyStateLayout
            data-testid="translations-error"
            icon={<WarningCircle width="6rem" height="6rem" />}
            content={t('error.types', 'The content types of the translation desk could not be loaded: {message}', { message: typesError })}
            action={
              <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => setAttempt((value) => value + 1)}>
                {t('error.retry', 'Try again')}
              </Button>
            }
          />
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!types) return <Page.Loading />;

  const header = (
    <Layouts.Header
      title={title}
      subtitle={t('page.subtitle', 'Which editions are missing, and which fell behind the original they were translated from')}
      primaryAction={
        hasFilters ? (
          <Button variant="tertiary" startIcon={<Cross />} onClick={clearFilters} data-testid="translations-clear">
            {t('filters.clear', 'Clear filters')}
          </Button>
        ) : undefined
      }
    />
  );
  if (!type) {
    return (
      <Page.Main>
        <Page.Title>{title}</Page.Title>
        {header}
        <Layouts.Content>
          <Box background="neutral0" hasRadius shadow="filterShadow">
            <EmptyStateLayout
              data-testid="translations-no-types"
              icon={<WarningCircle width="6rem" height="6rem" />}
              content={t(
                'empty.noTypes',
                'No content type to show. The desk lists the localized types you may read in the Content Manager: ask an administrator for read access to articles, sources or institutions.'
              )}
            />
          </Box>
        </Layouts.Content>
      </Page.Main>
    );
  }

  const data = status.data;
  const counts: Counts = data?.counts ?? {};
  const rows = data?.data ?? [];
  const pagination = data?.meta?.pagination;

  return (
    <Page.Main aria-busy={status.loading} data-loaded={status.loading ? undefined : status.key}>
      <Page.Title>{title}</Page.Title>
      {header}
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Section>
            <Flex gap={3} wrap="wrap" alignItems="flex-end" data-testid="translations-filters">
              <Box width="16rem">
                <Field.Root name="type" id="translations-type">
                  <Field.Label>{t('filters.type', 'Content type')}</Field.Label>
                  <SingleSelect
                    size="S"
                    value={type.uid}
                    onChange={(value: string | number) => update({ type: String(value), ...Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])) })}
                  >
                    {types.map((entry) => (
                      <SingleSelectOption key={entry.uid} value={entry.uid}>
                        {typeName(entry)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              {(type.filters ?? []).map((filter) => (
                <Box width="15rem" key={filter.name}>
                  <Field.Root name={`filter-${filter.name}`} id={`translations-filter-${filter.name}`}>
                    <Field.Label>{fieldName(filter.name)}</Field.Label>
                    <SingleSelect
                      size="S"
                      value={filters[filter.name] ?? ''}
                      placeholder={t('filters.all', 'All')}
                      onChange={(value: string | number) => update({ filters: { ...filters, [filter.name]: String(value) } })}
                      onClear={filters[filter.name] ? () => update({ filters: { ...filters, [filter.name]: '' } }) : undefined}
                      
                    >
                      {filter.values.map((value) => (
                        <SingleSelectOption key={value} value={value}>
                          {formatMessage({ id: value, defaultMessage: value })}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Box>
              ))}
              {type.date ? (
                <>
                  <DateBound bound="from" label={t('filters.from', 'From')} value={query.from} locale={adminLocale} clearLabel={t('filters.clearDate', 'Clear the date')} onChange={(from) => update({ from })} />
                  <DateBound bound="to" label={t('filters.to', 'To')} value={query.to} locale={adminLocale} clearLabel={t('filters.clearDate', 'Clear the date')} onChange={(to) => update({ to })} />
                </>
              ) : null}
              <Box width="15rem">
                <Field.Root name="missing" id="translations-missing">
                  <Field.Label>{t('filters.missing', 'Missing in')}</Field.Label>
                  <SingleSelect
                    size="S"
                    value={missing}
                    placeholder={t('filters.any', 'Any')}
                    onChange={(value: string | number) => update({ missing: String(value) })}
                    onClear={missing ? () => update({ missing: undefined }) : undefined}
                  >
                    {locales.map((code) => (
                      <SingleSelectOption key={code} value={code}>
                        {lang(code)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box width="15rem">
                <Field.Root name="stale" id="translations-stale">
                  <Field.Label>{t('filters.stale', 'Stale')}</Field.Label>
                  <SingleSelect
                    size="S"
                    value={staleChoice}
                    placeholder={t('filters.any', 'Any')}
                    onChange={(value: string | number) => update({ stale: 'true', locale: value === 'any' ? undefined : String(value) })}
                    onClear={staleChoice ? () => update({ stale: undefined, locale: undefined }) : undefined}
                  >
                    <SingleSelectOption value="any">{t('filters.staleAny', 'In any edition')}</SingleSelectOption>
                    {locales.map((code) => (
                      <SingleSelectOption key={code} value={code}>
                        {lang(code)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Box>
              <Box width="16rem">
                <Field.Root name="q" id="translations-search">
                  <Field.Label>{t('filters.search', 'Title contains')}</Field.Label>
                  <TextInput
                    size="S"
                    type="search"
                    startAction={<Search aria-hidden />}
                    value={searchText}
                    onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSearchText(event.target.value)}
                    data-testid="translations-search"
                  />
                </Field.Root>
              </Box>
            </Flex>
          </Section>

          <Grid.Root gap={4} data-testid="translations-counts">
            {locales.map((code) => (
              <Grid.Item key={code} col={Math.max(3, Math.floor(12 / Math.max(locales.length, 1)))} s={12} direction="column" alignItems="stretch">
                <Section label={t('counts.label', 'Editions in {locale}', { locale: lang(code) })}>
                  <Flex justifyContent="space-between" paddingBottom={2}>
                    <Typography variant="delta" tag="h2">
                      {lang(code)}
                    </Typography>
                    <Typography variant="pi" textColor="neutral600">
                      {code}
                      {code === type.defaultLocale ? ` · ${t('counts.default', 'default')}` : ''}
                    </Typography>
                  </Flex>
                  <Flex gap={2} justifyContent="space-between" data-testid="translations-count" data-locale={code}>
                    {[...EDITION_STATES, 'stale' as const].map((key) => (
                      <Flex key={key} direction="column" alignItems="flex-start" data-count={key}>
                        <Typography
                          variant="beta"
                          tag="span"
                          textColor={key === 'stale' && counts[code]?.stale ? 'warning700' : key === 'missing' && counts[code]?.missing ? 'danger600' : 'neutral800'}
                          data-testid="translations-count-value"
                        >
                          {data ? (counts[code]?.[key] ?? 0) : '–'}
                        </Typography>
                        <Typography variant="pi" textColor="neutral600">
                          {key === 'stale' ? t('state.stale', 'Stale') : stateName(key)}
                        </Typography>
                      </Flex>
                    ))}
                  </Flex>
                </Section>
              </Grid.Item>
            ))}
          </Grid.Root>

          <Box background="neutral0" shadow="filterShadow" hasRadius>
            {status.error ? (
              status.forbidden ? (
                <Page.NoPermissions />
              ) : (
                <EmptyStateLayout
                  data-testid="translations-error"
                  icon={<WarningCircle width="6rem" height="6rem" />}
                  content={t('error.status', 'The translation status could not be loaded: {message}', { message: status.error })}
                  action={
                    <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => setReload((value) => value + 1)}>
                      {t('error.retry', 'Try again')}
                    </Button>
                  }
                />
              )
            ) : !data ? (
              <Flex justifyContent="center" padding={8}>
                <Loader>{t('loading', 'Loading the translation status…')}</Loader>
              </Flex>
            ) : rows.length === 0 ? (
              <EmptyStateLayout
                data-testid="translations-empty"
                content={
                  hasFilters
                    ? t('empty.noMatch', 'No {type} matches these filters.', { type: typeName(type) })
                    : t('empty.none', 'No {type} yet: once one is written, its editions show here.', { type: typeName(type) })
                }
                action={
                  hasFilters ? (
                    <Button variant="secondary" startIcon={<Cross />} onClick={clearFilters}>
                      {t('filters.clear', 'Clear filters')}
                    </Button>
                  ) : undefined
                }
              />
            ) : (
              <Box style={{ opacity: status.loading ? 0.6 : 1, transition: 'opacity 0.2s' }}>
                <Table colCount={2 + locales.length} rowCount={rows.length + 1} data-testid="translations-table" style={{ tableLayout: 'fixed', width: '100%' }}>
                  <Thead>
                    <Tr>
                      <Th>
                        <Typography variant="sigma">{t('table.title', 'Title')}</Typography>
                      </Th>
                      <Th style={{ width: '12rem' }}>
                        <Typography variant="sigma">{type.date ? fieldName(type.date) : t('table.updated', 'Updated')}</Typography>
                      </Th>
                      {locales.map((code) => (
                        <Th key={code} style={{ width: '17rem' }}>
                          <Typography variant="sigma" title={code}>
                            {lang(code)}
                          </Typography>
                        </Th>
                      ))}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {rows.map((row) => {
                      const source = row.source ?? type.defaultLocale ?? locales[0];
                      const name = row.title || t('table.untitled', '(untitled)');
                      return (
                        <Tr key={row.documentId} data-testid="translations-row" data-document-id={row.documentId}>
                          <Td style={{ whiteSpace: 'normal' }}>
                            <Flex direction="column" alignItems="flex-start" gap={1}>
                              <RouterLink to={editPath(type.uid, row.documentId, source)} style={{ textDecoration: 'none' }}>
                                <Typography fontWeight="semiBold" textColor="neutral800" ellipsis={false} style={{ wordBreak: 'break-word' }} data-testid="translations-title">
                                  {name}
                                </Typography>
                              </RouterLink>
                              <Typography variant="pi" textColor="neutral600">
                                {t('table.source', 'Original: {locale}', { locale: source })}
                              </Typography>
                            </Flex>
                          </Td>
                          <Td>
                            <Typography textColor="neutral800" data-testid="translations-date">
                              {day(row.date ?? row.cells[source]?.updatedAt ?? null)}
                            </Typography>
                          </Td>
                          {locales.map((code) => {
                            const cell = row.cells[code] ?? { state: 'missing' as const, stale: false };
                            const fields = (cell.changedFields ?? []).map(fieldName).join(formatMessage({ id: getTranslation('list.separator'), defaultMessage: ', ' }));
                            const from = cell.translatedFrom ?? source;
                            const mayCreate = type.creatableLocales.includes(code);
                            const action =
                              cell.state === 'missing' && !mayCreate
                                ? t('cell.missingAction', 'The {locale} edition of “{title}” is missing; your role may not create it', { locale: lang(code), title: name })
                                : cell.state === 'missing'
                                ? t('cell.createAction', 'Create the {locale} edition of “{title}” from {original}, and open it', { locale: lang(code), title: name, original: original(source) })
                                : cell.stale
                                  ? t('cell.staleAction', 'Open the {locale} edition of “{title}”: stale, {original} changed on {date} ({fields})', {
                                      locale: lang(code),
                                      title: name,
                                      original: original(from),
                                      date: day(cell.sourceChangedAt ?? null),
                                      fields: fields || '—',
                                    })
                                  : t('cell.openAction', 'Open the {locale} edition of “{title}”', { locale: lang(code), title: name });
                            return (
                              <Td key={code} style={{ whiteSpace: 'normal' }}>
                                <EditionCell
                                  locale={code}
                                  cell={cell}
                                  to={editPath(type.uid, row.documentId, code)}
                                  creating={creating === `${row.documentId}:${code}`}
                                  labels={{
                                    state: stateName,
                                    stale: t('state.stale', 'Stale'),
                                    create: t('cell.create', 'Create from the original'),
                                    action,
                                  }}
                                  onCreate={mayCreate ? () => create(row, code) : undefined}
                                />
                              </Td>
                            );
                          })}
                        </Tr>
                      );
                    })}
                  </Tbody>
                </Table>
              </Box>
            )}
          </Box>
          {pagination && pagination.total > 0 ? (
            <Flex justifyContent="space-between" alignItems="center">
              <Typography variant="pi" textColor="neutral600" data-testid="translations-total">
                {t('table.total', '{total, plural, one {# document} other {# documents}}', { total: pagination.total })}
              </Typography>
              <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={PAGE_SIZE}>
                <Pagination.PageSize options={['10', '20', '50', '100']} />
                <Pagination.Links />
              </Pagination.Root>
            </Flex>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

const ProtectedTranslationsPage = () => (
  <Page.Protect permissions={[{ action: `plugin::${PLUGIN_ID}.read`, subject: null }]}>
    <TranslationsPage />
  </Page.Protect>
);

export default ProtectedTranslationsPage;
