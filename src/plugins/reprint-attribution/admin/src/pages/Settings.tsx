import * as React from 'react';

import { Box, Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

interface SettingsData {
  /** the CMS's locales, the default first */
  locales: string[];
  templates: Record<string, string>;
  defaults: Record<string, string>;
  placeholders: string[];
  titleCheck: string;
  defaultPolicy: string;
  expiryAction: string;
}

const canUpdate = [{ action: 'plugin::reprint-attribution.settings.update', subject: null }];

const TemplateEditor = ({
  locale,
  value,
  onChange,
  onReset,
  onValidity,
  error,
}: {
  locale: string;
  value: string;
  onChange: (value: string) => void;
  onReset: () => void;
  onValidity: (locale: string, valid: boolean) => void;
  error?: string;
}) => {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const [preview, setPreview] = React.useState<{ sample?: string; document?: string; documentTitle?: string | null; errors?: Array<{ message: string }> }>({});

  React.useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      Promise.all([
        post('/reprint-attribution/preview', { locale, template: value }),
        post('/reprint-attribution/preview', { locale, template: value, on: 'document' }),
      ])
        .then(([sample, onDocument]: any[]) => {
          if (cancelled) return;
          const { errors, creditLine } = sample.data.data;
          setPreview({ errors, sample: creditLine?.text, document: onDocument.data.data.creditLine?.text, documentTitle: onDocument.data.data.document?.title });
          onValidity(locale, !errors || errors.length === 0);
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [locale, value, post, onValidity]);

  const inlineError = preview.errors?.map((item) => item.message).join('; ') || error;
  return (
    <Box>
      <Field.Root name={`template-${locale}`} error={inlineError}>
        <Field.Label>{formatMessage({ id: getTranslation('settings.template.locale'), defaultMessage: 'Template for {locale}' }, { locale })}</Field.Label>
        <Textarea value={value} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)} data-testid={`template-${locale}`} />
        <Field.Error />
      </Field.Root>
      <Flex paddingTop={2} gap={2} justifyContent="space-between" alignItems="flex-start">
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {formatMessage({ id: getTranslation('settings.preview'), defaultMessage: 'Preview' })} · {formatMessage({ id: getTranslation('settings.preview.sample'), defaultMessage: 'on a sample reprint' })}
          </Typography>
          <Typography variant="omega" tag="p" data-testid={`preview-${locale}`}>
            {preview.errors && preview.errors.length > 0 ? '' : preview.sample}
          </Typography>
          {preview.documentTitle && !(preview.errors && preview.errors.length > 0) ? (
            <>
              <Typography variant="sigma" textColor="neutral600">
                {formatMessage({ id: getTranslation('settings.preview'), defaultMessage: 'Preview' })} · {preview.documentTitle}
              </Typography>
              <Typography variant="omega" tag="p" data-testid={`preview-document-${locale}`}>
                {preview.document}
              </Typography>
            </>
          ) : null}
        </Box>
        <Button variant="tertiary" size="S" onClick={onReset}>
          {formatMessage({ id: getTranslation('settings.reset'), defaultMessage: 'Restore the default' })}
        </Button>
      </Flex>
    </Box>
  );
};

