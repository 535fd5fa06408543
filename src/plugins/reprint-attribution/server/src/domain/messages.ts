import { ruleSetName } from './rule-sets';
import type { Problem, RuleSetSettings } from './types';

type Params = Record<string, string> & { setName?: string };
type Messages = Record<string, (params: Params) => string>;

/**
 * Problem messages in the admin's languages (the English ones are in rules.ts). Editors read
 * them in the admin next to the field; `code` stays the same in every language.
 */
const MESSAGES: Record<string, Messages> = {
  'zh-Hans': {
    'originalAuthors.required': ({ setName, ruleSet }) => `${setName}（${ruleSet}）：请填写原作者，或勾选“原文未署名”`,
    'responsibleEditor.required': ({ setName, ruleSet }) => `${setName}（${ruleSet}）：请填写责任编辑的真实姓名`,
    'responsibleEditor.notPerson': ({ setName, ruleSet, name }) => `${setName}（${ruleSet}）：责任编辑应为个人；“${name}”是机构或部门名称`,
    'originalUrl.homepage': () => '这是该媒体的首页，不是原文网址：请填写原文的网址（署名行不会把原标题链接到首页）',
    'source.required': () => '转载稿必须注明来源：请选择最早发布该稿件的媒体',
    'originalTitle.required': () => '转载稿必须填写原标题',
    'originalUrl.required': () => '转载稿必须填写原文网址（http:// 或 https://）',
    'originalUrl.invalid': () => '原文网址必须是以 http:// 或 https:// 开头的完整网址',
    'originalPublishedAt.required': () => '转载稿必须填写原文发布日期',
    'originalPublishedAt.future': ({ original }) => `原文发布日期不能晚于今天（${original}）`,
    'originalPublishedAt.afterDate': ({ original, date }) => `原文发布日期（${original}）不能晚于本文日期（${date}）`,
    'originalPublishedAt.invalid': () => '原文发布日期格式应为 YYYY-MM-DD',
    'permissionExpiresAt.invalid': () => '授权到期日格式应为 YYYY-MM-DD',
    'reprintType.required': () => '转载稿必须选择转载类型',
    'license.required': () => '转载稿必须选择许可或授权方式',
    'originalLanguage.required': () => '译文必须注明原文语言',
    'originalLanguage.sameAsLocale': ({ locale, language }) => `译成 ${locale} 的稿件，原文不能也是 ${language}`,
    'permissionGrantedBy.required': () => '该许可方式必须填写授权方',
    'permissionExpiresAt.required': () => '该许可方式必须填写授权到期日，或勾选“长期授权”',
    'permissionExpiresAt.past': ({ expires }) => `授权已于 ${expires} 到期`,
    'title.altered': ({ original }) => `同语种全文转载应保留原标题：“${original}”`,
    'source.unpublished': ({ locale }) => `转载稿的来源必须先发布${locale ? `（${locale}）` : ''}：请先发布该来源，或选择已发布的来源`,
    'source.citedByReprint': ({ title, contentType, documentId, locale }) =>
      `已发布的转载稿“${title}”（${contentType} ${documentId}${locale ? ` ${locale}` : ''}）注明了该来源：请先为其更换来源或撤销发布`,
  },
  ru: {
    'originalAuthors.required': ({ setName, ruleSet }) => `${setName} (${ruleSet}): укажите автора оригинала или отметьте «в оригинале автор не указан»`,
    'responsibleEditor.required': ({ setName, ruleSet }) => `${setName} (${ruleSet}): укажите настоящее имя ответственного редактора`,
    'responsibleEditor.notPerson': ({ setName, ruleSet, name }) => `${setName} (${ruleSet}): ответственный редактор — человек; «${name}» — название организации или отдела`,
    'originalUrl.homepage': () => 'Это главная страница издания, а не адрес статьи: укажите адрес оригинала (в строке об источнике заголовок не будет ссылкой на главную)',
    'source.required': () => 'У перепечатки должен быть источник: выберите издание, впервые опубликовавшее материал',
    'originalTitle.required': () => 'У перепечатки должен быть заголовок оригинала',
    'originalUrl.required': () => 'У перепечатки должен быть адрес оригинала (http:// или https://)',
    'originalUrl.invalid': () => 'Адрес оригинала должен быть полным адресом, начинающимся с http:// или https://',
    'originalPublishedAt.required': () => 'У перепечатки должна быть дата публикации оригинала',
    'originalPublishedAt.future': ({ original }) => `Оригинал не может быть опубликован в будущем (${original})`,
    'originalPublishedAt.afterDate': ({ original, date }) => `Оригинал (${original}) не может быть новее этой статьи (${date})`,
    'originalPublishedAt.invalid': () => 'Дата публикации оригинала пишется как ГГГГ-ММ-ДД',
    'permissionExpiresAt.invalid': () => 'Срок разрешения пишется как ГГГГ-ММ-ДД',
    'reprintType.required': () => 'У перепечатки должен быть тип',
    'license.required': () => 'У перепечатки должна быть лицензия или основание',
    'originalLanguage.required': () => 'У перевода должен быть указан язык оригинала',
    'originalLanguage.sameAsLocale': ({ locale, language }) => `Перевод на ${locale} не может иметь оригинал на ${language}`,
    'permissionGrantedBy.required': () => 'Для этой лицензии укажите, кто дал разрешение',
    'permissionExpiresAt.required': () => 'Для этой лицензии укажите срок разрешения или отметьте его как бессрочное',
    'permissionExpiresAt.past': ({ expires }) => `Срок разрешения истёк ${expires}`,
    'title.altered': ({ original }) => `Полная перепечатка на языке оригинала сохраняет заголовок: «${original}»`,
    'source.unpublished': ({ locale }) =>
      `Источник перепечатки должен быть сначала опубликован${locale ? ` (${locale})` : ''}: опубликуйте его или выберите опубликованный источник`,
    'source.citedByReprint': ({ title, contentType, documentId, locale }) =>
      `Опубликованная перепечатка «${title}» (${contentType} ${documentId}${locale ? ` ${locale}` : ''}) ссылается на этот источник: сначала укажите ей другой источник или снимите её с публикации`,
  },
};

/** zh, zh-Hans, zh-CN → zh-Hans; ru-RU → ru; anything else → English. */
export const messageLanguage = (language: string | null | undefined): string => {
  const code = (language ?? '').toLowerCase();
  if (code.startsWith('zh')) return 'zh-Hans';
  if (code.startsWith('ru')) return 'ru';
  return 'en';
};

/** The problem with its message in the given language (English when none is known). */
export const localizeProblem = (problem: Problem, language: string | null | undefined, ruleSets?: RuleSetSettings): Problem => {
  const code = messageLanguage(language);
  const table = MESSAGES[code];
  const params: Params = { ...(problem.params ?? {}) };
  if (problem.ruleSet) params.setName = ruleSetName(ruleSets, problem.ruleSet, code);
  const message = table?.[problem.code]?.(params);
  return message ? { ...problem, message } : problem;
};
