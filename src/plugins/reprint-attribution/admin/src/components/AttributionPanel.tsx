import * as React from 'react';

import { Badge, Box, Button, Flex, Loader, Typography } from '@strapi/design-system';
import { useAuth, useFetchClient, useForm } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { useClearFixedErrors } from '../hooks/useClearFixedErrors';
import type { ContentTypeFields, LiveAttribution } from '../types';
import { fetchAttributableTypes } from '../utils/attributableTypes';
import { getTranslation } from '../utils/getTranslation';
import { AttributionDock, useDocked } from './AttributionDock';
import { Checklist, focusField } from './Checklist';

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

/** Warnings (messages in the admin's language, from the server), each with a way to its field. */
const Warnings = ({ title, problems, goTo }: { title: string; problems: LiveAttribution['problems']; goTo: string }) => (
  <Box data-testid="reprint-attribution-warnings">
    <Typography variant="sigma" textColor="warning600">
      {title}
    </Typography>
    <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1}>
      {problems.map((problem) => (
        <Flex key={`${problem.code}-${problem.path.join('.')}`} justifyContent="space-between" gap={2}>
          <Typography variant="pi" textColor="warning600" data-path={problem.path.join('.')}>
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

const isSuperAdmin = (user: any) => Array.isArray(user?.roles) && user.roles.some((role: any) => role?.code === 'strapi-super-admin');

const PanelContent = ({ model, documentId, locale, fields }: { model: string; documentId?: string; locale?: string; fields: ContentTypeFields }) => {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const user = useAuth('ReprintAttributionPanel', (state) => state.user);
  const values = useForm('ReprintAttributionPanel', (state) => state.values) as Record<string, unknown>;
  const relevant = React.useMemo(() => {
    const picked: Record<string, unknown> = {};
    for (const field of [fields.reprint, fields.source, fields.title, fields.date, fields.slug, fields.seo]) {
      if (field && values && field in values) picked[field] = values[field];
    }
    return JSON.stringify(picked);
  }, [values, fields]);
  const debounced = useDebounced(relevant, 300);
  const [state, setState] = React.useState<{ loading: boolean; error?: string; data?: LiveAttribution; values?: Record<string, unknown> }>({ loading: true });

  React.useEffect(() => {
    let cancelled = false;
    const sent = JSON.parse(debounced);
    setState((previous) => ({ ...previous, loading: true }));
    post('/reprint-attribution/live', { contentType: model, documentId, locale, values: sent })
      .then((response: any) => !cancelled && setState({ loading: false, data: response.data.data, values: sent }))
      .catch((error) => !cancelled && setState({ loading: false, error: error?.response?.data?.error?.message ?? String(error) }));
    return () => {
      cancelled = true;
    };
  }, [debounced, model, documentId, locale, post]);

  useClearFixedErrors(state);
  const [summary, setSummary] = React.useState<HTMLElement | null>(null);
  const docked = useDocked(summary);

  const t = (id: string, defaultMessage: string, messageValues?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, messageValues);

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
  const checklist = data.checklist ?? [];
  // The server's verdict (every blocking problem, the source's state included), not recomputed here.
  const complete = data.complete;
  const warnings = data.problems.filter((problem) => problem.severity === 'warning');
  const words = { missingTitle: t('panel.missing', 'Publishing still needs'), satisfiedTitle: t('panel.satisfied', 'Done'), goTo: t('panel.goTo', 'Go to field') };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="reprint-attribution-panel">
      <Flex direction="column" alignItems="stretch" gap={3} ref={setSummary}>
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
        {complete ? (
          <Box>
            <Badge active>{t('panel.complete', 'Ready to publish')}</Badge>
          </Box>
        ) : null}
        <Checklist items={checklist} {...words} />
      </Flex>
      {warnings.length > 0 ? <Warnings title={t('panel.warnings', 'Check before publishing')} problems={warnings} goTo={words.goTo} /> : null}
      <Box>
        <Typography variant="sigma" textColor="neutral600">
          {t('panel.policy', 'Search engines')}
        </Typography>
        <Typography variant="pi" tag="p">
          {data.canonicalUrl ? t('panel.canonical', 'Canonical: {url}', { url: data.canonicalUrl }) : t('panel.noCanonical', 'Canonical: this page')}
        </Typography>
        {!data.canonicalUrl && isSuperAdmin(user) ? (
          <Typography variant="pi" tag="p" textColor="neutral500" data-testid="reprint-attribution-developer-hint">
            {t('panel.noCanonical.hint', 'For super admins: set SITE_ARTICLE_URL so that this page has an address.')}
          </Typography>
        ) : null}
        {data.robots.map((tag) => (
          <Typography key={tag.name} variant="pi" tag="p">
            {tag.name}: {tag.content}
          </Typography>
        ))}
      </Box>
      {docked && summary ? (
        <AttributionDock anchor={summary} title={t('panel.title', 'Reprint attribution')}>
          <Box>
            <Typography variant="pi" textColor="neutral600" tag="p">
              {t('panel.creditLine', 'Credit line ({locale})', { locale: locale ?? '' })}
            </Typography>
            <Typography variant="pi" tag="p" data-testid="reprint-attribution-dock-credit-line">
              {data.creditLine}
            </Typography>
          </Box>
          {complete ? (
            <Box>
              <Badge active>{t('panel.complete', 'Ready to publish')}</Badge>
            </Box>
          ) : null}
          <Checklist items={checklist} {...words} compact />
        </AttributionDock>
      ) : null}
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
