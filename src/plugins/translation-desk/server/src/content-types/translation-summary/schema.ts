import { HIDDEN } from '../hidden';

/**
 * One summary per (content type, documentId): what the Translations page shows of the document,
 * a cell per locale (its state, staleness, title, date and filter values), kept by the desk in
 * the same transaction as every write of the document (and rebuilt at start-up for documents
 * written behind its back), so that the page reads one narrow row per document instead of every
 * version. Hidden, one version only, not localized. Unique per (contentType, entryDocumentId): an
 * index the plugin creates at start-up (bootstrap.ts).
 */
export default {
  ...HIDDEN,
  collectionName: 'translation_desk_summaries',
  info: {
    singularName: 'translation-summary',
    pluralName: 'translation-summaries',
    displayName: 'Translation summary',
    description: 'What the Translations page shows of each document (hidden)',
  },
  attributes: {
    contentType: { type: 'string', required: true },
    entryDocumentId: { type: 'string', required: true },
    /** a fingerprint of the versions (locale, status, updatedAt) and the desk's config it was computed from: start-up recomputes a summary whose versions changed behind the desk's back */
    stamp: { type: 'string' },
    /** the cells, by locale (DocumentSummary['cells']) */
    cells: { type: 'json' },
  },
} as const;
