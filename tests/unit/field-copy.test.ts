import article from '../../src/api/article/content-types/article/schema.json';
import institution from '../../src/api/institution/content-types/institution/schema.json';
import source from '../../src/api/source/content-types/source/schema.json';
import seo from '../../src/components/shared/seo.json';
import { ADMIN_LANGUAGES, COMPONENT_COPY, CONTENT_TYPE_COPY, DISPLAY_NAMES, ENUM_WORDS, SYSTEM_FIELD_LABELS, type CopyTable } from '../../src/admin/field-copy';
import { copyMessages, hintId, layoutModel, withEnumerationCells, withFieldHints, type EditLayoutLike } from '../../src/admin/labels';
import zhGaps from '../../src/admin/translations/zh-Hans.json';
import ruGaps from '../../src/admin/translations/ru.json';
import { reprintComponentSchema } from '../../src/plugins/reprint-attribution/server/src/components/reprint';
import pluginEn from '../../src/plugins/reprint-attribution/admin/src/translations/en.json';
import pluginRu from '../../src/plugins/reprint-attribution/admin/src/translations/ru.json';
import pluginZh from '../../src/plugins/reprint-attribution/admin/src/translations/zh-Hans.json';
import {
  fieldCopyMessages,
  reprintHintsHook,
  withComponentHints,
} from '../../src/plugins/reprint-attribution/admin/src/utils/fieldCopy';
import { parse } from '@formatjs/icu-messageformat-parser';

type Schema = { info: { displayName: string }; attributes: Record<string, { type: string; enum?: readonly string[] }> };
const CONTENT_TYPES: Record<string, Schema> = {
  'api::article.article': article as Schema,
  'api::source.source': source as Schema,
  'api::institution.institution': institution as Schema,
};
const COMPONENTS: Record<string, Schema> = { 'shared.seo': seo as Schema };
const PLUGIN: Record<string, Record<string, string>> = { en: pluginEn, 'zh-Hans': pluginZh, ru: pluginRu };

const EXAMPLE = { en: /\bE\.g\. \S/, 'zh-Hans': /例如：\S/, ru: /Например: \S/ } as const;
const camelCase = /^[a-z]+[A-Z][A-Za-z]*$/;

const copy = { contentTypes: CONTENT_TYPE_COPY, components: COMPONENT_COPY, displayNames: DISPLAY_NAMES, enumWords: ENUM_WORDS, systemFields: SYSTEM_FIELD_LABELS };

describe("the project's field copy (src/admin/field-copy.ts)", () => {
  const tables: [string, Record<string, Schema>, CopyTable][] = [
    ['content type', CONTENT_TYPES, CONTENT_TYPE_COPY],
    ['component', COMPONENTS, COMPONENT_COPY],
  ];

  it.each(tables)('labels every field of every %s, and nothing else', (_kind, schemas, table) => {
    for (const [uid, schema] of Object.entries(schemas)) {
      expect(Object.keys(table[uid] ?? {}).sort()).toEqual(Object.keys(schema.attributes).sort());
    }
  });

  it.each(tables)('gives each %s field a label and a one-line hint with an example in every admin language', (_kind, _schemas, table) => {
    for (const [uid, fields] of Object.entries(table)) {
      for (const [field, byLanguage] of Object.entries(fields)) {
        for (const language of ADMIN_LANGUAGES) {
          const [label, hint] = byLanguage[language];
          const where = `${uid}.${field} (${language})`;
          expect({ where, label: label.trim() !== '' && label !== field && !camelCase.test(label) }).toEqual({ where, label: true });
          expect({ where, oneLine: !/[\r\n]/.test(hint) && hint.length <= 200 }).toEqual({ where, oneLine: true });
          expect({ where, example: EXAMPLE[language].test(hint) }).toEqual({ where, example: true });
        }
      }
    }
  });

  it('has a word for every enumeration value of the content types, in every language', () => {
    for (const schema of Object.values(CONTENT_TYPES)) {
      for (const attribute of Object.values(schema.attributes)) {
        for (const value of attribute.enum ?? []) {
          for (const language of ADMIN_LANGUAGES) expect(ENUM_WORDS[value]?.[language]).toMatch(/\S/);
        }
      }
    }
  });

  it('names every content type in every language', () => {
    for (const schema of Object.values(CONTENT_TYPES)) {
      for (const language of ADMIN_LANGUAGES) expect(DISPLAY_NAMES[schema.info.displayName]?.[language]).toMatch(/\S/);
    }
  });

  it("gives the messages under the Content Manager's own ids", () => {
    const zh = copyMessages(copy, 'zh-Hans');
    expect(zh['content-manager.content-types.api::article.article.title']).toBe('标题');
    expect(zh['content-manager.content-types.api::article.article.source']).toBe('来源');
    expect(zh['content-manager.components.shared.seo.metaTitle']).toBe('搜索标题');
    expect(zh[hintId('api::article.article', 'source')]).toMatch(/^最早发布该稿件的媒体/);
    expect(zh.Article).toBe('文章');
    expect(zh['content-manager.content-types.api::source.source.createdAt']).toBe('创建时间');
    expect(zh['media-coverage']).toBe('媒体报道');
    const ru = copyMessages(copy, 'ru');
    expect(ru['content-manager.content-types.api::source.source.homepage']).toBe('Сайт');
    expect(ru.news).toBe('Новости');
  });
});

