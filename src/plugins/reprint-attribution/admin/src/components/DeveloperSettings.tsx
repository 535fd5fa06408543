import * as React from 'react';

import { Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

import { getTranslation } from '../utils/getTranslation';

/** The configuration behind the settings page (config/plugins.ts), which the server sends to super admins only. */
export interface DeveloperInfo {
  articleUrl: string | null;
  publicUrl: string | null;
  timeZone: string;
  cron: { enabled: boolean; rule: string | null };
  settingsCacheMs: number;
}

/**
 * What a developer sets rather than an editor: each configuration value and, where one is
 * missing, what it costs and where to set it. Shown to super admins only; editors never meet
 * environment variables.
 */
export const DeveloperSettings = ({ info }: { info: DeveloperInfo }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const notSet = t('settings.developer.notSet', 'not set');
  // `where`: where a developer sets it (always shown); `missing`: what its absence costs (when unset).
  const items: Array<{ key: string; label: string; value: string; where: string; missing?: string }> = [
    {
      key: 'articleUrl',
      label: t('settings.developer.articleUrl', 'Public address of an article'),
      value: info.articleUrl ?? notSet,
      where: t('settings.developer.articleUrl.where', 'articleUrl in config/plugins.ts, with the placeholders locale and slug in braces; in this project SITE_ARTICLE_URL in .env'),
      missing: info.articleUrl ? undefined : t('settings.developer.articleUrl.missing', 'Without it reprints have no canonical address of their own and their JSON-LD no url.'),
    },
    {
      key: 'publicUrl',
      label: t('settings.developer.publicUrl', 'Public address of the CMS'),
      value: info.publicUrl ?? notSet,
      where: t('settings.developer.publicUrl.where', 'publicUrl; in this project PUBLIC_URL in .env'),
      missing: info.publicUrl ? undefined : t('settings.developer.publicUrl.missing', 'Without it the JSON-LD leaves out images stored in the CMS.'),
    },
    {
      key: 'timeZone',
      label: t('settings.developer.timeZone', 'Newsroom time zone'),
      value: info.timeZone,
      where: t('settings.developer.timeZone.where', 'timeZone; in this project NEWSROOM_TIME_ZONE in .env'),
    },
    {
      key: 'cron',
      label: t('settings.developer.cron', 'Daily expiry job'),
      value: info.cron.enabled ? (info.cron.rule ?? '') : t('settings.developer.off', 'off'),
      where: t('settings.developer.cron.where', 'cron; in this project ATTRIBUTION_CRON_RULE and CRON_ENABLED in .env'),
      missing: info.cron.enabled ? undefined : t('settings.developer.cron.missing', 'Expired permissions are neither flagged nor unpublished.'),
    },
    {
      key: 'settingsCacheMs',
      label: t('settings.developer.cache', 'How long each instance reuses these settings'),
      value: `${info.settingsCacheMs} ms`,
      where: t('settings.developer.cache.where', 'settingsCacheMs'),
    },
  ];
  return (
    <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="developer-settings">
      <Typography variant="delta" tag="h2">
        {t('settings.developer.title', 'Configuration (super admins only)')}
      </Typography>
      <Box paddingTop={1} paddingBottom={4}>
        <Typography variant="pi" textColor="neutral600">
          {t('settings.developer.subtitle', 'Set by developers in the plugin configuration, not on this page; editors do not see this section.')}
        </Typography>
      </Box>
      <Flex direction="column" alignItems="stretch" gap={3}>
        {items.map((item) => (
          <Box key={item.key} data-testid={`developer-${item.key}`}>
            <Flex gap={2} wrap="wrap">
              <Typography variant="omega" fontWeight="bold">
                {item.label}:
              </Typography>
              <Typography variant="omega" textColor={item.missing ? 'danger600' : 'neutral800'}>
                {item.value}
              </Typography>
            </Flex>
            {item.missing ? (
              <Typography variant="pi" textColor="danger600" tag="p">
                {item.missing}
              </Typography>
            ) : null}
            <Typography variant="pi" textColor="neutral600" tag="p">
              {t('settings.developer.where', 'Set in: {where}', { where: item.where })}
            </Typography>
          </Box>
        ))}
      </Flex>
    </Box>
  );
};
