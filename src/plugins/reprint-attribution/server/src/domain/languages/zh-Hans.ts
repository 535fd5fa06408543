import type { LanguagePack } from './types';

/**
 * Chinese (Simplified): the form Chinese news sites print under a reprint (来源 / 原标题 / 原作者 /
 * 译者 / 责任编辑), full-width punctuation and spaces; an excerpt says 本文有删节, an adaptation
 * 本文有改动; the news exception gets no legal clause (Chinese news sites print none).
 */
export const zhHans: LanguagePack = {
  code: 'zh-Hans',
  template:
    '来源：{sourceName}{originalDate, select, none {} other {（{originalDate}）}}　原标题：{originalTitle}' +
    '{originalTitleGloss, select, none {} other {（{originalTitleGloss}）}}' +
    '{authors, select, none {} other {　原作者：{authors}}}' +
    '{reprintType, select, translation {{translator, select, none {} other {　译者：{translator}}}} excerpt {　本文有删节} adaptation {　本文有改动} other {}}' +
    '{license, select, none {} other {　{license}}}' +
    '{responsibleEditor, select, none {} other {　责任编辑：{responsibleEditor}}}',
  licenses: {
    'all-rights-reserved-with-permission': '经授权转载',
    'cc-by-4.0': '依据 CC BY 4.0 许可协议转载',
    'cc-by-sa-4.0': '依据 CC BY-SA 4.0 许可协议转载',
    'cc-by-nd-4.0': '依据 CC BY-ND 4.0 许可协议转载',
    'cc-by-nc-4.0': '依据 CC BY-NC 4.0 许可协议转载',
    'public-domain': '本作品属于公有领域',
    'statutory-news-exception': null,
  },
  reprintTypes: {
    full: '全文转载',
    excerpt: '节选转载',
    translation: '编译',
    adaptation: '改编',
  },
  languageNames: {
    'zh-Hans': '中文',
    en: '英文',
    ru: '俄文',
  },
  messages: {
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
    'reprintType.required': () => '转载稿必须选择转载类型：全文转载、节选、编译或改编',
    'license.required': () => '转载稿必须选择许可或授权方式：新闻转载例外、知识共享许可协议或权利人授权',
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
  editor: {
    refusal: '本稿未发布。请修改以下字段后再发布：',
    refusalMany: '所选转载稿均未发布。请修改以下字段后再发布：',
    refusalCitedSource: '已发布的转载稿注明了该来源，该来源须保持发布：',
    separator: '、',
    groupSeparator: '；',
    withLocales: (label, locales) => `${label}（${locales.join('、')}）`,
    andMore: (count) => `及另外 ${count} 项`,
    fields: {
      source: '来源',
      originalTitle: '原标题',
      originalUrl: '原文网址',
      originalPublishedAt: '原文发布日期',
      reprintType: '转载类型',
      license: '许可或授权方式',
      originalLanguage: '原文语言',
      permissionGrantedBy: '授权方',
      permissionExpiresAt: '授权',
      originalAuthors: '原作者',
      responsibleEditor: '责任编辑',
      title: '标题',
    },
    permissionUntil: (date) => `授权于 ${date} 到期`,
    permissionPerpetual: '长期授权',
  },
  sample: {
    locale: 'zh-Hans',
    title: '示例标题',
    source: { name: '中新网辽宁', homepage: 'https://www.ln.chinanews.com.cn/' },
    reprint: { isReprint: true, originalTitle: '示例原标题', originalUrl: 'https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', originalPublishedAt: '2025-03-22', originalLanguage: 'zh-Hans', originalAuthors: '张三', reprintType: 'full', license: 'statutory-news-exception', responsibleEditor: '李四' },
  },
};