describe("the plugin's field copy (reprint component)", () => {
  const fields = Object.keys(reprintComponentSchema.attributes);
  const values = Object.values(reprintComponentSchema.attributes).flatMap((attribute) => ('enum' in attribute ? [...attribute.enum] : []));

  it.each(ADMIN_LANGUAGES)('labels, hints and words every field and value in %s', (language) => {
    const data = PLUGIN[language];
    for (const field of fields) {
      expect({ field, label: data[`field.${field}`] }).toEqual({ field, label: expect.stringMatching(/\S/) });
      expect(camelCase.test(data[`field.${field}`])).toBe(false);
      const hint = data[`field.${field}.hint`];
      expect({ field, hint: EXAMPLE[language].test(hint ?? '') && !/\n/.test(hint) }).toEqual({ field, hint: true });
    }
    for (const value of values) expect({ value, word: data[`enum.${value}`] }).toEqual({ value, word: expect.stringMatching(/\S/) });
  });

  it('uses the vocabulary of the credit lines and refusals (来源 / 原标题 / 原作者 / 责任编辑)', () => {
    expect(pluginZh['field.originalTitle']).toBe('原标题');
    expect(pluginZh['field.originalAuthors']).toBe('原作者');
    expect(pluginZh['field.responsibleEditor']).toBe('责任编辑');
    expect(pluginZh['field.originalNamesNoAuthor']).toBe('原文未署名');
    expect(pluginZh['field.permissionPerpetual']).toBe('长期授权');
    expect(pluginRu['field.originalTitle']).toBe('Заголовок оригинала');
    expect(pluginRu['field.responsibleEditor']).toBe('Ответственный редактор');
  });

  it("maps the words to the Content Manager's ids: component labels and raw enumeration values", () => {
    const messages = fieldCopyMessages(pluginEn);
    expect(messages['content-manager.components.attribution.reprint.originalPublishedAt']).toBe('Original publication date');
    expect(messages['cc-by-4.0']).toBe('CC BY 4.0');
    expect(messages['statutory-news-exception']).toBe('Reprinted under the news exception');
    expect(Object.keys(messages).some((id) => id.endsWith('.hint'))).toBe(false);
    expect(fieldCopyMessages(pluginZh)['content-manager.components.attribution.reprint.isReprint']).toBe('转载稿');
  });

  it("gives an enumeration value's word the same way in the plugin and in the project where they share it", () => {
    for (const language of ADMIN_LANGUAGES) expect(PLUGIN[language]['enum.other']).toBe(ENUM_WORDS.other[language]);
  });
});

