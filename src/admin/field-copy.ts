/**
 * What the editor reads next to each field of the project's own content types and components: a
 * label and a one-line hint with an example, in every admin language (English, Chinese, Russian).
 * The reprint component's fields are labelled by the reprint-attribution plugin itself
 * (src/plugins/reprint-attribution/admin/src/translations/). Enumeration words come from
 * src/api/site/labels.ts, the names the site shows.
 *
 * Adding a field to a content type: add its entry here (the unit test `field-copy.test.ts` fails
 * for a field without one, in any language). See docs/extending.md.
 */
import { LABELS } from '../api/site/labels';

export const ADMIN_LANGUAGES = ['en', 'zh-Hans', 'ru'] as const;
export type AdminLanguage = (typeof ADMIN_LANGUAGES)[number];

/** [label, hint] */
export type FieldCopy = Record<AdminLanguage, readonly [string, string]>;
export type CopyTable = Record<string, Record<string, FieldCopy>>;

const slug = (from: { en: string; zh: string; ru: string }, example: { en: string; zh: string; ru: string }): FieldCopy => ({
  en: ['URL slug', `The last part of the page's address; leave empty to make it from the ${from.en}. E.g. ${example.en}`],
  'zh-Hans': ['网址别名', `网页地址的最后一段，留空则按${from.zh}自动生成（拼音）。例如：${example.zh}`],
  ru: ['Адрес в URL (slug)', `Последняя часть адреса страницы; если пусто, создаётся из ${from.ru} латиницей. Например: ${example.ru}`],
});

const key = (example: string): FieldCopy => ({
  en: ['Key', `A stable identifier shared by the three language versions, used by imports; lower-case words and hyphens. E.g. ${example}`],
  'zh-Hans': ['标识键', `三种语言版本共用的固定标识，供导入使用；小写字母、数字和连字符。例如：${example}`],
  ru: ['Ключ', `Постоянный идентификатор, общий для трёх языковых версий; нужен для импорта; строчные латинские буквы и дефисы. Например: ${example}`],
});

const country: FieldCopy = {
  en: ['Country', 'Two capital letters (ISO 3166-1). E.g. CN for China, RU for Russia'],
  'zh-Hans': ['国家或地区', '两个大写字母（ISO 3166-1 代码）。例如：CN（中国）、RU（俄罗斯）'],
  ru: ['Страна', 'Две заглавные латинские буквы (ISO 3166-1). Например: CN — Китай, RU — Россия'],
};

