import { EDITABLE_SETTINGS, languagePackProblems, settingsProblems, type AttributionSettings, type ExpiryAction, type LanguagePack } from '../domain';
import { resolveRuleSets, type RuleSetConfig } from '../domain/rule-sets';

/** Which fields of an attributable content type hold what the plugin governs. */
export interface ContentTypeFields {
  /** the component of type attribution.reprint (or with the same fields) */
  reprint: string;
  /** relation to the source, whose `name` and `homepage` are used */
  source: string;
  title: string;
  /** the editorial date (date attribute) */
  date?: string;
  slug?: string;
  /** component with canonicalUrl and noindex */
  seo?: string;
  /** a media field: the document's image in JSON-LD */
  image?: string;
}

export interface PluginConfig extends Omit<AttributionSettings, 'templates' | 'ruleSets'> {
  /** uid → fields; e.g. { 'api::article.article': { reprint: 'reprint', source: 'source', title: 'title', date: 'date', slug: 'slug', seo: 'seo' } } */
  contentTypes: Record<string, ContentTypeFields>;
  /**
   * Which legal or licence rule sets apply to which edition locale and licence, and sets of your
   * own; the defaults: zh-Hans → cn-internet-news, ru → ru-civil-code-1274, CC → cc-tasl.
   */
  ruleSets?: RuleSetConfig;
  /**
   * languages the plugin writes besides its own (zh-Hans, en, ru), or its own reworded: one pack
   * per language with the default template, the words and the messages (domain/languages/types.ts)
   */
  languages?: LanguagePack[];
  /** templates per locale; the built-in defaults fill the rest */
  templates: Record<string, string>;
  expiryAction: ExpiryAction;
  /** the newsroom's time zone: what "today" means for expiry and for "not in the future" */
  timeZone: string;
  /** how far ahead the report looks for expiring permissions */
  expiringWithinDays: number;
  cron: { enabled: boolean; rule: string };
  /**
   * how long each instance reuses the settings it read (ms). An edit shows at once on the instance
   * that saved it and within this time on the others; 0 reads them for every response.
   */
  settingsCacheMs: number;
  /**
   * false: content-API responses carry no `attribution` (the rules, the admin and the component
   * stay); to measure what the decoration costs, or for a host that renders attribution itself
   */
  responses?: boolean;
  /** the document the settings page previews templates on (besides a sample); the latest reprint when unset */
  previewDocument?: { contentType: string; where: Record<string, unknown> };
}


export default {
  default: (): PluginConfig => ({
    contentTypes: {},
    templates: {},
    titleCheck: 'warn',
    expiryAction: 'flag',
    defaultPolicy: 'self',
    articleUrl: '',
    publicUrl: '',
    publisher: { name: 'Newsroom' },
    timeZone: 'UTC',
    expiringWithinDays: 30,
    cron: { enabled: true, rule: '0 3 * * *' },
    settingsCacheMs: 5000,
    responses: true,
  }),
  validator(config: PluginConfig) {
    const fail = (message: string) => {
      throw new Error(`reprint-attribution config: ${message}`);
    };
    if (!config.contentTypes || typeof config.contentTypes !== 'object') fail('contentTypes must be an object of uid → fields');
    for (const [uid, fields] of Object.entries(config.contentTypes)) {
      for (const key of ['reprint', 'source', 'title'] as const) {
        if (typeof fields?.[key] !== 'string') fail(`contentTypes["${uid}"].${key} must name a field`);
      }
    }
    if (config.languages !== undefined && !Array.isArray(config.languages)) fail('languages must be a list of language packs');
    const [languageProblem] = (config.languages ?? []).flatMap((pack, index) => languagePackProblems(pack, index));
    if (languageProblem) fail(languageProblem);
    // The settings editors can also change in the admin: the same check as the settings route.
    const editable = Object.fromEntries(EDITABLE_SETTINGS.map((key) => [key, config[key]]));
    const [problem] = settingsProblems(editable);
    if (problem) fail(problem.message);
    try {
      resolveRuleSets(config.ruleSets);
    } catch (error: any) {
      fail(error.message);
    }
    if (!Number.isInteger(config.settingsCacheMs) || config.settingsCacheMs < 0) fail('settingsCacheMs must be a whole number of milliseconds, 0 or more');
    try {
      new Intl.DateTimeFormat('en', { timeZone: config.timeZone });
    } catch {
      fail(`timeZone "${config.timeZone}" is not a time zone`);
    }
  },
};
