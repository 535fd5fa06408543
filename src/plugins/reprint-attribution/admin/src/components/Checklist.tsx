import * as React from 'react';

import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { CheckCircle, CrossCircle } from '@strapi/icons';

import type { ChecklistItem } from '../types';

/** Moves the editor to a field of the form (its input is named by the field path). */
export const focusField = (path: string[]) => {
  const name = path.join('.');
  const input = document.querySelector<HTMLElement>(`[name="${name}"]`) ?? document.querySelector<HTMLElement>(`[name^="${path[0]}"]`);
  input?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  input?.focus();
};

interface ChecklistProps {
  items: ChecklistItem[];
  /** "Publishing still needs" */
  missingTitle: string;
  /** "Done" */
  satisfiedTitle: string;
  goTo: string;
  /** the docked summary: labels only, no messages, its own test ids */
  compact?: boolean;
}

const Tick = ({ satisfied }: { satisfied: boolean }) =>
  satisfied ? <CheckCircle aria-hidden fill="success600" width="1.4rem" height="1.4rem" /> : <CrossCircle aria-hidden fill="danger600" width="1.4rem" height="1.4rem" />;

/**
 * The checklist as editors know it from SEO plugins: what publishing still needs (each with its
 * message and a way to its field) and, ticked, what is done (source ✓, original title ✓, licence ✓,
 * permission expires on …). Items, labels and messages come from the server, in the admin's language.
 */
export const Checklist = ({ items, missingTitle, satisfiedTitle, goTo, compact = false }: ChecklistProps) => {
  const missing = items.filter((item) => !item.satisfied);
  const satisfied = items.filter((item) => item.satisfied);
  const prefix = compact ? 'reprint-attribution-dock' : 'reprint-attribution';
  return (
    <Flex direction="column" alignItems="stretch" gap={compact ? 1 : 2}>
      {missing.length > 0 ? (
        <Box data-testid={`${prefix}-checklist`}>
          <Typography variant="sigma" textColor="danger600">
            {missingTitle}
          </Typography>
          <Flex direction="column" alignItems="stretch" gap={1} paddingTop={1}>
            {missing.map((item) => (
              <Flex key={item.path.join('.')} justifyContent="space-between" alignItems="flex-start" gap={2}>
                <Flex gap={2} alignItems="flex-start" {...(compact ? { 'data-dock-path': item.path.join('.') } : { 'data-path': item.path.join('.') })} data-satisfied="false">
                  <Box paddingTop={compact ? 0 : 1}>
                    <Tick satisfied={false} />
                  </Box>
                  <Box>
                    <Typography variant={compact ? 'pi' : 'omega'} fontWeight="semiBold" textColor="danger600" tag="p">
                      {item.label}
                    </Typography>
                    {!compact && item.message ? (
                      <Typography variant="pi" textColor="danger600" tag="p">
                        {item.message}
                      </Typography>
                    ) : null}
                  </Box>
                </Flex>
                <Button size="S" variant="tertiary" onClick={() => focusField(item.path)}>
                  {goTo}
                </Button>
              </Flex>
            ))}
          </Flex>
        </Box>
      ) : null}
      {satisfied.length > 0 ? (
        <Box data-testid={`${prefix}-satisfied`}>
          {!compact ? (
            <Typography variant="sigma" textColor="success600">
              {satisfiedTitle}
            </Typography>
          ) : null}
          <Flex tag="ul" direction="column" alignItems="stretch" gap={compact ? 0 : 1} paddingTop={compact ? 0 : 1}>
            {satisfied.map((item) => (
              <Flex tag="li" key={item.path.join('.')} gap={2} alignItems="center" data-key={item.key} data-satisfied="true">
                <Tick satisfied />
                <Typography variant="pi" textColor="neutral800">
                  {item.label}
                </Typography>
              </Flex>
            ))}
          </Flex>
        </Box>
      ) : null}
    </Flex>
  );
};
