import { formatDate, overrideCreditLine, renderCreditLine } from '../credit-line';
import { defaultTemplates } from '../languages';
import { validateTemplate } from '../templates';
import type { AttributionInput } from '../types';
import { ccReprint, permissionReprint, reference } from './fixtures';

const DEFAULT_TEMPLATES = defaultTemplates();

const render = (input: ReturnType<typeof reference>) => renderCreditLine(input, DEFAULT_TEMPLATES[input.locale]);

describe('default credit lines, written out per locale', () => {
  const render = (input: AttributionInput) => renderCreditLine(input, DEFAULT_TEMPLATES[input.locale]).text;

  it('zh-Hans: 来源 / 原标题 / 原作者 / 译者 / 责任编辑, full-width punctuation', () => {
    // The reference article: a reconstruction, so it says it was changed; no legal clause.
    expect(render(reference('zh-Hans'))).toBe('来源：中新网辽宁（2025年3月22日）　原标题：辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开　本文有改动　责任编辑：李明');
    expect(render(ccReprint('zh-Hans'))).toBe(
      '来源：Campus Science Weekly（2025年6月10日）　原标题：How University Makerspaces Turn Student Ideas into Prototypes（高校创客空间如何把学生的创意变成原型）' +
        '　原作者：Jane Doe, John Roe　译者：王芳　依据 CC BY 4.0 许可协议转载　责任编辑：李明'
    );
    expect(render(permissionReprint('zh-Hans'))).toBe(
      '来源：Campus Science Weekly（2025年9月1日）　原标题：The Library That Never Closes　原作者：Jane Doe　本文有删节　经授权转载　责任编辑：李明'
    );
  });

  it('en: full sentences, the gloss of a Chinese title, the provision the news exception rests on', () => {
    expect(render(reference('en'))).toBe(
      'Originally published by China News Service Liaoning on March 22, 2025 as “辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开” ' +
        '(“Liaoning Undergraduate Students’ Innovation and Entrepreneurship Education Work Seminar Convened at LNU”). Translated from Chinese. ' +
        'Reprinted under Article 24(1)(4) of the Copyright Law of the People’s Republic of China. Editor: Li Ming.'
    );
    expect(render(ccReprint('en'))).toBe(
      'Originally published by Campus Science Weekly on June 10, 2025 as “How University Makerspaces Turn Student Ideas into Prototypes”, by Jane Doe, John Roe. ' +
        'Licensed under CC BY 4.0. Editor: Li Ming.'
    );
    expect(render(permissionReprint('en'))).toBe(
      'Originally published by Campus Science Weekly on September 1, 2025 as “The Library That Never Closes”, by Jane Doe. This is an excerpt. Reprinted with permission. Editor: Li Ming.'
    );
    // A translator is named: "Translated from Chinese by …".
    expect(render(reference('en', { reprint: { ...reference('en').reprint, translator: 'Anna Smith' } }))).toContain('. Translated from Chinese by Anna Smith. ');
  });

  it('ru: «Заголовок оригинала», «Перевод с китайского» (genitive), the article of the Civil Code', () => {
    expect(render(reference('ru'))).toBe(
      'Источник: Ляонинский канал агентства «Чжунго синьвэнь» (22 марта 2025 г.). Заголовок оригинала: «辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开» ' +
        '(«Семинар по инновационному и предпринимательскому образованию студентов провинции Ляонин прошёл в Ляонинском университете»). Перевод с китайского. ' +
        'Перепечатано в соответствии с подп. 3 п. 1 ст. 1274 ГК РФ. Ответственный редактор: Ли Мин.'
    );
    expect(render(ccReprint('ru'))).toBe(
      'Источник: Campus Science Weekly (10 июня 2025 г.). Заголовок оригинала: «How University Makerspaces Turn Student Ideas into Prototypes» ' +
        '(«Как университетские мейкерспейсы превращают идеи студентов в прототипы»). Авторы: Jane Doe, John Roe. Перевод с английского: Анна Петрова. ' +
        'Публикуется по лицензии CC BY 4.0. Ответственный редактор: Ли Мин.'
    );
    expect(render(permissionReprint('ru'))).toBe(
      'Источник: Campus Science Weekly (1 сентября 2025 г.). Заголовок оригинала: «The Library That Never Closes». Автор: Jane Doe. Печатается в сокращении. ' +
        'Публикуется с разрешения правообладателя. Ответственный редактор: Ли Мин.'
    );
  });

  it('leaves out what is absent', () => {
    const bare = reference('en', { reprint: { isReprint: true, originalTitle: 'Original', originalLanguage: 'zh-Hans' } });
    expect(render(bare)).toBe('Originally published by China News Service Liaoning as “Original”.');
    expect(render({ ...bare, locale: 'ru' })).toBe('Источник: China News Service Liaoning. Заголовок оригинала: «Original».');
    expect(render({ ...bare, locale: 'zh-Hans' })).toBe('来源：China News Service Liaoning　原标题：Original');
  });

  it('treats an original in an unnamed language as absent in a template that tests for it', () => {
    const other = reference('en', { reprint: { ...reference('en').reprint, originalLanguage: 'other', originalTitleGloss: null } });
    const template = '{sourceName}: {originalTitle}.{originalLanguage, select, none {} other { Translated from {originalLanguage}.}}';
    expect(renderCreditLine(other, template).text).toBe('China News Service Liaoning: 辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开.');
    expect(renderCreditLine(reference('en'), template).text).toBe('China News Service Liaoning: 辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开. Translated from Chinese.');
    // the built-in template names it in words
    expect(render(other)).toContain('Translated from the original language.');
  });

  it('does not link the original title to the outlet’s homepage', () => {
    const homepage = reference('en', { reprint: { ...reference('en').reprint, originalUrl: 'https://www.ln.chinanews.com.cn/' } });
    const { html } = renderCreditLine(homepage, DEFAULT_TEMPLATES.en);
    expect(html).toContain('as “辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开”');
    expect(html).not.toMatch(/<a [^>]*>辽宁省/);
    // the outlet's name still links to its homepage; an article address links the title
    expect(html).toContain('<a href="https://www.ln.chinanews.com.cn/" rel="noopener noreferrer">China News Service Liaoning</a>');
    expect(renderCreditLine(reference('en'), DEFAULT_TEMPLATES.en).html).toContain(
      '<a href="https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml" rel="noopener noreferrer">辽宁省本科大学生创新创业教育工作研讨会在辽宁大学召开</a>'
    );
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
      'originalDate',
      'originalTitle',
      'originalTitleGloss',
      'license',
      'responsibleEditor',
    ]);
    expect(parts.map((part) => part.value).join('')).toBe(text);
  });

  it('does not link a source whose homepage is not http(s)', () => {
    const { html } = render(reference('en', { source: { name: 'Outlet', homepage: 'javascript:alert(1)' } }));
    expect(html).toContain('Originally published by Outlet on March 22, 2025 as');
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
