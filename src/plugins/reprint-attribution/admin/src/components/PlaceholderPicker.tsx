import * as React from 'react';

import { Badge, Box, Flex, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';

import { getTranslation } from '../utils/getTranslation';

/** A placeholder as the server describes it (domain/templates.ts: placeholderGuide), in the admin's language. */
export interface PlaceholderGuide {
  name: string;
  meaning: string;
  required: boolean;
  selectKeys: string[];
}

const Item = styled.button`
  display: block;
  width: 100%;
  text-align: left;
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme }) => theme.colors.neutral0};
  padding: ${({ theme }) => `${theme.spaces[2]} ${theme.spaces[3]}`};
  cursor: pointer;
  &:hover,
  &:focus-visible {
    border-color: ${({ theme }) => theme.colors.primary600};
    background: ${({ theme }) => theme.colors.primary100};
  }
`;

const Code = styled.code`
  font-family: 'SF Mono', SFMono-Regular, ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace;
  font-size: 1.3rem;
  color: ${({ theme }) => theme.colors.primary700};
`;

/**
 * The placeholders a credit-line template can use, each with what it stands for and, for the
 * template in focus, its value in that locale's sample; a click inserts it at the cursor.
 */
export const PlaceholderPicker = ({
  placeholders,
  examples,
  target,
  onInsert,
}: {
  placeholders: PlaceholderGuide[];
  /** the placeholder values of the sample reprint in the target's locale */
  examples: Record<string, string | null>;
  /** the locale of the template the picker inserts into */
  target: string;
  onInsert: (token: string) => void;
}) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string>) => formatMessage({ id: getTranslation(id), defaultMessage }, values);
  return (
    <Box background="neutral100" padding={4} hasRadius data-testid="placeholder-picker">
      <Typography variant="delta" tag="h3">
        {t('settings.picker.title', 'Insert a placeholder')}
      </Typography>
      <Box paddingTop={1} paddingBottom={3}>
        <Typography variant="pi" textColor="neutral600" data-testid="placeholder-picker-target">
          {t('settings.picker.hint', 'Click one to insert it at the cursor in the template for {locale}.', { locale: target })}
        </Typography>
      </Box>
      <Flex direction="column" alignItems="stretch" gap={2}>
        {placeholders.map((placeholder) => (
          <Item
            key={placeholder.name}
            type="button"
            data-testid={`placeholder-${placeholder.name}`}
            // Keeps the template's cursor: the button takes no focus from a mouse click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onInsert(`{${placeholder.name}}`)}
            aria-label={`{${placeholder.name}}: ${placeholder.meaning}`}
          >
            <Flex gap={2} alignItems="center">
              <Code>{`{${placeholder.name}}`}</Code>
              {placeholder.required ? <Badge>{t('settings.picker.required', 'required')}</Badge> : null}
            </Flex>
            <Typography variant="pi" tag="p" textColor="neutral800">
              {placeholder.meaning}
            </Typography>
            {examples[placeholder.name] ? (
              <Typography variant="pi" tag="p" textColor="neutral500">
                {t('settings.picker.example', 'e.g. {value}', { value: String(examples[placeholder.name]) })}
              </Typography>
            ) : null}
          </Item>
        ))}
      </Flex>
      <Box paddingTop={3}>
        <Typography variant="pi" textColor="neutral600">
          {t('settings.picker.optional', 'A value that may be absent can be left out with a select, e.g. {example}', {
            example: '{authors, select, none {} other {, by {authors}}}',
          })}
        </Typography>
      </Box>
    </Box>
  );
};
