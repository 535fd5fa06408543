import { own } from './own';
import type { AttributionInput, Problem, RuleSet, RuleSetElement, RuleSetSettings } from './types';
import { RULE_SET_ELEMENTS } from './types';

/**
 * What the law or a licence requires a reprint's attribution to carry, beyond what every reprint
 * needs (rules.ts: source, original title, address, date, type, licence). Which sets apply to an
 * edition comes from its locale and its licence (config `ruleSets`); docs/reprint-attribution.md
 * quotes the provisions.
 */
export const BUILT_IN_RULE_SETS: Record<string, RuleSet> = {
  'cn-internet-news': {
    name: { en: 'PRC rules for reprinted internet news', 'zh-Hans': '互联网新闻转载规定', ru: 'правила КНР о перепечатке интернет-новостей' },
    basis: '《互联网新闻信息服务管理规定》（国家互联网信息办公室，2017）第十五条：转载新闻信息，应当注明新闻信息来源、原作者、原标题、编辑真实姓名等',
    requires: ['originalAuthor', 'responsibleEditorPerson'],
  },
  'ru-civil-code-1274': {
    name: { en: 'Civil Code of the Russian Federation, art. 1274', 'zh-Hans': '《俄罗斯联邦民法典》第1274条', ru: 'ст. 1274 ГК РФ' },
    basis: 'Гражданский кодекс РФ, ст. 1274, п. 1: «с обязательным указанием имени автора, произведение которого используется, и источника заимствования»',
    requires: ['originalAuthor'],
  },
  'cc-tasl': {
    name: { en: 'Creative Commons attribution (TASL)', 'zh-Hans': '知识共享署名要求（TASL）', ru: 'атрибуция Creative Commons (TASL)' },
    basis: 'Creative Commons Attribution 4.0 legal code, section 3(a)(1): identify the creator, keep the notices, link the material and the licence (title, author, source, licence)',
    requires: ['originalAuthor'],
  },
};

const CC_LICENSES = ['cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nd-4.0', 'cc-by-nc-4.0'];

/** Defaults: the Chinese edition follows PRC internet-news rules, the Russian one art. 1274, CC licences TASL. */
export const defaultRuleSetSettings = (): RuleSetSettings => ({
  sets: { ...BUILT_IN_RULE_SETS },
  locales: { 'zh-Hans': ['cn-internet-news'], ru: ['ru-civil-code-1274'] },
  licenses: Object.fromEntries(CC_LICENSES.map((license) => [license, ['cc-tasl']])),
});

export interface RuleSetConfig {
  /** rule sets of your own, by name (or a built-in one redefined) */
  define?: Record<string, RuleSet>;
  /** replaces the default locale assignments when given */
  locales?: Record<string, string[]>;
  /** replaces the default licence assignments when given */
  licenses?: Record<string, string[]>;
}

/** The plugin config's `ruleSets` over the defaults; throws with a message naming what is wrong. */
export const resolveRuleSets = (config: RuleSetConfig | undefined): RuleSetSettings => {
  const defaults = defaultRuleSetSettings();
  const resolved: RuleSetSettings = {
    sets: { ...defaults.sets, ...(config?.define ?? {}) },
    locales: config?.locales ?? defaults.locales,
    licenses: config?.licenses ?? defaults.licenses,
  };
  for (const [name, set] of Object.entries(resolved.sets)) {
    if (!set || typeof set.basis !== 'string' || !set.name || typeof set.name.en !== 'string' || !Array.isArray(set.requires)) {
      throw new Error(`ruleSets.define["${name}"] needs a name (en at least), a basis and requires (a list, e.g. ["originalAuthor"])`);
    }
    for (const element of set.requires) {
      if (!(RULE_SET_ELEMENTS as readonly string[]).includes(element)) {
        throw new Error(`ruleSets.define["${name}"].requires: "${element}" is not one of ${RULE_SET_ELEMENTS.join(', ')}`);
      }
    }
  }
  for (const [kind, table] of [['locales', resolved.locales], ['licenses', resolved.licenses]] as const) {
    for (const [key, names] of Object.entries(table)) {
      if (!Array.isArray(names)) throw new Error(`ruleSets.${kind}["${key}"] must be a list of rule set names`);
      for (const name of names) {
        if (!Object.prototype.hasOwnProperty.call(resolved.sets, name)) {
          throw new Error(`ruleSets.${kind}["${key}"]: no rule set "${name}" (known: ${Object.keys(resolved.sets).join(', ')})`);
        }
      }
    }
  }
  return resolved;
};

