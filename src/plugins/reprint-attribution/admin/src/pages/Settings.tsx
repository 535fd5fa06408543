import * as React from 'react';

import { Box, Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, Textarea, Typography } from '@strapi/design-system';
import { Blocker, Form, Layouts, Page, useAuth, useFetchClient, useForm, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import { DeveloperSettings, type DeveloperInfo } from '../components/DeveloperSettings';
import { PlaceholderPicker, type PlaceholderGuide } from '../components/PlaceholderPicker';
import { getTranslation } from '../utils/getTranslation';

interface SettingsData {
  /** the CMS's locales, the default first */
  locales: string[];
  templates: Record<string, string>;
  defaults: Record<string, string>;
  /** the placeholders with their meaning in the admin's language (from the server) */
  placeholders: PlaceholderGuide[];
  /** the placeholder values of each locale's sample reprint */
  examples: Record<string, Record<string, string | null>>;
  titleCheck: string;
  defaultPolicy: string;
  expiryAction: string;
  /** the configuration behind the page, sent to super admins only */
  developer: DeveloperInfo | null;
}

interface Values {
  templates: Record<string, string>;
  titleCheck: string;
  defaultPolicy: string;
  expiryAction: string;
}

const SUPER_ADMIN = 'strapi-super-admin';
const canUpdate = [{ action: 'plugin::reprint-attribution.settings.update', subject: null }];
const valuesOf = (data: SettingsData): Values => ({
  templates: Object.fromEntries(data.locales.map((locale) => [locale, data.templates[locale] ?? ''])),
  titleCheck: data.titleCheck,
  defaultPolicy: data.defaultPolicy,
  expiryAction: data.expiryAction,
});

const TemplateEditor = ({
  locale,
  defaultTemplate,
  onValidity,
  onFocus,
  textareaRef,
  error,
  disabled,
}: {
  locale: string;
  defaultTemplate: string;
  onValidity: (locale: string, valid: boolean) => void;
  onFocus: (locale: string) => void;
  textareaRef: (element: HTMLTextAreaElement | null) => void;
  error?: string;
  disabled?: boolean;
}) => {
  const { formatMessage } = useIntl();
  const { post } = useFetchClient();
  const value = useForm('TemplateEditor', (state) => (state.values as Values).templates[locale] ?? '');
  const onChange = useForm('TemplateEditor', (state) => state.onChange);
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

  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const broken = Boolean(preview.errors && preview.errors.length > 0);
  const inlineError = preview.errors?.map((item) => item.message).join('; ') || error;
  return (
    <Box>
      <Field.Root name={`templates.${locale}`} error={inlineError}>
        <Field.Label>{formatMessage({ id: getTranslation('settings.template.locale'), defaultMessage: 'Template for {locale}' }, { locale })}</Field.Label>
        <Textarea
          ref={textareaRef}
          value={value}
          disabled={disabled}
          onFocus={() => onFocus(locale)}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(`templates.${locale}`, event.target.value)}
          data-testid={`template-${locale}`}
        />
        <Field.Error />
      </Field.Root>
      <Flex paddingTop={2} gap={2} justifyContent="space-between" alignItems="flex-start">
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {t('settings.preview', 'Preview')} · {t('settings.preview.sample', 'on a sample reprint')}
          </Typography>
          <Typography variant="omega" tag="p" data-testid={`preview-${locale}`}>
            {broken ? '' : preview.sample}
          </Typography>
          {preview.documentTitle && !broken ? (
            <>
              <Typography variant="sigma" textColor="neutral600">
                {t('settings.preview', 'Preview')} · {preview.documentTitle}
              </Typography>
              <Typography variant="omega" tag="p" data-testid={`preview-document-${locale}`}>
                {preview.document}
              </Typography>
            </>
          ) : null}
        </Box>
        {disabled ? null : (
          <Button variant="tertiary" size="S" onClick={() => onChange(`templates.${locale}`, defaultTemplate)}>
            {t('settings.reset', 'Restore the default')}
          </Button>
        )}
      </Flex>
    </Box>
  );
};

