import * as React from 'react';

import { Flex, Loader, Status, Typography, VisuallyHidden } from '@strapi/design-system';
import { Plus, WarningCircle } from '@strapi/icons';
import { Link as RouterLink } from 'react-router-dom';
import { css, styled } from 'styled-components';

import type { Cell, EditionState } from '../types';

/** The Content Manager's own colours for a document's status (DocumentStatus); missing is neutral. */
export const STATE_VARIANT: Record<EditionState, 'neutral' | 'secondary' | 'success' | 'alternative'> = {
  missing: 'neutral',
  draft: 'secondary',
  published: 'success',
  modified: 'alternative',
};

const cellStyle = css`
  display: flex;
  align-items: center;
  min-height: 3.6rem;
  width: 100%;
  padding: 4px 8px;
  border: 1px solid transparent;
  border-radius: 4px;
  background: none;
  text-align: left;
  text-decoration: none;
  cursor: pointer;
  font: inherit;
  &:hover {
    border-color: ${({ theme }: any) => theme.colors.neutral200};
    background: ${({ theme }: any) => theme.colors.neutral100};
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }: any) => theme.colors.primary600};
    outline-offset: 2px;
  }
  &[aria-busy='true'] {
    cursor: progress;
  }
`;

const CellLink = styled(RouterLink)`
  ${cellStyle}
`;
const CellButton = styled.button`
  ${cellStyle}
`;
/** A missing edition the admin may not create: shown, not clickable. */
const CellPlain = styled.span`
  ${cellStyle}
  cursor: default;
  &:hover {
    border-color: transparent;
    background: none;
  }
`;

export interface EditionCellProps {
  locale: string;
  cell: Cell;
  to: string;
  creating: boolean;
  labels: {
    state: (state: EditionState) => string;
    stale: string;
    create: string;
    /** what the cell does, for screen readers and the tooltip */
    action: string;
  };
  /** absent when the admin may not create this edition: the missing cell is then not clickable */
  onCreate?: () => void;
}

/**
 * One edition of one document: its state (the Content Manager's words and colours), a visible
 * "stale" mark, and one click to open it (a link: it opens in a new tab too) or, when missing,
 * to create it from the original and open it (only for an admin the Content Manager lets create it).
 */
export const EditionCell = ({ locale, cell, to, creating, labels, onCreate }: EditionCellProps) => {
  const content = (
    <Flex gap={2} wrap="wrap" tag="span">
      <Status variant={STATE_VARIANT[cell.state]} size="XS">
        <Typography tag="span" variant="omega" fontWeight="bold">
          {labels.state(cell.state)}
        </Typography>
      </Status>
      {cell.stale ? (
        <Flex gap={1} tag="span" data-testid="translation-stale-mark">
          <WarningCircle fill="warning600" width="1.4rem" height="1.4rem" aria-hidden />
          <Typography tag="span" variant="omega" fontWeight="bold" textColor="warning700">
            {labels.stale}
          </Typography>
        </Flex>
      ) : null}
      {cell.state === 'missing' && onCreate ? (
        <Flex gap={1} tag="span">
          {creating ? <Loader small /> : <Plus width="1.2rem" height="1.2rem" fill="primary600" aria-hidden />}
          <Typography tag="span" variant="pi" textColor="primary600">
            {labels.create}
          </Typography>
        </Flex>
      ) : null}
    </Flex>
  );
  const common = {
    title: labels.action,
    'aria-label': labels.action,
    'data-testid': 'translation-cell',
    'data-locale': locale,
    'data-state': cell.state,
    'data-stale': String(cell.stale),
  };
  if (cell.state === 'missing' && !onCreate) {
    // Not a control: the reason is text (a plain element's aria-label is not read out), the tooltip too.
    const { 'aria-label': _label, ...plain } = common;
    return (
      <CellPlain {...plain}>
        {content}
        <VisuallyHidden>{labels.action}</VisuallyHidden>
      </CellPlain>
    );
  }
  if (cell.state === 'missing') {
    return (
      <CellButton type="button" onClick={onCreate} disabled={creating} aria-busy={creating} {...common}>
        {content}
      </CellButton>
    );
  }
  return (
    <CellLink to={to} {...common}>
      {content}
    </CellLink>
  );
};