describe('layout hints', () => {
  const field = (name: string, hint = '') => ({ name, hint, label: name, type: 'string' });
  const layoutOf = (names: string[], components: EditLayoutLike['components'] = {}): EditLayoutLike => ({
    layout: [[names.map((name) => field(name))]],
    components,
    metadatas: {},
  });

  it('finds the content type of a layout by its fields; the URL only breaks ties', () => {
    expect(layoutModel(layoutOf(['title', 'slug', 'source', 'reprint']), CONTENT_TYPE_COPY)).toBe('api::article.article');
    // a source edited in a relation modal on an article's page
    expect(layoutModel(layoutOf(['name', 'slug', 'homepage', 'kind']), CONTENT_TYPE_COPY, 'api::article.article')).toBe('api::source.source');
    // fields source and institution share: the page's type
    expect(layoutModel(layoutOf(['name', 'slug', 'kind']), CONTENT_TYPE_COPY, 'api::institution.institution')).toBe('api::institution.institution');
    expect(layoutModel(layoutOf(['headline', 'outlet', 'slug']), CONTENT_TYPE_COPY)).toBeUndefined();
    expect(layoutModel(layoutOf([]), CONTENT_TYPE_COPY)).toBeUndefined();
  });

  it("adds hints to fields without a description, keeps configured ones, and copies instead of changing Strapi's layout", () => {
    const layout = layoutOf(['title', 'summary'], { 'shared.seo': { layout: [[field('metaTitle'), field('noindex', 'configured')]], settings: {} } });
    layout.layout[0][0][1].hint = 'An editor wrote this';
    const before = JSON.stringify(layout);
    const result = withFieldHints(layout, { model: 'api::article.article', table: CONTENT_TYPE_COPY, components: COMPONENT_COPY }, (uid, name) => `hint:${uid}.${name}`);
    expect(JSON.stringify(layout)).toBe(before);
    expect(result).not.toBe(layout);
    expect(result.layout[0][0].map((f) => f.hint)).toEqual(['hint:api::article.article.title', 'An editor wrote this']);
    expect(result.components['shared.seo'].layout[0].map((f) => f.hint)).toEqual(['hint:shared.seo.metaTitle', 'configured']);
    expect(result.metadatas).toBe(layout.metadatas);
  });

  it('returns the very layout when there is nothing to add', () => {
    const layout = layoutOf(['headline']);
    expect(withFieldHints(layout, { model: undefined, table: CONTENT_TYPE_COPY, components: COMPONENT_COPY }, () => 'x')).toBe(layout);
  });

  it("adds the plugin's hints to the reprint component only, once per layout", () => {
    const layout = { layout: [], components: { 'attribution.reprint': { layout: [[field('originalTitle'), field('unknownField')]] }, 'shared.seo': { layout: [[field('metaTitle')]] } } };
    const result = withComponentHints(layout, 'attribution.reprint', (name) => (name === 'originalTitle' ? 'the hint' : undefined));
    expect(result.components['attribution.reprint'].layout[0].map((f) => f.hint)).toEqual(['the hint', '']);
    expect(result.components['shared.seo']).toBe(layout.components['shared.seo']);
    expect(withComponentHints(layout, 'other.component', () => 'x')).toBe(layout);

    const args = { layout, query: {} };
    const first = reprintHintsHook(args);
    expect(first.layout).not.toBe(layout);
    expect(reprintHintsHook({ layout, query: { page: 2 } }).layout).toBe(first.layout);
    expect(first.layout.components['attribution.reprint'].layout[0][0].hint).toBeTruthy();
  });
});

describe("Strapi's own screens in Chinese and Russian (src/admin/translations)", () => {
  it.each([
    ['zh-Hans', zhGaps as Record<string, string>],
    ['ru', ruGaps as Record<string, string>],
  ])('%s: the everyday words are there, and every message parses', (_language, messages) => {
    for (const id of [
      'content-manager.containers.edit.panels.default.title', // Entry
      'content-manager.preview.panel.title', // Preview
      'content-manager.containers.edit.tabs.draft',
      'content-manager.containers.edit.tabs.published',
      'i18n.list-view.table.header.label', // Available in
    ]) {
      expect({ id, message: messages[id] }).toEqual({ id, message: expect.stringMatching(/\S/) });
    }
    // technical values stay as they are (link rel/target values, "Webhooks" in Chinese)
    const technical = new Set(['components.Blocks.popover.link.rel.placeholder', 'components.Blocks.popover.link.target.placeholder', 'widget.key-statistics.list.webhooks']);
    for (const [id, message] of Object.entries(messages)) {
      if (technical.has(id)) continue;
      expect({ id, parses: (() => { try { parse(message); return true; } catch { return false; } })() }).toEqual({ id, parses: true });
      expect({ id, english: /^[A-Za-z ,.'?!]+$/.test(message) && /[a-z]{4}/.test(message) }).toEqual({ id, english: false });
    }
  });
});

describe('list cells of enumerations', () => {
  const formatter = () => 'word';
  it('gives enumeration columns a formatter, and leaves other columns and formatted ones alone', () => {
    const own = () => 'own';
    const headers = [
      { name: 'title', attribute: { type: 'string' } },
      { name: 'section', attribute: { type: 'enumeration' } },
      { name: 'kind', attribute: { type: 'enumeration' }, cellFormatter: own },
      { name: 'reprint-attribution' },
    ];
    const result = withEnumerationCells(headers, formatter);
    expect(result.map((header) => header.cellFormatter)).toEqual([undefined, formatter, own, undefined]);
    expect(result[0]).toBe(headers[0]);
    expect(headers[1]).not.toHaveProperty('cellFormatter');
  });
});
