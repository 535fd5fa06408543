import type { LanguagePack } from './types';

/**
 * Russian: «Заголовок оригинала»; «Перевод с китайского» (the language in the genitive, by a
 * select on the original's language); «Печатается в сокращении»; «Автор» / «Авторы»; the news
 * exception as Russian editors cite it: подп. 3 п. 1 ст. 1274 ГК РФ.
 */
export const ru: LanguagePack = {
  code: 'ru',
  template:
    'Источник: {sourceName}{originalDate, select, none {} other { ({originalDate})}}. Заголовок оригинала: «{originalTitle}»' +
    '{originalTitleGloss, select, none {} other { («{originalTitleGloss}»)}}' +
    '{authors, select, none {} several {. Авторы: {authors}} other {. Автор: {authors}}}.' +
    '{reprintType, select, translation { Перевод с {originalLanguage, select, zh {китайского} en {английского} ru {русского} other {языка оригинала}}{translator, select, none {} other {: {translator}}}.}' +
    ' excerpt { Печатается в сокращении.} adaptation { Печатается в изложении.} other {}}' +
    '{license, select, none {} other { {license}.}}' +
    '{responsibleEditor, select, none {} other { Ответственный редактор: {responsibleEditor}.}}',
  licenses: {
    'all-rights-reserved-with-permission': 'Публикуется с разрешения правообладателя',
    'cc-by-4.0': 'Публикуется по лицензии CC BY 4.0',
    'cc-by-sa-4.0': 'Публикуется по лицензии CC BY-SA 4.0',
    'cc-by-nd-4.0': 'Публикуется по лицензии CC BY-ND 4.0',
    'cc-by-nc-4.0': 'Публикуется по лицензии CC BY-NC 4.0',
    'public-domain': 'Произведение находится в общественном достоянии',
    'statutory-news-exception': 'Перепечатано в соответствии с подп. 3 п. 1 ст. 1274 ГК РФ',
  },
  reprintTypes: {
    full: 'Перепечатано полностью',
    excerpt: 'Перепечатано в сокращении',
    translation: 'Перевод',
    adaptation: 'В изложении',
  },
  languageNames: {
    'zh-Hans': 'китайский',
    en: 'английский',
    ru: 'русский',
  },
  messages: {
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
    'reprintType.required': () => 'Укажите тип перепечатки: полностью, в сокращении, перевод или изложение',
    'license.required': () => 'Укажите лицензию или основание: на каком основании публикуется перепечатка (исключение для новостей, лицензия Creative Commons, разрешение правообладателя)',
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
  editor: {
    refusal: 'Перепечатка не опубликована. Исправьте эти поля и опубликуйте снова: ',
    refusalMany: 'Ни одна из этих перепечаток не опубликована. Исправьте эти поля и опубликуйте снова: ',
    refusalCitedSource: 'Источник остаётся опубликованным, пока на него ссылаются опубликованные перепечатки: ',
    separator: ', ',
    groupSeparator: '; ',
    withLocales: (label, locales) => `${label} (${locales.join(', ')})`,
    andMore: (count) => ` и ещё ${count}`,
    fields: {
      source: 'Источник',
      originalTitle: 'Заголовок оригинала',
      originalUrl: 'Адрес оригинала',
      originalPublishedAt: 'Дата публикации оригинала',
      reprintType: 'Тип перепечатки',
      license: 'Лицензия или основание',
      originalLanguage: 'Язык оригинала',
      permissionGrantedBy: 'Кто дал разрешение',
      permissionExpiresAt: 'Разрешение',
      originalAuthors: 'Автор(ы) оригинала',
      responsibleEditor: 'Ответственный редактор',
      title: 'Заголовок',
    },
    permissionUntil: (date) => `Срок разрешения истекает ${date}`,
    permissionPerpetual: 'Бессрочное разрешение',
  },
  sample: {
    locale: 'ru',
    title: 'Пример заголовка',
    source: { name: 'Ляонинский канал агентства «Чжунго синьвэнь»', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalTitleGloss: 'Пример заголовка оригинала', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: 'Чжан Сань', translator: 'Анна Петрова', reprintType: 'translation', license: 'statutory-news-exception', responsibleEditor: 'Ли Сы' },
  },
};