export const CONTENT_TYPE_COPY: CopyTable = {
  'api::article.article': {
    title: {
      en: ['Headline', 'The headline as readers see it, without the outlet\'s name; a full reprint keeps the original\'s. E.g. Liaoning seminar on student innovation held at LNU'],
      'zh-Hans': ['标题', '读者看到的标题，不要加媒体名称；全文转载须保留原标题。例如：辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开'],
      ru: ['Заголовок', 'Заголовок, который видят читатели, без названия издания; при полной перепечатке — заголовок оригинала. Например: В ЛНУ прошёл семинар'],
    },
    slug: slug(
      { en: 'headline', zh: '标题', ru: 'заголовка' },
      { en: 'lnu-innovation-seminar', zh: 'liao-ning-da-xue-yan-tao-hui', ru: 'seminar-v-lnu' }
    ),
    key: key('lnu-innovation-seminar-2025'),
    summary: {
      en: ['Summary', 'Two or three sentences for teasers, lists and search results. E.g. Experts from 30 universities met at LNU to discuss …'],
      'zh-Hans': ['摘要', '用于列表、推荐和搜索结果的两三句话。例如：来自30所高校的专家齐聚辽宁大学，研讨……'],
      ru: ['Краткое содержание', 'Два-три предложения для анонсов, списков и поиска. Например: Эксперты из 30 вузов обсудили в ЛНУ …'],
    },
    body: {
      en: ['Body', 'The story itself: paragraphs, headings, images, quotes. E.g. On March 21, the seminar opened at …'],
      'zh-Hans': ['正文', '稿件正文：段落、小标题、图片、引文。例如：3月21日，研讨会在……开幕'],
      ru: ['Текст', 'Сам материал: абзацы, подзаголовки, изображения, цитаты. Например: 21 марта в … открылся семинар'],
    },
    date: {
      en: ['Date', 'The story\'s date shown to readers, the same in every language. E.g. March 22, 2025'],
      'zh-Hans': ['日期', '向读者显示的稿件日期，各语言版本相同。例如：2025年3月22日'],
      ru: ['Дата', 'Дата материала для читателей, одна для всех языков. Например: 22 марта 2025 г.'],
    },
    section: {
      en: ['Section', 'Where the story appears on the site. E.g. News'],
      'zh-Hans': ['栏目', '稿件在网站上所属的栏目。例如：新闻'],
      ru: ['Раздел', 'В каком разделе сайта выходит материал. Например: Новости'],
    },
    cover: {
      en: ['Cover image', 'The picture shown above the story and in lists. E.g. a photo of the seminar hall'],
      'zh-Hans': ['封面图', '显示在正文上方和列表中的图片。例如：研讨会会场照片'],
      ru: ['Обложка', 'Изображение над текстом и в списках. Например: фото зала семинара'],
    },
    gallery: {
      en: ['Gallery', 'More photos or videos shown with the story. E.g. pictures of the speakers'],
      'zh-Hans': ['图集', '随稿件展示的更多图片或视频。例如：发言嘉宾照片'],
      ru: ['Галерея', 'Дополнительные фото и видео к материалу. Например: снимки выступающих'],
    },
    source: {
      en: ['Source', 'The outlet that first published the story (required for a reprint). E.g. China News Service Liaoning'],
      'zh-Hans': ['来源', '最早发布该稿件的媒体（转载稿必填）。例如：中新网辽宁'],
      ru: ['Источник', 'Издание, впервые опубликовавшее материал (обязателен для перепечатки). Например: Ляонинский канал агентства «Чжунго синьвэнь»'],
    },
    institutions: {
      en: ['Institutions', 'Universities and bodies that take part or are named in the story. E.g. Liaoning University, Dalian University of Technology'],
      'zh-Hans': ['相关机构', '稿件中参与或提到的高校和单位。例如：辽宁大学、大连理工大学'],
      ru: ['Организации', 'Вузы и ведомства, которые участвуют или упоминаются в материале. Например: Ляонинский университет'],
    },
    hostInstitution: {
      en: ['Host institution', 'The institution that organised or hosted the event. E.g. Liaoning University'],
      'zh-Hans': ['主办单位', '主办或承办活动的单位。例如：辽宁大学'],
      ru: ['Организатор', 'Организация, которая провела или принимала мероприятие. Например: Ляонинский университет'],
    },
    reprint: {
      en: ['Reprint', 'Where a reprinted story first appeared and what allows the reprint; leave off for own stories. E.g. China News Service, CC BY 4.0'],
      'zh-Hans': ['转载信息', '转载稿的出处与授权；本站原创稿件无需填写。例如：中新网，CC BY 4.0'],
      ru: ['Перепечатка', 'Где впервые вышел материал и на каком основании он перепечатан; для своих материалов не нужно. Например: агентство «Синьхуа», CC BY 4.0'],
    },
    seo: {
      en: ['Search and sharing', 'How the page looks in search results and social cards; empty fields use the headline and summary. E.g. a shorter title'],
      'zh-Hans': ['搜索与分享', '网页在搜索结果和社交分享卡片中的显示；留空则使用标题和摘要。例如：更短的标题'],
      ru: ['Поиск и соцсети', 'Как страница выглядит в поиске и в карточках соцсетей; пустые поля берутся из заголовка и краткого содержания. Например: более короткий заголовок'],
    },
  },
  'api::source.source': {
    name: {
      en: ['Name', 'The outlet\'s name in this language, as the credit line shows it. E.g. China News Service Liaoning'],
      'zh-Hans': ['名称', '该媒体在本语言中的名称，署名行中显示。例如：中新网辽宁'],
      ru: ['Название', 'Название издания на этом языке, как в строке об источнике. Например: Ляонинский канал агентства «Чжунго синьвэнь»'],
    },
    shortName: {
      en: ['Short name', 'A short form for tight spaces. E.g. CNS Liaoning'],
      'zh-Hans': ['简称', '版面紧张时使用的简称。例如：中新网'],
      ru: ['Краткое название', 'Короткая форма для тесных мест. Например: «Чжунго синьвэнь»'],
    },
    slug: slug(
      { en: 'name', zh: '名称', ru: 'названия' },
      { en: 'china-news-service-liaoning', zh: 'zhong-xin-wang-liao-ning', ru: 'chzhungo-sinven' }
    ),
    key: key('chinanews-liaoning'),
    kind: {
      en: ['Kind of outlet', 'What sort of medium or body it is. E.g. News agency'],
      'zh-Hans': ['媒体类型', '该来源属于哪类媒体或机构。例如：通讯社'],
      ru: ['Тип источника', 'Что это за издание или орган. Например: информационное агентство'],
    },
    homepage: {
      en: ['Homepage', 'The outlet\'s own website (the credit line links its name to it). E.g. https://www.ln.chinanews.com.cn/'],
      'zh-Hans': ['官网', '该媒体的网站首页（署名行中的媒体名称链接到此）。例如：https://www.ln.chinanews.com.cn/'],
      ru: ['Сайт', 'Главная страница издания (на неё ведёт название в строке об источнике). Например: https://www.ln.chinanews.com.cn/'],
    },
    country,
    institution: {
      en: ['Institution', 'The institution whose own medium this is, if any. E.g. Liaoning University for its news center'],
      'zh-Hans': ['所属机构', '该媒体所属的单位（如有）。例如：辽宁大学新闻中心属于辽宁大学'],
      ru: ['Организация', 'Организация, которой принадлежит издание, если есть. Например: Ляонинский университет для его пресс-центра'],
    },
    logo: {
      en: ['Logo', 'The outlet\'s logo, for source pages and credits. E.g. the agency\'s emblem as PNG or SVG'],
      'zh-Hans': ['标志', '该媒体的标志，用于来源页面和署名。例如：通讯社的 PNG 或 SVG 标志'],
      ru: ['Логотип', 'Логотип издания для страниц источников. Например: эмблема агентства в PNG или SVG'],
    },
  },
  'api::institution.institution': {
    name: {
      en: ['Name', 'The institution\'s full name in this language. E.g. Liaoning University'],
      'zh-Hans': ['名称', '该机构在本语言中的全称。例如：辽宁大学'],
      ru: ['Название', 'Полное название организации на этом языке. Например: Ляонинский университет'],
    },
    shortName: {
      en: ['Short name', 'The abbreviation readers know. E.g. LNU'],
      'zh-Hans': ['简称', '读者熟悉的简称。例如：辽大'],
      ru: ['Краткое название', 'Сокращение, известное читателям. Например: ЛНУ'],
    },
    slug: slug(
      { en: 'name', zh: '名称', ru: 'названия' },
      { en: 'liaoning-university', zh: 'liao-ning-da-xue', ru: 'lyaoninskiy-universitet' }
    ),
    key: key('liaoning-university'),
    kind: {
      en: ['Kind of institution', 'What sort of institution it is. E.g. University'],
      'zh-Hans': ['机构类型', '该机构属于哪一类。例如：大学'],
      ru: ['Тип организации', 'Что это за организация. Например: университет'],
    },
    city: {
      en: ['City', 'The city in this language. E.g. Shenyang'],
      'zh-Hans': ['城市', '本语言中的城市名称。例如：沈阳'],
      ru: ['Город', 'Город на этом языке. Например: Шэньян'],
    },
    province: {
      en: ['Province or region', 'The province, region or state in this language. E.g. Liaoning'],
      'zh-Hans': ['省份', '本语言中的省、自治区或直辖市名称。例如：辽宁省'],
      ru: ['Провинция или регион', 'Провинция, область или регион на этом языке. Например: провинция Ляонин'],
    },
    country,
    website: {
      en: ['Website', 'The institution\'s website. E.g. https://www.lnu.edu.cn/'],
      'zh-Hans': ['网站', '该机构的官方网站。例如：https://www.lnu.edu.cn/'],
      ru: ['Сайт', 'Официальный сайт организации. Например: https://www.lnu.edu.cn/'],
    },
    parent: {
      en: ['Parent institution', 'The institution this one belongs to. E.g. Liaoning University for its School of Journalism'],
      'zh-Hans': ['上级机构', '该机构所隶属的单位。例如：新闻与传播学院隶属于辽宁大学'],
      ru: ['Вышестоящая организация', 'Организация, в которую входит эта. Например: Ляонинский университет для его факультета журналистики'],
    },
    logo: {
      en: ['Logo', 'The institution\'s emblem. E.g. the university crest as PNG or SVG'],
      'zh-Hans': ['标志', '该机构的标志。例如：校徽的 PNG 或 SVG 文件'],
      ru: ['Логотип', 'Эмблема организации. Например: герб университета в PNG или SVG'],
    },
    description: {
      en: ['Description', 'A short profile for the institution\'s page. E.g. Founded in 1948, Liaoning University is …'],
      'zh-Hans': ['简介', '机构页面上的简短介绍。例如：辽宁大学始建于1948年……'],
      ru: ['Описание', 'Краткая справка для страницы организации. Например: Ляонинский университет основан в 1948 году …'],
    },
  },
};

