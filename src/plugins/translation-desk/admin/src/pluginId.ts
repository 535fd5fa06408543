export const PLUGIN_ID = 'translation-desk';