/** The rule sets that apply to an edition: those of its locale (zh-Hans-CN → zh-Hans) and of its licence. */
export const ruleSetsFor = (input: AttributionInput, settings: RuleSetSettings): string[] => {
  const locale = input.locale;
  const byLocale = own(settings.locales, locale) ?? own(settings.locales, locale.split('-').slice(0, 2).join('-')) ?? own(settings.locales, locale.split('-')[0]) ?? [];
  const byLicense = own(settings.licenses, input.reprint?.license ?? null) ?? [];
  return [...new Set([...byLocale, ...byLicense])];
};

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Words that name an office, a desk or an organisation rather than a person, in the three
 * languages. A responsible editor is a person (cn-internet-news asks for the editor's real name);
 * "辽宁大学新闻中心" or "News Office" is an organisation. A heuristic: it catches the names
 * newsrooms put there by habit; it cannot prove that a name belongs to a person.
 */
const ORGANISATION = [
  // Chinese: a name ending in a word for an office or body (新闻中心, 宣传部, 编辑部, 辽宁大学…);
  // a one-character ending only in a name of three or more characters (王科 and 李台 are people)
  /(中心|办公室|委员会|大学|学院|学校|报社|杂志社|新闻网|网站|编辑部|公司|集团|协会|小组|频道)$/u,
  /^.{2,}(部|处|局|厅|院|校|社|站|室)$/u,
  // English and Russian: whole words only (Чжао, Гао and Мао contain no «АО»)
  /(?<!\p{L})(office|cent(?:er|re)|department|dept|desk|team|staff|university|college|school|newsroom|agency|service|bureau|committee|ministry|editorial|board|press|media|group|inc|ltd|llc|network)(?!\p{L})/iu,
  /(?<!\p{L})(редакция|редакции|центр|отдел|служба|управление|университет|институт|агентство|пресс|бюро|комитет|министерство|группа)(?!\p{L})/iu,
  /(?<!\p{L})(ООО|АО|ОАО|ЗАО|ПАО)(?!\p{L})/u,
];
export const looksLikeOrganisation = (name: string) => ORGANISATION.some((pattern) => pattern.test(name.trim()));

/** The problems the applicable rule sets add; one per field, naming the first set that requires it. */
export const checkRuleSets = (input: AttributionInput, settings: RuleSetSettings): Problem[] => {
  const reprint = input.reprint;
  if (!reprint?.isReprint) return [];
  const problems: Problem[] = [];
  const done = new Set<RuleSetElement>();
  for (const name of ruleSetsFor(input, settings)) {
    const set = settings.sets[name];
    const setName = set.name.en;
    for (const element of set.requires ?? []) {
      if (done.has(element)) continue;
      if (element === 'originalAuthor' && blank(reprint.originalAuthors) && !reprint.originalNamesNoAuthor) {
        done.add(element);
        problems.push({
          path: ['reprint', 'originalAuthors'],
          code: 'originalAuthors.required',
          message: `${setName} (${name}): name the original's author, or tick “the original names no author”`,
          severity: 'error',
          params: { ruleSet: name },
          ruleSet: name,
        });
      }
      if (element === 'responsibleEditorPerson') {
        if (blank(reprint.responsibleEditor)) {
          done.add(element);
          problems.push({
            path: ['reprint', 'responsibleEditor'],
            code: 'responsibleEditor.required',
            message: `${setName} (${name}): give the real name of the editor responsible for this reprint`,
            severity: 'error',
            params: { ruleSet: name },
            ruleSet: name,
          });
        } else if (looksLikeOrganisation(String(reprint.responsibleEditor))) {
          done.add(element);
          problems.push({
            path: ['reprint', 'responsibleEditor'],
            code: 'responsibleEditor.notPerson',
            message: `${setName} (${name}): the responsible editor is a person; “${reprint.responsibleEditor}” names an office or organisation`,
            severity: 'error',
            params: { ruleSet: name, name: String(reprint.responsibleEditor) },
            ruleSet: name,
          });
        }
      }
    }
  }
  return problems;
};

/** The localized name of a rule set, for messages (English when the set has none in that language). */
export const ruleSetName = (settings: RuleSetSettings | undefined, name: string, language: string): string => {
  const set = settings?.sets[name] ?? BUILT_IN_RULE_SETS[name];
  if (!set) return name;
  return set.name[language] ?? set.name.en;
};

/**
 * The name of the admin who publishes, written the way names are written: a name in Chinese
 * characters family name first without a space (张伟), in every edition; others given name first
 * (Wei Zhang, Иван Петров). Null when the profile has neither.
 */
export const personName = (user: { firstname?: string | null; lastname?: string | null } | null | undefined): string | null => {
  const first = (user?.firstname ?? '').trim();
  const last = (user?.lastname ?? '').trim();
  if (!first && !last) return null;
  const han = /^[\p{Script=Han}·・]+$/u;
  if ((!first || han.test(first)) && (!last || han.test(last))) return `${last}${first}`;
  return [first, last].filter(Boolean).join(' ');
};