export const COMPONENT_COPY: CopyTable = {
  'shared.seo': {
    metaTitle: {
      en: ['Search title', 'The title search engines show, at most 70 characters; empty: the headline. E.g. LNU hosts student innovation seminar'],
      'zh-Hans': ['搜索标题', '搜索引擎显示的标题，最多70个字符；留空则用稿件标题。例如：辽宁大学举办创新创业教育研讨会'],
      ru: ['Заголовок для поиска', 'Заголовок в поисковой выдаче, до 70 знаков; если пусто — заголовок материала. Например: Семинар по инновациям в ЛНУ'],
    },
    metaDescription: {
      en: ['Search description', 'The snippet under the title in search results, at most 160 characters. E.g. Experts from 30 universities met in Shenyang to …'],
      'zh-Hans': ['搜索摘要', '搜索结果中标题下方的说明，最多160个字符。例如：30所高校专家齐聚沈阳，研讨……'],
      ru: ['Описание для поиска', 'Текст под заголовком в поисковой выдаче, до 160 знаков. Например: Эксперты 30 вузов собрались в Шэньяне …'],
    },
    ogImage: {
      en: ['Sharing image', 'The picture of the card when the page is shared; empty: the cover. E.g. a 1200 × 630 photo'],
      'zh-Hans': ['分享图片', '网页被分享时卡片上的图片；留空则用封面图。例如：1200 × 630 的照片'],
      ru: ['Картинка для соцсетей', 'Изображение карточки при репосте; если пусто — обложка. Например: фото 1200 × 630'],
    },
    canonicalUrl: {
      en: ['Canonical URL', 'Only to point search engines at another address as the original; usually empty. E.g. https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml'],
      'zh-Hans': ['规范网址', '仅在需要让搜索引擎以其他网址为原始出处时填写，通常留空。例如：https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml'],
      ru: ['Канонический адрес', 'Только чтобы указать поисковикам другой адрес как первоисточник; обычно пусто. Например: https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml'],
    },
    noindex: {
      en: ['Hide from search engines', 'Switch on to keep this page out of search results (noindex). E.g. an internal notice'],
      'zh-Hans': ['不被搜索引擎收录', '打开后搜索引擎不收录本页（noindex）。例如：内部通知'],
      ru: ['Скрыть от поисковиков', 'Включите, чтобы страница не попадала в поиск (noindex). Например: внутреннее объявление'],
    },
  },
};

