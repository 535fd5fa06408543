import { HIDDEN } from '../hidden';

/**
 * One record per (content type, documentId, locale): what the desk knows of that locale version.
 * Hidden (no Content Manager, no Content-Type Builder, no content API routes), one version only
 * (no draft & publish), not localized. Unique per (contentType, entryDocumentId, entryLocale): an
 * index the plugin creates at start-up (bootstrap.ts), which every writer's upsert relies on.
 */
export default {
  ...HIDDEN,
  collectionName: 'translation_desk_records',
  info: {
    singularName: 'translation-record',
    pluralName: 'translation-records',
    displayName: 'Translation record',
    description: 'What the translation desk records of each locale version (hidden)',
  },
  attributes: {
    contentType: { type: 'string', required: true },
    entryDocumentId: { type: 'string', required: true },
    entryLocale: { type: 'string', required: true },
    /** the hash of this version's watched fields (its draft) */
    hash: { type: 'string' },
    /** each watched field's hash */
    fieldHashes: { type: 'json' },
    /** the draft's updatedAt when it was recorded: a version saved since (an import, a failed record) is recorded again at start-up */
    draftUpdatedAt: { type: 'datetime' },
    /** when this version's watched text last changed */
    hashChangedAt: { type: 'datetime' },
    /** the locale this version was translated from; null for the original */
    translatedFrom: { type: 'string' },
    /** the source's hash, field hashes and text when this translation was made, last saved with changed text, or reviewed */
    sourceHash: { type: 'string' },
    sourceFieldHashes: { type: 'json' },
    sourceSnapshot: { type: 'json' },
    sourceRecordedAt: { type: 'datetime' },
    reviewedAt: { type: 'datetime' },
    reviewedBy: { type: 'string' },
    reviewedById: { type: 'integer' },
  },
} as const;
