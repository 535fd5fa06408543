import type { Problem } from './types';

/** One version of a source document: its locale (null when the source type is not localized) and whether it is published. */
export interface SourceVersion {
  locale: string | null;
  published: boolean;
}

/**
 * The source version a reprint's readers see: the one in the reprint's locale, or, when the
 * source type is not localized or the source has no version in that locale, the default one.
 */
export const requiredSourceLocale = ({
  localized,
  reprintLocale,
  defaultLocale,
  versions,
}: {
  localized: boolean;
  reprintLocale: string | null | undefined;
  defaultLocale: string;
  versions: SourceVersion[];
}): string | null => {
  if (!localized) return null;
  return reprintLocale && versions.some((version) => version.locale === reprintLocale) ? reprintLocale : defaultLocale;
};

/**
 * A reprint may be published only when the source it cites is published where its readers look
 * for it; else the public gets `source: null` and a credit line with an empty outlet. A document
 * that is not a reprint, or has no source (`source.required` says so), has no problem here.
 */
export const checkSourcePublished = (input: {
  isReprint: boolean | null | undefined;
  hasSource: boolean;
  localized: boolean;
  reprintLocale: string | null | undefined;
  defaultLocale: string;
  versions: SourceVersion[];
}): Problem[] => {
  if (!input.isReprint || !input.hasSource) return [];
  const locale = requiredSourceLocale(input);
  const published = input.versions.some((version) => version.published && (locale === null || version.locale === locale));
  if (published) return [];
  const where = locale ? ` in ${locale}` : '';
  return [
    {
      path: ['source'],
      code: 'source.unpublished',
      message: `The source of a reprint must be published${where} first: publish it, or choose a published source`,
      severity: 'error',
      params: { locale: locale ?? '' },
    },
  ];
};

/** A published reprint that cites a source version. */
export interface CitingReprint {
  contentType: string;
  documentId: string;
  locale: string | null;
  title: string | null;
}

/**
 * Unpublishing or deleting a source version that published reprints cite would leave them with
 * an empty outlet: one problem per reprint, so the editor knows what to re-point or unpublish.
 */
export const citedSourceProblems = (reprints: CitingReprint[]): Problem[] =>
  reprints.map((reprint) => {
    const title = reprint.title ?? reprint.documentId;
    const where = `${reprint.contentType} ${reprint.documentId}${reprint.locale ? ` (${reprint.locale})` : ''}`;
    return {
      path: [],
      code: 'source.citedByReprint',
      message: `The published reprint “${title}” (${where}) cites this source: re-point it to another source or unpublish it first`,
      severity: 'error' as const,
      params: { title, contentType: reprint.contentType, documentId: reprint.documentId, locale: reprint.locale ?? '' },
    };
  });