/** Labels of the fields Strapi adds to every content type (list columns, filters). */
export const SYSTEM_FIELD_LABELS: Record<string, Record<AdminLanguage, string>> = {
  id: { en: 'ID', 'zh-Hans': 'ID', ru: 'ID' },
  documentId: { en: 'Document ID', 'zh-Hans': '文档 ID', ru: 'ID документа' },
  createdAt: { en: 'Created', 'zh-Hans': '创建时间', ru: 'Создано' },
  updatedAt: { en: 'Updated', 'zh-Hans': '更新时间', ru: 'Обновлено' },
  publishedAt: { en: 'Published', 'zh-Hans': '发布时间', ru: 'Опубликовано' },
  createdBy: { en: 'Created by', 'zh-Hans': '创建者', ru: 'Автор записи' },
  updatedBy: { en: 'Updated by', 'zh-Hans': '最后修改者', ru: 'Кто изменил' },
  locale: { en: 'Language', 'zh-Hans': '语言', ru: 'Язык' },
};

/** The content types' names (Strapi translates a display name through the message id of the name itself). */
export const DISPLAY_NAMES: Record<string, Record<AdminLanguage, string>> = {
  Article: { en: 'Article', 'zh-Hans': '文章', ru: 'Статья' },
  Source: { en: 'Source', 'zh-Hans': '来源', ru: 'Источник' },
  Institution: { en: 'Institution', 'zh-Hans': '机构', ru: 'Организация' },
};

/** The words of the content types' enumeration values (section, kinds), from the site's labels. */
export const ENUM_WORDS: Record<string, Record<AdminLanguage, string>> = Object.fromEntries(
  Object.values(LABELS).flatMap((group) =>
    Object.entries(group).map(([value, names]) => [value, { en: names.en, 'zh-Hans': names['zh-Hans'], ru: names.ru }] as const)
  )
);