const PolicySelect = ({ name, label, options, error, disabled }: { name: 'titleCheck' | 'defaultPolicy' | 'expiryAction'; label: string; options: Array<[string, string]>; error?: string; disabled?: boolean }) => {
  const value = useForm('PolicySelect', (state) => (state.values as Values)[name]);
  const onChange = useForm('PolicySelect', (state) => state.onChange);
  return (
    <Field.Root name={name} error={error}>
      <Field.Label>{label}</Field.Label>
      <SingleSelect value={value} onChange={(next: string | number) => onChange(name, String(next))} disabled={disabled}>
        {options.map(([option, text]) => (
          <SingleSelectOption key={option} value={option}>
            {text}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Error />
    </Field.Root>
  );
};

const SaveButton = ({ disabled, label }: { disabled: boolean; label: string }) => {
  const isSubmitting = useForm('SaveButton', (state) => state.isSubmitting);
  const modified = useForm('SaveButton', (state) => state.modified);
  return (
    <Button type="submit" loading={isSubmitting} disabled={disabled || !modified} data-testid="save-settings">
      {label}
    </Button>
  );
};

const SettingsPage = () => {
  const { formatMessage } = useIntl();
  const { get, put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading: permissionsLoading } = useRBAC({ update: canUpdate });
  const roles = useAuth('ReprintAttributionSettings', (state) => state.user?.roles);
  const isSuperAdmin = Boolean(roles?.some((role: { code?: string }) => role.code === SUPER_ADMIN));
  const [data, setData] = React.useState<SettingsData | null>(null);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [invalid, setInvalid] = React.useState<Record<string, boolean>>({});
  const [active, setActive] = React.useState<string | null>(null);
  const textareas = React.useRef<Record<string, HTMLTextAreaElement | null>>({});
  const onValidity = React.useCallback((locale: string, valid: boolean) => setInvalid((previous) => ({ ...previous, [locale]: !valid })), []);
  const initialValues = React.useMemo(() => (data ? valuesOf(data) : null), [data]);

  React.useEffect(() => {
    get('/reprint-attribution/settings').then((response: any) => setData(response.data.data));
  }, [get]);

  if (!data || !initialValues || permissionsLoading) return <Page.Loading />;
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });
  const target = active ?? data.locales[0];
  const editable = allowedActions.canUpdate;

  const save = async (values: Values, { resetForm }: { resetForm: (values?: Values) => void }) => {
    setErrors({});
    try {
      const templates: Record<string, string | null> = {};
      for (const locale of data.locales) {
        // Only what the editor changed: a locale that shows its language's template keeps inheriting it.
        if (values.templates[locale] === initialValues.templates[locale]) continue;
        templates[locale] = values.templates[locale] === data.defaults[locale] ? null : values.templates[locale];
      }
      const response: any = await put('/reprint-attribution/settings', {
        templates,
        titleCheck: values.titleCheck,
        defaultPolicy: values.defaultPolicy,
        expiryAction: values.expiryAction,
      });
      const saved = (await get('/reprint-attribution/settings')) as any;
      const next: SettingsData = { ...data, ...response.data.data, ...saved.data.data };
      // What was saved is the new starting point: leaving now asks nothing.
      resetForm(valuesOf(next));
      setData(next);
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
    } catch (error: any) {
      const details = error?.response?.data?.error?.details?.errors ?? [];
      const byField: Record<string, string> = {};
      for (const detail of details) byField[detail.path.join('.')] = detail.message;
      setErrors(byField);
      toggleNotification({ type: 'danger', message: error?.response?.data?.error?.message ?? String(error) });
    }
  };

  /** Puts a placeholder where the cursor is in the template in focus (or the first), then the cursor after it. */
  const insert = (onChange: (path: string, value: string) => void, values: Values) => (token: string) => {
    const element = textareas.current[target];
    const current = values.templates[target] ?? '';
    const start = element ? element.selectionStart : current.length;
    const end = element ? element.selectionEnd : current.length;
    onChange(`templates.${target}`, current.slice(0, start) + token + current.slice(end));
    requestAnimationFrame(() => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('settings.title', 'Reprint attribution')}</Page.Title>
      <Page.Main>
        <Form method="PUT" initialValues={initialValues} onSubmit={save as any} width="100%" height="auto">
          {({ values, onChange }: { values: Values; onChange: (path: string, value: string) => void }) => (
            <>
              <Layouts.Header
                title={t('settings.title', 'Reprint attribution')}
                subtitle={t('settings.subtitle', 'Credit-line templates, search-engine policy and permission expiry')}
                primaryAction={editable ? <SaveButton disabled={Object.values(invalid).some(Boolean)} label={t('settings.save', 'Save')} /> : undefined}
              />
              <Layouts.Content>
                <Flex direction="column" alignItems="stretch" gap={6}>
                  <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                    <Typography variant="delta" tag="h2">
                      {t('settings.templates', 'Credit-line templates')}
                    </Typography>
                    <Box paddingTop={1} paddingBottom={4}>
                      <Typography variant="pi" textColor="neutral600">
                        {t('settings.template.hint', 'What each edition prints under a reprint. Type text around the placeholders, or click one on the right to insert it.')}
                      </Typography>
                    </Box>
                    <Grid.Root gap={6}>
                      <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
                        <Flex direction="column" alignItems="stretch" gap={6}>
                          {data.locales.map((locale) => (
                            <TemplateEditor
                              key={locale}
                              locale={locale}
                              defaultTemplate={data.defaults[locale]}
                              error={errors[`templates.${locale}`]}
                              onValidity={onValidity}
                              onFocus={setActive}
                              disabled={!editable}
                              textareaRef={(element) => {
                                textareas.current[locale] = element;
                              }}
                            />
                          ))}
                        </Flex>
                      </Grid.Item>
                      {editable ? (
                        <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                          <Box position="sticky" top={4} width="100%">
                            <PlaceholderPicker placeholders={data.placeholders} examples={data.examples?.[target] ?? {}} target={target} onInsert={insert(onChange, values)} />
                          </Box>
                        </Grid.Item>
                      ) : null}
                    </Grid.Root>
                  </Box>
                  <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
                    <Grid.Root gap={4}>
                      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                        <PolicySelect
                          name="titleCheck"
                          label={t('settings.titleCheck', 'Headline check for full reprints')}
                          error={errors.titleCheck}
                          disabled={!editable}
                          options={[
                            ['off', t('settings.titleCheck.off', 'Off')],
                            ['warn', t('settings.titleCheck.warn', 'Warn')],
                            ['error', t('settings.titleCheck.error', 'Refuse to publish')],
                          ]}
                        />
                      </Grid.Item>
                      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                        <PolicySelect
                          name="defaultPolicy"
                          label={t('settings.defaultPolicy', 'Default canonical/robots policy of reprints')}
                          error={errors.defaultPolicy}
                          disabled={!editable}
                          options={[
                            ['self', t('settings.policy.self', 'Self-canonical')],
                            ['original', t('settings.policy.original', 'Canonical to the original')],
                            ['noindex-news', t('settings.policy.noindex-news', 'Keep news crawlers away (noindex)')],
                          ]}
                        />
                      </Grid.Item>
                      <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                        <PolicySelect
                          name="expiryAction"
                          label={t('settings.expiryAction', 'When a permission expires')}
                          error={errors.expiryAction}
                          disabled={!editable}
                          options={[
                            ['flag', t('settings.expiry.flag', 'Flag for the editors')],
                            ['unpublish', t('settings.expiry.unpublish', 'Unpublish')],
                          ]}
                        />
                      </Grid.Item>
                    </Grid.Root>
                  </Box>
                  {isSuperAdmin && data.developer ? <DeveloperSettings info={data.developer} /> : null}
                </Flex>
              </Layouts.Content>
              <Blocker />
            </>
          )}
        </Form>
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
