import type { Core } from '@strapi/strapi';

import { creditLineValues, defaultTemplates, languagePack, placeholderGuide, resolveRuleSets, sampleInput, settingsProblems, validateTemplate, type AttributionSettings, type ExpiryAction } from '../domain';
import { validationError } from '../errors';
import { getConfig, PLUGIN_ID } from '../utils';

/** What editors may change in the admin; the rest is configuration (config/plugins.ts). */
export interface EditableSettings {
  templates: Record<string, string>;
  titleCheck: AttributionSettings['titleCheck'];
  defaultPolicy: AttributionSettings['defaultPolicy'];
  expiryAction: ExpiryAction;
}

export type EffectiveSettings = AttributionSettings & { expiryAction: ExpiryAction; timeZone: string; expiringWithinDays: number };

// Settings are read on every attributed response and change rarely: each instance reuses what it
// read for `settingsCacheMs` (plugin config), so an edit made on another instance shows within it.

const settings = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });
  let cached: { value: EffectiveSettings; at: number } | null = null;
  // Stored templates are validated on save, but the store can be written otherwise (an import, a
  // script, an older version): one that would not render is replaced by the default, and said once.
  const verdicts = new Map<string, boolean>();
  const usable = (locale: string, template: unknown): template is string => {
    if (typeof template !== 'string') return false;
    const key = `${locale}\u0000${template}`;
    let ok = verdicts.get(key);
    if (ok === undefined) {
      const errors = validateTemplate(template);
      ok = errors.length === 0;
      if (verdicts.size > 100) verdicts.clear();
      verdicts.set(key, ok);
      if (!ok) {
        strapi.log.warn(
          `reprint-attribution: the stored credit-line template for ${locale} cannot be used (${errors.map((error) => error.message).join('; ')}); the default template is used instead until it is saved again`
        );
      }
    }
    return ok;
  };
  const storedTemplates = (stored: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!stored || typeof stored !== 'object') return out;
    for (const [locale, template] of Object.entries(stored)) {
      if (/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale) && usable(locale, template)) out[locale] = template;
    }
    return out;
  };

  const locales = async (): Promise<string[]> =>
    (await strapi.plugin('i18n').service('locales').find()).map((locale: { code: string }) => locale.code);

  /** Every problem of a settings change, against this CMS's locales (domain/settings.ts). */
  const validate = async (input: unknown) => settingsProblems(input, { locales: await locales() });

  return {
    /**
     * What the settings page shows: the settings, the CMS's locales (the default first), the
     * built-in template of each (that of the language that writes for it), the placeholders with
     * their meaning in the admin's language and their value in each locale's sample, and, for a
     * super admin only, the configuration behind the page (developer hints stay off editors' screens).
     */
    async forEditors({ language, superAdmin = false }: { language?: string | null; superAdmin?: boolean } = {}) {
      const codes = await locales();
      const fallback: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
      const ordered = [...codes.filter((code) => code === fallback), ...codes.filter((code) => code !== fallback)];
      const current = await this.get();
      // every CMS locale has a template: its own, else that of the language that writes for it
      const templateOf = (code: string) => current.templates[code] ?? current.templates[languagePack(code).code] ?? languagePack(code).template;
      const config = getConfig(strapi);
      return {
        ...current,
        templates: { ...current.templates, ...Object.fromEntries(ordered.map((code) => [code, templateOf(code)])) },
        locales: ordered,
        defaults: Object.fromEntries(ordered.map((code) => [code, languagePack(code).template])),
        placeholders: placeholderGuide(language),
        examples: Object.fromEntries(ordered.map((code) => [code, creditLineValues(sampleInput(code))])),
        developer: superAdmin
          ? {
              articleUrl: config.articleUrl || null,
              publicUrl: config.publicUrl || null,
              timeZone: config.timeZone,
              cron: { enabled: Boolean(config.cron?.enabled), rule: config.cron?.rule ?? null },
              settingsCacheMs: config.settingsCacheMs,
            }
          : null,
      };
    },

    async get(): Promise<EffectiveSettings> {
      const config = getConfig(strapi);
      if (cached && Date.now() - cached.at < config.settingsCacheMs) return cached.value;
      const stored = ((await store().get({})) ?? {}) as Partial<EditableSettings>;
      const value: EffectiveSettings = {
        templates: { ...defaultTemplates(), ...config.templates, ...storedTemplates(stored.templates) },
        titleCheck: stored.titleCheck ?? config.titleCheck,
        defaultPolicy: stored.defaultPolicy ?? config.defaultPolicy,
        expiryAction: stored.expiryAction ?? config.expiryAction,
        articleUrl: config.articleUrl,
        publicUrl: config.publicUrl,
        publisher: config.publisher,
        timeZone: config.timeZone,
        expiringWithinDays: config.expiringWithinDays,
        ruleSets: resolveRuleSets(config.ruleSets),
      };
      cached = { value, at: Date.now() };
      return value;
    },

    validate,

    /** Saves what is valid as a whole, or throws a ValidationError listing every problem and saves nothing. */
    async update(input: Partial<EditableSettings>): Promise<EffectiveSettings> {
      const problems = await validate(input);
      if (problems.length > 0) {
        throw validationError(problems);
      }
      const stored = ((await store().get({})) ?? {}) as Partial<EditableSettings>;
      const templates = { ...(stored.templates ?? {}) };
      for (const [locale, template] of Object.entries(input.templates ?? {})) {
        if (template === null) delete templates[locale];
        else templates[locale] = template;
      }
      const next = { ...stored, ...input, templates };
      await store().set({ value: next });
      cached = null;
      // Awaited: listeners (a response cache, say) act before the save returns to the editor.
      await strapi.eventHub?.emit?.('reprint-attribution.settings.update', { keys: Object.keys(input) });
      return this.get();
    },

    /** Forgets the cached settings (after an update made elsewhere, in tests). */
    clearCache() {
      cached = null;
    },
  };
};

export default settings;