const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading: permissionsLoading } = useRBAC({ update: canUpdate });
  const [data, setData] = React.useState<SettingsData | null>(null);
  const [draft, setDraft] = React.useState<SettingsData | null>(null);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [saving, setSaving] = React.useState(false);
  const [invalid, setInvalid] = React.useState<Record<string, boolean>>({});
  const onValidity = React.useCallback((locale: string, valid: boolean) => setInvalid((previous) => ({ ...previous, [locale]: !valid })), []);

  React.useEffect(() => {
    get('/reprint-attribution/settings').then((response: any) => {
      setData(response.data.data);
      setDraft(response.data.data);
    });
  }, [get]);

  if (!draft || !data || permissionsLoading) return <Page.Loading />;
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const templates: Record<string, string | null> = {};
      for (const locale of data.locales) {
        // Only what the editor changed: a locale that shows its language's template keeps inheriting it.
        if (draft.templates[locale] === data.templates[locale]) continue;
        templates[locale] = draft.templates[locale] === data.defaults[locale] ? null : draft.templates[locale];
      }
      const response: any = await put('/reprint-attribution/settings', {
        templates,
        titleCheck: draft.titleCheck,
        defaultPolicy: draft.defaultPolicy,
        expiryAction: draft.expiryAction,
      });
      setData({ ...data, ...response.data.data });
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
    } catch (error: any) {
      const details = error?.response?.data?.error?.details?.errors ?? [];
      const byField: Record<string, string> = {};
      for (const detail of details) byField[detail.path.join('.')] = detail.message;
      setErrors(byField);
      toggleNotification({ type: 'danger', message: error?.response?.data?.error?.message ?? String(error) });
    } finally {
      setSaving(false);
    }
  };

  const select = (key: 'titleCheck' | 'defaultPolicy' | 'expiryAction', label: string, options: Array<[string, string]>) => (
    <Field.Root name={key} error={errors[key]}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={draft[key]} onChange={(value: string | number) => setDraft({ ...draft, [key]: String(value) })} disabled={!allowedActions.canUpdate}>
        {options.map(([value, text]) => (
          <SingleSelectOption key={value} value={value}>
            {text}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Error />
    </Field.Root>
  );

  return (
    <Layouts.Root>
      <Page.Title>{t('settings.title', 'Reprint attribution')}</Page.Title>
      <Page.Main>
        <Layouts.Header
          title={t('settings.title', 'Reprint attribution')}
          subtitle={t('settings.subtitle', 'Credit-line templates, search-engine policy and permission expiry')}
          primaryAction={
            allowedActions.canUpdate ? (
              <Button onClick={save} loading={saving} disabled={Object.values(invalid).some(Boolean)} data-testid="save-settings">
                {t('settings.save', 'Save')}
              </Button>
            ) : undefined
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={6} background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Typography variant="delta" tag="h2">
              {t('settings.templates', 'Credit-line templates')}
            </Typography>
            <Typography variant="pi" textColor="neutral600">
              {formatMessage(
                { id: getTranslation('settings.template.hint'), defaultMessage: 'ICU MessageFormat. Placeholders: {placeholders}.' },
                { placeholders: data.placeholders.map((name) => `{${name}}`).join(' '), example: '{authors, select, none {} other {, by {authors}}}' }
              )}
            </Typography>
            {data.locales.map((locale) => (
              <TemplateEditor
                key={locale}
                locale={locale}
                value={draft.templates[locale] ?? ''}
                error={errors[`templates.${locale}`]}
                onChange={(value) => setDraft({ ...draft, templates: { ...draft.templates, [locale]: value } })}
                onReset={() => setDraft({ ...draft, templates: { ...draft.templates, [locale]: data.defaults[locale] } })}
                onValidity={onValidity}
              />
            ))}
            <Grid.Root gap={4}>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                {select('titleCheck', t('settings.titleCheck', 'Headline check for full reprints'), [
                  ['off', t('settings.titleCheck.off', 'Off')],
                  ['warn', t('settings.titleCheck.warn', 'Warn')],
                  ['error', t('settings.titleCheck.error', 'Refuse to publish')],
                ])}
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                {select('defaultPolicy', t('settings.defaultPolicy', 'Default canonical/robots policy of reprints'), [
                  ['self', t('settings.policy.self', 'Self-canonical')],
                  ['original', t('settings.policy.original', 'Canonical to the original')],
                  ['noindex-news', t('settings.policy.noindex-news', 'Keep news crawlers away (noindex)')],
                ])}
              </Grid.Item>
              <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                {select('expiryAction', t('settings.expiryAction', 'When a permission expires'), [
                  ['flag', t('settings.expiry.flag', 'Flag for the editors')],
                  ['unpublish', t('settings.expiry.unpublish', 'Unpublish')],
                ])}
              </Grid.Item>
            </Grid.Root>
          </Flex>
        </Layouts.Content>
      </Page.Main>
    </Layouts.Root>
  );
};

const ProtectedSettingsPage = () => (
  <Page.Protect permissions={[{ action: 'plugin::reprint-attribution.read', subject: null }]}>
    <SettingsPage />
  </Page.Protect>
);

export default ProtectedSettingsPage;
