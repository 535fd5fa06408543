import { buildAttribution } from '../attribution';
import { renderCreditLine } from '../credit-line';
import { defaultTemplates } from '../languages';
import { PLACEHOLDERS, validateTemplate } from '../templates';
import { reference, settings, TODAY } from './fixtures';
import { hostileTemplates } from './hostile-templates';

const DEFAULT_TEMPLATES = defaultTemplates();

// What saves renders: every template validateTemplate accepts renders, for complete and
// incomplete documents and hostile values, into parts that add up to the text.
const inputs = [
  reference('en'),
  reference('zh-Hans'),
  reference('en', { source: null, reprint: { isReprint: true } }),
  reference('ru', { source: { name: '\uE000constructor\uE001 <b>', homepage: null }, reprint: { ...reference('ru').reprint, originalTitle: '{sourceName} __proto__' } }),
];

const templates = hostileTemplates(400);

describe('hostile templates (property: refused, or rendered without error)', () => {
  it('covers each marker character, each prototype name, long and deeply nested templates', () => {
    expect(templates.some((t) => t.includes('\uE000'))).toBe(true);
    expect(templates.some((t) => t.includes('{constructor}'))).toBe(true);
    expect(templates.some((t) => /select, __proto__ \{/.test(t))).toBe(true);
    expect(templates.some((t) => t.length > 2000)).toBe(true);
    expect(templates.some((t) => (t.match(/select/g) ?? []).length > 30 && validateTemplate(t).length === 0)).toBe(true);
  });

  it.each(templates.map((template, index) => [index, template]))('#%i is refused with a reason, or renders', (_index, template) => {
    const errors = validateTemplate(template);
    if (errors.length > 0) {
      for (const error of errors) expect(error.message).toEqual(expect.any(String));
      return;
    }
    for (const input of inputs) {
      const line = renderCreditLine(input, template);
      expect(line.parts.map((part) => part.value).join('')).toBe(line.text);
      for (const part of line.parts) {
        expect(typeof part.value).toBe('string');
        if (part.type === 'value') expect(PLACEHOLDERS).toContain(part.name);
      }
      expect(line.html).not.toMatch(/<(?!a href|\/a>)/);
    }
  });

  it('refuses prototype names as placeholders and as select keys, naming them', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(validateTemplate(`{sourceName} {originalTitle} {${name}}`)[0].message).toMatch(`Unknown placeholder {${name}}`);
      expect(validateTemplate(`{sourceName} {originalTitle} {authors, select, ${name} {x} other {y}}`)[0].message).toMatch(`"${name}" would never be chosen`);
      expect(validateTemplate(`{sourceName} {originalTitle} {authors, plural, ${name} {x} other {y}}`)[0].message).toMatch('not as a number, date or plural');
    }
  });

  it('renders marker characters and prototype names in the template text as text', () => {
    const template = '\uE000constructor\uE001 {sourceName} \uE000toString\uE001 {originalTitle} __proto__ \uE001';
    expect(validateTemplate(template)).toEqual([]);
    const line = renderCreditLine(reference('en'), template);
    expect(line.text).toBe('\uE000constructor\uE001 China News Service Liaoning \uE000toString\uE001 辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开 __proto__ \uE001');
    expect(line.parts.filter((part) => part.type === 'value').map((part) => part.name)).toEqual(['sourceName', 'originalTitle']);
  });

  it('falls back to the default template when a stored template cannot be rendered', () => {
    for (const bad of ['{sourceName} {constructor}', '{sourceName} {originalTitle, number}', '{sourceName', '{toString, date}']) {
      const attribution = buildAttribution(reference('en'), settings({ templates: { ...DEFAULT_TEMPLATES, en: bad } }), TODAY);
      expect(attribution.creditLine).toBe(buildAttribution(reference('en'), settings(), TODAY).creditLine);
    }
  });
});
