import { validateTemplate } from './templates';
import { EXPIRY_ACTIONS, POLICIES, TITLE_CHECK_MODES } from './types';

/** What editors may change in the admin (the rest is configuration). */
export const EDITABLE_SETTINGS = ['templates', 'titleCheck', 'defaultPolicy', 'expiryAction'] as const;

export interface SettingsProblem {
  path: string[];
  message: string;
  value?: unknown;
}

/**
 * The one check of the editable settings, for the config (at start-up) and for the settings
 * route (on save): every problem with its path. `locales`, when known, are the CMS's locales a
 * template may be saved for; a template that is null means "back to the default".
 */
export const settingsProblems = (input: unknown, { locales }: { locales?: string[] } = {}): SettingsProblem[] => {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [{ path: [], message: 'Settings must be an object' }];
  const settings = input as Record<string, unknown>;
  const problems: SettingsProblem[] = [];
  for (const key of Object.keys(settings)) {
    if (!(EDITABLE_SETTINGS as readonly string[]).includes(key)) problems.push({ path: [key], message: `${key} is not a setting (use: ${EDITABLE_SETTINGS.join(', ')})` });
  }
  const { templates } = settings;
  if (templates !== undefined) {
    if (!templates || typeof templates !== 'object' || Array.isArray(templates)) {
      problems.push({ path: ['templates'], message: 'templates must be an object of locale → template' });
    } else {
      for (const [locale, template] of Object.entries(templates)) {
        if (locales && !locales.includes(locale)) {
          problems.push({ path: ['templates', locale], message: `${locale} is not a locale of this CMS (use: ${locales.join(', ')})` });
          continue;
        }
        if (template === null) continue;
        for (const error of validateTemplate(template)) problems.push({ path: ['templates', locale], message: `templates.${locale}: ${error.message}`, value: template });
      }
    }
  }
  const oneOf = (key: string, allowed: readonly string[]) => {
    if (settings[key] !== undefined && !allowed.includes(settings[key] as string)) {
      problems.push({ path: [key], message: `${key} must be one of: ${allowed.join(', ')}`, value: settings[key] });
    }
  };
  oneOf('titleCheck', TITLE_CHECK_MODES);
  oneOf('defaultPolicy', POLICIES);
  oneOf('expiryAction', EXPIRY_ACTIONS);
  return problems;
};
