import { formatDate, overrideCreditLine, renderCreditLine } from '../credit-line';
import { DEFAULT_TEMPLATES, validateTemplate } from '../templates';
import { reference } from './fixtures';

const render = (input: ReturnType<typeof reference>) => renderCreditLine(input, DEFAULT_TEMPLATES[input.locale]);

describe('default credit lines', () => {
  it('zh-Hans: 来源 / 原标题 / 责任编辑', () => {
    expect(render(reference('zh-Hans')).text).toBe(
      '来源：中国新闻网辽宁（2025年3月21日）　原标题：辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开　责任编辑：王编辑'
    );
  });

  it('en: Originally published by … as “…” on …', () => {
    expect(render(reference('en')).text).toBe(
      'Originally published by China News Network Liaoning as “辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开” on March 21, 2025. Translated (reprinted under the statutory news exception). Editor: Wang.'
    );
  });

  it('ru: Источник, the original title in «»', () => {
    expect(render(reference('ru')).text).toBe(
      'Источник: Китайская новостная сеть, Ляонин (21 марта 2025 г.). Оригинальное название: «辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开». Перевод (перепечатка новостей на основании закона). Ответственный редактор: Ван.'
    );
  });

  it('names the authors when there are some, and leaves out what is absent', () => {
    const withAuthors = reference('zh-Hans', { reprint: { ...reference('zh-Hans').reprint, originalAuthors: '张三、李四' } });
    expect(render(withAuthors).text).toContain('　作者：张三、李四');
    const bare = reference('en', {
      reprint: { isReprint: true, originalTitle: 'Original', originalLanguage: 'zh-Hans' },
    });
    expect(render(bare).text).toBe('Originally published by China News Network Liaoning as “Original”.');
    expect(render({ ...bare, locale: 'ru' }).text).toBe('Источник: China News Network Liaoning. Оригинальное название: «Original».');
  });

  it('formats the date for each locale with Intl', () => {
    expect(formatDate('2025-03-21', 'zh-Hans')).toBe('2025年3月21日');
    expect(formatDate('2025-03-21', 'en')).toBe('March 21, 2025');
    expect(formatDate('2025-03-21', 'ru')).toBe('21 марта 2025 г.');
    expect(formatDate('not a date', 'en')).toBeNull();
  });
});

describe('HTML and parts', () => {
  it('escapes every value and links the source name to its homepage', () => {
    const hostile = reference('en', {
      source: { name: '<script>alert("x")</script> & Co', homepage: 'https://evil.example.com/?a=1&b="2"' },
      reprint: { ...reference('en').reprint, originalTitle: '<img src=x onerror=alert(1)>', responsibleEditor: "O'Brien" },
    });
    const { html, text, parts } = render(hostile);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain(
      '<a href="https://evil.example.com/?a=1&amp;b=&quot;2&quot;" rel="noopener noreferrer">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</a>'
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Editor: O&#39;Brien.');
    expect(text).toContain('<script>alert("x")</script> & Co');
    expect(parts.filter((part) => part.type === 'value').map((part) => part.name)).toEqual([
      'sourceName',
      'originalTitle',
      'originalDate',
      'reprintType',
      'license',
      'responsibleEditor',
    ]);
    expect(parts.map((part) => part.value).join('')).toBe(text);
  });

  it('does not link a source whose homepage is not http(s)', () => {
    const { html } = render(reference('en', { source: { name: 'Outlet', homepage: 'javascript:alert(1)' } }));
    expect(html).toContain('Originally published by Outlet as');
    expect(html).not.toContain('javascript:');
  });

  it('has no markers a value could imitate: private-use characters in a value stay in that value', () => {
    const { text, parts } = render(reference('en', { source: { name: 'A\uE000sourceName\uE001B', homepage: null } }));
    expect(text).toContain('A\uE000sourceName\uE001B');
    expect(parts.filter((part) => part.type === 'value')[0]).toEqual({ type: 'value', name: 'sourceName', value: 'A\uE000sourceName\uE001B' });
  });

  it('uses the editor’s override as is, escaped', () => {
    expect(overrideCreditLine('  Courtesy of <b>X</b>  ')).toEqual({
      text: 'Courtesy of <b>X</b>',
      html: 'Courtesy of &lt;b&gt;X&lt;/b&gt;',
      parts: [{ type: 'literal', value: 'Courtesy of <b>X</b>' }],
    });
  });
});

describe('validateTemplate', () => {
  it('accepts the defaults', () => {
    for (const template of Object.values(DEFAULT_TEMPLATES)) expect(validateTemplate(template)).toEqual([]);
  });

  it('reports a syntax error with its position', () => {
    const [error] = validateTemplate('Source: {sourceName} {originalTitle');
    expect(error.message).toMatch(/^Syntax error at character \d+/);
    expect(error.offset).toEqual(expect.any(Number));
  });

  it('reports unknown placeholders, misuse and missing required ones', () => {
    expect(validateTemplate('{sourceName} {originalTitle} {author}').map((e) => e.message)).toEqual([
      expect.stringMatching(/^Unknown placeholder \{author\}/),
    ]);
    expect(validateTemplate('{sourceName} {originalTitle} {originalDate, date, long}')[0].message).toMatch(/is text/);
    expect(validateTemplate('Reprinted.').map((e) => e.message)).toEqual(['The template must name {sourceName}', 'The template must name {originalTitle}']);
    expect(validateTemplate('')).toEqual([{ message: 'The template is empty' }]);
    expect(validateTemplate(42)).toEqual([{ message: 'The template is empty' }]);
  });
});
