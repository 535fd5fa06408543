/**
 * What the desk's own tables share: hidden (no Content Manager, no Content-Type Builder, no
 * content API routes), one version only (no draft & publish), not localized.
 */
export const HIDDEN = {
  kind: 'collectionType',
  options: { draftAndPublish: false },
  pluginOptions: {
    'content-manager': { visible: false },
    'content-type-builder': { visible: false },
    i18n: { localized: false },
  },
} as const;
