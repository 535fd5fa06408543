import { settingsProblems } from '../settings';

describe('settingsProblems: the one check of the editable settings (config and settings route)', () => {
  it('accepts valid settings, a null template (back to the default) and a partial change', () => {
    expect(settingsProblems({ titleCheck: 'error', defaultPolicy: 'original', expiryAction: 'flag', templates: { en: '{sourceName}: {originalTitle}', ru: null } }, { locales: ['en', 'ru'] })).toEqual([]);
    expect(settingsProblems({ titleCheck: 'warn' })).toEqual([]);
  });

  it('lists every problem with its path', () => {
    expect(settingsProblems({ colour: 'red', titleCheck: 'loud', templates: { ja: '{sourceName}', en: 'Reprinted.' } }, { locales: ['en'] })).toEqual([
      { path: ['colour'], message: 'colour is not a setting (use: templates, titleCheck, defaultPolicy, expiryAction)' },
      { path: ['templates', 'ja'], message: 'ja is not a locale of this CMS (use: en)' },
      { path: ['templates', 'en'], message: 'templates.en: The template must name {sourceName}', value: 'Reprinted.' },
      { path: ['templates', 'en'], message: 'templates.en: The template must name {originalTitle}', value: 'Reprinted.' },
      { path: ['titleCheck'], message: 'titleCheck must be one of: off, warn, error', value: 'loud' },
    ]);
    expect(settingsProblems([])).toEqual([{ path: [], message: 'Settings must be an object' }]);
  });

  it('checks templates without a locale list at start-up (the locales live in the database)', () => {
    expect(settingsProblems({ templates: { ja: '{sourceName} {originalTitle}' } })).toEqual([]);
  });
});
