import * as React from 'react';
import { createPortal } from 'react-dom';

import { Box, Flex, Typography } from '@strapi/design-system';

/** Where the docked summary goes: over the side column, below Strapi's sticky header. */
interface Place {
  top: number;
  left: number;
  width: number;
}

const GAP = 16;

/** The bottom of the Content Manager's header when it sticks to the top (it does once scrolled), else 0. */
const headerBottom = () => {
  const sticky = document.querySelector<HTMLElement>('[data-strapi-header-sticky]');
  return sticky ? Math.max(0, sticky.getBoundingClientRect().bottom) : 0;
};

/**
 * The top of the area the edit view scrolls in: below anything the admin keeps above it (the
 * banners of a first login, which stay while the page scrolls).
 */
const scrollAreaTop = (element: HTMLElement) => {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const { overflowY } = getComputedStyle(node);
    if ((overflowY === 'auto' || overflowY === 'scroll') && node.scrollHeight > node.clientHeight) return Math.max(0, node.getBoundingClientRect().top);
  }
  return 0;
};

/**
 * Keeps the panel's summary (the credit line and the checklist) in view while the editor works
 * further down the form. Strapi's edit view scrolls its main column as a whole, and the side
 * panels scroll away with it (the side column is a grid cell as tall as the form, the panel a box
 * in it that cannot stick), so: when the summary has scrolled out of view (an
 * IntersectionObserver), a compact copy is docked, position: fixed, over the side column, which
 * is empty below the panels; it never covers the form, which has the other nine columns.
 */
export const useDocked = (element: HTMLElement | null) => {
  const [docked, setDocked] = React.useState(false);
  React.useEffect(() => {
    setDocked(false);
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        // docked once most of it has gone up behind the header; not while it is below the fold
        setDocked(entry.intersectionRatio < 0.5 && entry.boundingClientRect.top < window.innerHeight / 2);
      },
      { rootMargin: '-72px 0px 0px 0px', threshold: [0, 0.25, 0.5, 0.75, 1] }
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return docked;
};

export const AttributionDock = ({ anchor, title, children }: { anchor: HTMLElement; title: string; children: React.ReactNode }) => {
  const [place, setPlace] = React.useState<Place | null>(null);
  React.useLayoutEffect(() => {
    const measure = () => {
      // the side panel's own box (<aside>) gives the side column's left edge and width
      const column = anchor.closest('aside') ?? anchor;
      const rect = column.getBoundingClientRect();
      const next = { top: Math.max(headerBottom(), scrollAreaTop(column)) + GAP, left: rect.left, width: rect.width };
      setPlace((previous) => (previous && previous.top === next.top && previous.left === next.left && previous.width === next.width ? previous : next));
    };
    measure();
    window.addEventListener('resize', measure);
    document.addEventListener('scroll', measure, true);
    return () => {
      window.removeEventListener('resize', measure);
      document.removeEventListener('scroll', measure, true);
    };
  }, [anchor]);
  if (!place || place.width === 0) return null;
  return createPortal(
    <Box
      data-testid="reprint-attribution-dock"
      role="complementary"
      aria-label={title}
      background="neutral0"
      hasRadius
      shadow="popupShadow"
      borderColor="neutral150"
      padding={3}
      style={{ position: 'fixed', top: place.top, left: place.left, width: place.width, maxHeight: `calc(100vh - ${place.top + GAP}px)`, overflowY: 'auto', zIndex: 1 }}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography variant="sigma" textColor="neutral600">
          {title}
        </Typography>
        {children}
      </Flex>
    </Box>,
    document.body
  );
};
