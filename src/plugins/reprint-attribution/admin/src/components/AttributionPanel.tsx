import * as React from 'react';

import { Badge, Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import type { Attribution, ContentTypeFields } from '../types';
import { fetchAttributableTypes } from '../utils/attributableTypes';
import { getTranslation } from '../utils/getTranslation';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { locale?: string } | null;
}

const useDebounced = <T,>(value: T, delay: number) => {
  const [debounced, setDebounced] = React.useState(value);
  React.useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
};

/** Moves the editor to a field of the form (its input is named by the field path). */
const focusField = (path: string[]) => {
  const name = path.join('.');
  const input = document.querySelector<HTMLElement>(`[name="${name}"]`) ?? document.querySelector<HTMLElement>(`[name^="${path[0]}"]`);
  input?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  input?.focus();
};

/** A titled list of problems (messages in the admin's language, from the server), each with a way to its field. */
const ProblemSection = ({ testId, title, problems, goTo }: { testId: string; title: string; problems: Attribution['problems']; goTo: string }) => (
  <Box data-testid={testId}>
    <Typography variant="sigma" textColor={problems[0]?.severity === 'error' ? 'danger600' : 'warning600'}>
      {title}
    </Typography>
    <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1}>
      {problems.map((problem) => (
        <Flex key={`${problem.code}-${problem.path.join('.')}`} justifyContent="space-between" gap={2}>
          <Typography variant="pi" textColor={problem.severity === 'error' ? 'danger600' : 'warning600'} data-path={problem.path.join('.')}>
            {problem.message}
          </Typography>
          <Button size="S" variant="tertiary" onClick={() => focusField(problem.path)}>
            {goTo}
          </Button>
        </Flex>
      ))}
    </Flex>
  </Box>
);

const PanelContent = ({ model, documentId, locale, fields }: { model: string; documentId?: string; locale?: string; fields: ContentTypeFields }) => {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const values = useForm('ReprintAttributionPanel', (state) => state.values) as Record<string, unknown>;
  const relevant = React.useMemo(() => {
    const picked: Record<string, unknown> = {};
    for (const field of [fields.reprint, fields.source, fields.title, fields.date, fields.slug, fields.seo]) {
      if (field && values && field in values) picked[field] = values[field];
    }
    return JSON.stringify(picked);
  }, [values, fields]);
  const debounced = useDebounced(relevant, 300);
  const [state, setState] = React.useState<{ loading: boolean; error?: string; data?: Attribution }>({ loading: true });

  React.useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    post('/reprint-attribution/live', { contentType: model, documentId, locale, values: JSON.parse(debounced) })
      .then((response: any) => !cancelled && setState({ loading: false, data: response.data.data }))
      .catch((error) => !cancelled && setState({ loading: false, error: error?.response?.data?.error?.message ?? String(error) }));
    return () => {
      cancelled = true;
    };
  }, [debounced, model, documentId, locale, post]);

  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);

  if (state.error) return <Typography textColor="danger600">{t('panel.error', 'The attribution could not be computed: {message}', { message: state.error })}</Typography>;
  if (!state.data) return <Loader small>{t('panel.loading', 'Computing…')}</Loader>;
  const data = state.data;
  if (!data.isReprint) {
    return (
      <Typography variant="omega" data-testid="reprint-attribution-not-reprint">
        {t('panel.notReprint', 'Not a reprint: no credit line is needed.')}
      </Typography>
    );
  }
  const reprint = ((values?.[fields.reprint] as Record<string, unknown>) ?? {}) as Record<string, unknown>;
  const errors = data.problems.filter((problem) => problem.severity === 'error');
  const warnings = data.problems.filter((problem) => problem.severity === 'warning');

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="reprint-attribution-panel">
      <Box>
        <Typography variant="sigma" textColor="neutral600">
          {t('panel.creditLine', 'Credit line ({locale})', { locale: locale ?? '' })}
        </Typography>
        <Box paddingTop={1}>
          <Typography variant="omega" data-testid="reprint-attribution-credit-line">
            {data.creditLine}
          </Typography>
        </Box>
      </Box>
      {errors.length === 0 ? (
        <Badge active>{t('panel.complete', 'Ready to publish')}</Badge>
      ) : (
        <ProblemSection testId="reprint-attribution-checklist" title={t('panel.missing', 'Publishing still needs')} problems={errors} goTo={t('panel.goTo', 'Go to field')} />
      )}
      {warnings.length > 0 ? (
        <ProblemSection testId="reprint-attribution-warnings" title={t('panel.warnings', 'Check before publishing')} problems={warnings} goTo={t('panel.goTo', 'Go to field')} />
      ) : null}
      {typeof reprint.permissionExpiresAt === 'string' && reprint.permissionExpiresAt && !reprint.permissionPerpetual ? (
        <Typography variant="pi">{t('panel.expires', 'Permission expires on {date}', { date: reprint.permissionExpiresAt })}</Typography>
      ) : null}
      {reprint.permissionPerpetual ? <Typography variant="pi">{t('panel.perpetual', 'Permission granted without expiry')}</Typography> : null}
      <Box>
        <Typography variant="sigma" textColor="neutral600">
          {t('panel.policy', 'Search engines')}
        </Typography>
        <Typography variant="pi" tag="p">
          {data.canonicalUrl
            ? t('panel.canonical', 'Canonical: {url}', { url: data.canonicalUrl })
            : t('panel.noCanonical', 'Canonical: this page (set SITE_ARTICLE_URL for its address)')}
        </Typography>
        {data.robots.map((tag) => (
          <Typography key={tag.name} variant="pi" tag="p">
            {tag.name}: {tag.content}
          </Typography>
        ))}
      </Box>
    </Flex>
  );
};

/** The edit view's side panel: what readers will see, and what publishing still needs. */
export const AttributionPanel = ({ model, documentId, document }: PanelProps) => {
  const [types, setTypes] = React.useState<Record<string, ContentTypeFields> | null>(null);
  const { formatMessage } = useIntl();
  React.useEffect(() => {
    fetchAttributableTypes().then(setTypes);
  }, []);
  const fields = types?.[model];
  if (!fields) return null;
  const locale = document?.locale ?? new URLSearchParams(window.location.search).get('plugins[i18n][locale]') ?? undefined;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Reprint attribution' }),
    content: <PanelContent model={model} documentId={documentId} locale={locale} fields={fields} />,
  };
};
