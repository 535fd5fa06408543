import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

/**
 * Credit-line templates: ICU MessageFormat. Every value is text; an optional value that is
 * absent is the word `none`, so `{authors, select, none {} other {, by {authors}}}` leaves it out.
 */
export const PLACEHOLDERS = [
  'sourceName',
  'originalTitle',
  'originalTitleGloss',
  'authors',
  'originalDate',
  'originalUrl',
  'originalLanguage',
  'translator',
  'license',
  'responsibleEditor',
  'reprintType',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** A credit line that does not name the source or the original title is no attribution. */
export const REQUIRED_PLACEHOLDERS: Placeholder[] = ['sourceName', 'originalTitle'];

export interface TemplateError {
  message: string;
  /** 0-based character offset in the template, when known */
  offset?: number;
}

/** What a select on a text value can test: whether it is absent (`none`), else `other`. */
export const SELECT_KEYS = ['none', 'other'] as const;

/**
 * Values that are codes, not text: a select may also test the code itself (ICU keys cannot hold
 * a hyphen, so the original's language is tested by its language: zh, en, ru), and the authors
 * whether they are one or several.
 */
export const CODE_SELECT_KEYS: Partial<Record<Placeholder, readonly string[]>> = {
  reprintType: ['full', 'excerpt', 'translation', 'adaptation'],
  originalLanguage: ['zh', 'en', 'ru'],
  // one name or several (for languages that say Автор / Авторы)
  authors: ['one', 'several'],
};

const selectKeysOf = (name: string): readonly string[] => [...SELECT_KEYS, ...(CODE_SELECT_KEYS[name as Placeholder] ?? [])];

interface Found {
  name: string;
  offset?: number;
  kind: TYPE;
  /** the keys of a select or plural */
  keys?: Array<{ key: string; offset?: number }>;
}

const collectArguments = (elements: MessageFormatElement[], found: Found[]) => {
  for (const element of elements) {
    if ('value' in element && typeof element.value === 'string' && element.type !== TYPE.literal) {
      const keys =
        element.type === TYPE.select || element.type === TYPE.plural
          ? Object.entries(element.options).map(([key, option]) => ({ key, offset: option.location?.start.offset }))
          : undefined;
      found.push({ name: element.value, offset: element.location?.start.offset, kind: element.type, keys });
    }
    if (element.type === TYPE.select || element.type === TYPE.plural) {
      for (const option of Object.values(element.options)) collectArguments(option.value, found);
    }
    if (element.type === TYPE.tag) collectArguments(element.children, found);
  }
};

/** Why a template cannot be used, or [] when it can. */
export const validateTemplate = (template: unknown): TemplateError[] => {
  if (typeof template !== 'string' || template.trim() === '') return [{ message: 'The template is empty' }];
  if (template.length > 2000) return [{ message: `The template is too long (${template.length} characters, at most 2000)` }];
  let ast: MessageFormatElement[];
  try {
    ast = parse(template, { captureLocation: true, ignoreTag: true });
  } catch (error: any) {
    const offset: number | undefined = error?.location?.start?.offset;
    const kind = String(error?.message ?? 'syntax error').replace(/_/g, ' ').toLowerCase();
    return [{ message: `Syntax error${offset === undefined ? '' : ` at character ${offset + 1}`}: ${kind}`, offset }];
  }
  const found: Found[] = [];
  collectArguments(ast, found);
  const errors: TemplateError[] = [];
  for (const { name, offset, kind, keys } of found) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      errors.push({ message: `Unknown placeholder {${name}}; use: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`, offset });
    } else if (kind !== TYPE.argument && kind !== TYPE.select) {
      errors.push({ message: `{${name}} is text: use it plainly or in a select, not as a number, date or plural`, offset });
    } else if (kind === TYPE.select) {
      for (const { key, offset: keyOffset } of keys ?? []) {
        if (!selectKeysOf(name).includes(key)) {
          const keys = selectKeysOf(name);
          errors.push({
            message:
              keys.length > SELECT_KEYS.length
                ? `{${name}, select, …} can test ${keys.join(', ')} (none: the value is absent; other: anything else); "${key}" would never be chosen`
                : `{${name}, select, …} can only test none (the value is absent) and other (it is there); "${key}" would never be chosen`,
            offset: keyOffset,
          });
        }
      }
    }
  }
  for (const name of REQUIRED_PLACEHOLDERS) {
    if (!found.some((argument) => argument.name === name)) errors.push({ message: `The template must name {${name}}` });
  }
  return errors;
};

