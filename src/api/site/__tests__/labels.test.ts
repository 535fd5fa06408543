import fs from 'node:fs';
import path from 'node:path';

import { DEFAULT_LOCALES } from '../../../lib/locales';
import { FALLBACK_LABEL_LOCALE, LABELLED_ENUMS, LABELS, labelSource, missingLabels, siteLabels, type LabelGroup } from '../labels';

/** The enumerations as the committed schemas have them (what Strapi reads at start-up). */
const schemaEnums = (): Record<LabelGroup, string[]> => {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const out = {} as Record<LabelGroup, string[]>;
  for (const [group, { uid, attribute }] of Object.entries(LABELLED_ENUMS) as Array<[LabelGroup, { uid: string; attribute: string }]>) {
    const [api, type] = uid.replace('api::', '').split('.');
    const schema = JSON.parse(fs.readFileSync(path.join(root, 'src', 'api', api, 'content-types', type, 'schema.json'), 'utf8'));
    out[group] = schema.attributes[attribute].enum;
  }
  return out;
};

describe('labels', () => {
  it('name every value of every labelled enumeration in every default locale, in its own words', () => {
    const enums = schemaEnums();
    expect(enums.section).toEqual(['news', 'media-coverage', 'notices', 'events', 'research']);
    for (const group of Object.keys(enums) as LabelGroup[]) {
      for (const value of enums[group]) {
        for (const locale of DEFAULT_LOCALES) {
          expect([group, value, locale, LABELS[group][value]?.[locale]?.trim()]).toEqual([group, value, locale, expect.stringMatching(/\S/)]);
        }
      }
      // No names for values the schema no longer has.
      expect(Object.keys(LABELS[group]).sort()).toEqual([...enums[group]].sort());
    }
    expect(missingLabels(enums)).toEqual([]);
    for (const locale of DEFAULT_LOCALES) expect(labelSource(locale)).toBe(locale);
  });

  it('the names of one locale differ from the English ones where the language differs', () => {
    for (const group of Object.keys(LABELS) as LabelGroup[]) {
      for (const names of Object.values(LABELS[group])) {
        expect(names['zh-Hans']).toMatch(/\p{Script=Han}/u);
        expect(names.ru).toMatch(/\p{Script=Cyrillic}/u);
      }
    }
  });

  it('stop start-up for a value without an English name', () => {
    expect(missingLabels({ ...schemaEnums(), section: ['news', 'gossip'] })).toEqual(['section: gossip']);
  });

  it('give an added locale the names of its language, else the English ones, and say so', () => {
    expect(labelSource('en-GB')).toBe('en');
    expect(labelSource('ru-RU')).toBe('ru');
    expect(labelSource('zh-Hant')).toBe('zh-Hans');
    expect(labelSource('ja')).toBe(FALLBACK_LABEL_LOCALE);
    // A locale with only some names of its own is not labelled: one language per page.
    const partial = { section: { news: { en: 'News', ja: 'ニュース' }, events: { en: 'Events' } } };
    expect(labelSource('ja', partial)).toBe('en');

    const body = siteLabels({ locales: ['zh-Hans', 'en', 'ru', 'ja'], defaultLocale: 'zh-Hans', enums: schemaEnums() });
    expect(body.meta.labelFallbacks).toEqual({ ja: 'en' });
    expect(body.data.sections[0]).toEqual({ key: 'news', names: { 'zh-Hans': '新闻', en: 'News', ru: 'Новости', ja: 'News' } });
    expect(body.data.locales.map((locale) => [locale.code, locale.name, locale.englishName, locale.isDefault])).toEqual([
      ['zh-Hans', '简体中文', 'Simplified Chinese', true],
      ['en', 'English', 'English', false],
      ['ru', 'русский', 'Russian', false],
      ['ja', '日本語', 'Japanese', false],
    ]);
  });

  it('follow the schema’s order and values, whatever the names file holds', () => {
    const body = siteLabels({ locales: ['en'], defaultLocale: 'en', enums: { section: ['research', 'news'], sourceKind: [], institutionKind: ['other'] } });
    expect(body.data.sections.map((section) => section.key)).toEqual(['research', 'news']);
    expect(body.data.kinds).toEqual({ source: [], institution: [{ key: 'other', names: { en: 'Other' } }] });
    expect(body.data.defaultLocale).toBe('en');
  });
});
