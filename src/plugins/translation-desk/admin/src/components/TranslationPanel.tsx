import * as React from 'react';

import { Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { CheckCircle, Eye, WarningCircle } from '@strapi/icons';
import { useDocumentRBAC, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';

import type { DeskType, EditionDetail } from '../types';
import { errorMessage, errorStatus, fetchDeskTypes } from '../utils/api';
import { textChange } from '../utils/diff';
import { getTranslation } from '../utils/getTranslation';
import { dayOf, fieldLabelId, useLocaleWords } from '../utils/labels';

interface PanelProps {
  model: string;
  documentId?: string;
  document?: { locale?: string | null; updatedAt?: string | null } | null;
}

/** One field of the original: what it said when the translation was made, and what it says now. */
const Change = ({ label, before, after, words }: { label: string; before: string | null; after: string | null; words: { before: string; after: string; empty: string } }) => {
  const change = textChange(before, after);
  const side = (text: string, changed: string, tone: 'danger' | 'success', testid: string) => (
    <Box>
      <Typography variant="sigma" textColor="neutral600">
        {text}
      </Typography>
      <Box padding={2} marginTop={1} background={`${tone}100`} hasRadius>
        <Typography variant="omega" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid={testid}>
          {change.cutStart ? '…' : ''}
          {change.prefix}
          {changed ? (
            <Typography tag={tone === 'danger' ? 'del' : 'ins'} fontWeight="bold" textColor={`${tone}700`} style={{ textDecoration: tone === 'danger' ? 'line-through' : 'underline' }}>
              {changed}
            </Typography>
          ) : null}
          {change.suffix}
          {change.cutEnd ? '…' : ''}
          {!change.prefix && !changed && !change.suffix ? <Typography textColor="neutral500">{words.empty}</Typography> : null}
        </Typography>
      </Box>
    </Box>
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="translation-diff-field">
      <Typography variant="delta" tag="h3">
        {label}
      </Typography>
      {side(words.before, change.removed, 'danger', 'translation-diff-before')}
      {side(words.after, change.added, 'success', 'translation-diff-after')}
    </Flex>
  );
};

const PanelContent = ({ model, documentId, locale, updatedAt }: { model: string; documentId: string; locale: string; updatedAt?: string | null }) => {
  const { formatMessage, formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // The Content Manager's own answer for this document (the server checks it again).
  const canUpdate = useDocumentRBAC('TranslationDeskPanel', (state) => state.canUpdate, false);
  const [state, setState] = React.useState<{ loading: boolean; detail?: EditionDetail | null; error?: string }>({ loading: true });
  const [reviewing, setReviewing] = React.useState(false);
  const [justReviewed, setJustReviewed] = React.useState(false);

  React.useEffect(() => {
    let cancelled = false;
    setState((previous) => ({ ...previous, loading: true }));
    get(`/translation-desk/documents/${model}/${documentId}/${locale}`)
      .then((response: any) => !cancelled && setState({ loading: false, detail: response.data.data as EditionDetail }))
      .catch((error) => {
        if (cancelled) return;
        // Not (yet) known to the desk, or not this admin's to see: nothing to say.
        if ([403, 404].includes(errorStatus(error) ?? 0)) setState({ loading: false, detail: null });
        else setState({ loading: false, error: errorMessage(error) });
      });
    return () => {
      cancelled = true;
    };
    // updatedAt: a save of this edition may bring it up to date (or make it another's original)
  }, [get, model, documentId, locale, updatedAt]);

  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { name: lang, original: originalOf } = useLocaleWords();
  const fieldName = (field: string) => formatMessage({ id: fieldLabelId(model, field), defaultMessage: field });
  const separator = t('list.separator', ', ');
  const moment = (value: string) => formatDate(value, { dateStyle: 'medium', timeStyle: 'short' });

  const review = async () => {
    setReviewing(true);
    try {
      const response: any = await post(`/translation-desk/documents/${model}/${documentId}/${locale}/review`, {});
      setState({ loading: false, detail: response.data.data as EditionDetail });
      setJustReviewed(true);
      toggleNotification({ type: 'success', message: t('panel.reviewed.notice', 'Marked as reviewed: this edition is up to date with its original.') });
    } catch (error) {
      toggleNotification({ type: 'danger', message: t('panel.review.failed', 'Could not mark as reviewed: {message}', { message: errorMessage(error) }) });
    } finally {
      setReviewing(false);
    }
  };

  if (state.error) {
    return (
      <Typography variant="pi" textColor="danger600" data-testid="translation-panel-error">
        {t('panel.error', 'The translation status could not be loaded: {message}', { message: state.error })}
      </Typography>
    );
  }
  if (state.loading && state.detail === undefined) return <Loader small>{t('loading', 'Loading the translation status…')}</Loader>;
  const detail = state.detail;
  if (!detail) return null;

  if (!detail.translatedFrom) {
    return (
      <Typography variant="pi" textColor="neutral600" data-testid="translation-panel-original">
        {t('panel.original', 'The original edition: the other editions are compared with it.')}
      </Typography>
    );
  }
  const original = originalOf(detail.translatedFrom);
  const source = lang(detail.translatedFrom);

  if (!detail.stale) {
    return (
      <Flex direction="column" alignItems="stretch" gap={1} data-testid="translation-panel-current">
        <Flex gap={2}>
          <CheckCircle fill="success600" aria-hidden />
          <Typography variant="omega" textColor={justReviewed ? 'success700' : 'neutral700'}>
            {t('panel.current', 'Up to date with {original}.', { original, locale: source })}
          </Typography>
        </Flex>
        {detail.reviewedAt ? (
          <Typography variant="pi" textColor="neutral600" data-testid="translation-panel-reviewed">
            {detail.reviewedBy
              ? t('panel.reviewedBy', 'Reviewed {date} by {name}', { date: moment(detail.reviewedAt), name: detail.reviewedBy })
              : t('panel.reviewedAt', 'Reviewed {date}', { date: moment(detail.reviewedAt) })}
          </Typography>
        ) : null}
      </Flex>
    );
  }

  const fields = detail.changedFields.map(fieldName).join(separator);
  const date = detail.sourceChangedAt ? formatDate(dayOf(detail.sourceChangedAt), { dateStyle: 'medium', timeZone: 'UTC' }) : '—';
  const words = { before: t('diff.before', 'When this edition was translated'), after: t('diff.after', 'The original now'), empty: t('diff.empty', '(empty)') };

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="translation-panel-stale">
      <Box padding={3} background="warning100" borderColor="warning200" hasRadius>
        <Flex gap={2} alignItems="flex-start">
          <Box paddingTop={1}>
            <WarningCircle fill="warning600" aria-hidden />
          </Box>
          <Typography variant="omega" textColor="warning700" data-testid="translation-panel-message">
            {t('panel.stale', 'This edition is stale: {original} changed on {date} ({fields}).', { original, locale: source, date, fields: fields || '—' })}
          </Typography>
        </Flex>
      </Box>
      <Modal.Root>
        <Modal.Trigger>
          <Button variant="tertiary" size="S" startIcon={<Eye />} fullWidth data-testid="translation-panel-diff">
            {t('panel.showChanges', 'See what changed')}
          </Button>
        </Modal.Trigger>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>{t('diff.title', 'What changed in {original}', { original, locale: source })}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5} data-testid="translation-diff">
              {detail.diffWithheld ? (
                <Typography textColor="neutral600">{t('diff.withheld', 'You may not read the original in the Content Manager, so its text is not shown.')}</Typography>
              ) : detail.diff.length === 0 ? (
                <Typography textColor="neutral600">{t('diff.none', 'The changed fields are not available.')}</Typography>
              ) : (
                detail.diff.map((change) => <Change key={change.field} label={fieldName(change.field)} before={change.before} after={change.after} words={words} />)
              )}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('diff.close', 'Close')}</Button>
            </Modal.Close>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
      {canUpdate ? (
        <Button variant="secondary" size="S" startIcon={<CheckCircle />} onClick={review} loading={reviewing} fullWidth data-testid="translation-panel-review">
          {t('panel.review', 'Mark as reviewed')}
        </Button>
      ) : null}
      {canUpdate ? (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.review.hint', 'Once this edition says what the original says now. The text is not changed.')}
        </Typography>
      ) : null}
    </Flex>
  );
};

/**
 * The edit view's side panel: whether this edition fell behind the original it was translated
 * from, with what changed, and "Mark as reviewed". Only on the localized types the desk covers
 * and this admin may read.
 */
export const TranslationPanel = ({ model, documentId, document }: PanelProps) => {
  const { formatMessage } = useIntl();
  const [types, setTypes] = React.useState<DeskType[] | null>(null);
  React.useEffect(() => {
    let cancelled = false;
    fetchDeskTypes()
      .then((answer) => !cancelled && setTypes(answer))
      .catch(() => !cancelled && setTypes([]));
    return () => {
      cancelled = true;
    };
  }, []);
  const locale = document?.locale ?? new URLSearchParams(window.location.search).get('plugins[i18n][locale]') ?? undefined;
  if (!types || !documentId || !locale || !types.some((type) => type.uid === model)) return null;
  return {
    title: formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Translation' }),
    content: <PanelContent model={model} documentId={documentId} locale={locale} updatedAt={document?.updatedAt} />,
  };
};