export interface PlaceholderGuide {
  name: Placeholder;
  /** what the placeholder stands for, in the admin's language */
  meaning: string;
  /** a template must name it */
  required: boolean;
  /** the keys a select on it can test besides none and other */
  selectKeys: readonly string[];
}

/**
 * What each placeholder stands for, for the settings page's picker, by admin language (English
 * for any other). The same words in every place: the page asks the server, never keeps a list.
 */
const MEANINGS: Record<string, Record<Placeholder, string>> = {
  en: {
    sourceName: 'The outlet that first published the report (linked to its homepage)',
    originalTitle: 'The headline it was first published under (linked to the original)',
    originalTitleGloss: 'That headline translated, for readers of another language (optional)',
    authors: 'The original’s authors, as written (optional; a select can test one or several)',
    originalDate: 'The date the original was published, written in the edition’s language',
    originalUrl: 'The address of the original article',
    originalLanguage: 'The language of the original, named in the edition’s language (a select can test zh, en, ru)',
    translator: 'Who translated it (optional)',
    license: 'What the licence or permission says, e.g. “Licensed under CC BY 4.0”',
    responsibleEditor: 'The editor responsible for the reprint (optional)',
    reprintType: 'How it is reprinted, in words (a select can test full, excerpt, translation, adaptation)',
  },
  'zh-Hans': {
    sourceName: '首发该报道的媒体（链接到其首页）',
    originalTitle: '原文首发时的标题（链接到原文）',
    originalTitleGloss: '原标题的译文，供其他语言的读者阅读（可选）',
    authors: '原文作者，按原文书写（可选；select 可判断 one 或 several）',
    originalDate: '原文发布日期，以本语言版本的格式书写',
    originalUrl: '原文网址',
    originalLanguage: '原文语言，以本语言版本的文字表述（select 可判断 zh、en、ru）',
    translator: '译者（可选）',
    license: '许可或授权的说明，如“依据 CC BY 4.0 许可协议转载”',
    responsibleEditor: '本次转载的责任编辑（可选）',
    reprintType: '转载方式的文字表述（select 可判断 full、excerpt、translation、adaptation）',
  },
  ru: {
    sourceName: 'Издание, первым опубликовавшее материал (ссылка на его главную страницу)',
    originalTitle: 'Заголовок, под которым материал вышел впервые (ссылка на оригинал)',
    originalTitleGloss: 'Перевод этого заголовка для читателей на другом языке (необязательно)',
    authors: 'Авторы оригинала, как они указаны (необязательно; select различает one и several)',
    originalDate: 'Дата публикации оригинала на языке этой версии',
    originalUrl: 'Адрес оригинальной статьи',
    originalLanguage: 'Язык оригинала, названный на языке этой версии (select различает zh, en, ru)',
    translator: 'Кто перевёл (необязательно)',
    license: 'Что говорит лицензия или разрешение, например «Публикуется по лицензии CC BY 4.0»',
    responsibleEditor: 'Редактор, ответственный за перепечатку (необязательно)',
    reprintType: 'Вид перепечатки словами (select различает full, excerpt, translation, adaptation)',
  },
};

/** The placeholders with their meaning in an admin language (its own, that of its language, else English). */
export const placeholderGuide = (language: string | null | undefined): PlaceholderGuide[] => {
  const code = (language ?? '').trim();
  const base = code.toLowerCase().split('-')[0];
  const key = Object.prototype.hasOwnProperty.call(MEANINGS, code) ? code : (Object.keys(MEANINGS).find((name) => name.toLowerCase().split('-')[0] === base) ?? 'en');
  return PLACEHOLDERS.map((name) => ({
    name,
    meaning: MEANINGS[key][name],
    required: REQUIRED_PLACEHOLDERS.includes(name),
    selectKeys: CODE_SELECT_KEYS[name] ?? [],
  }));
};
