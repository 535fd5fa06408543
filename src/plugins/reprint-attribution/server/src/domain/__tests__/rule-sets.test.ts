import { localizeProblem } from '../messages';
import { defaultRuleSetSettings, looksLikeOrganisation, personName, resolveRuleSets, ruleSetsFor } from '../rule-sets';
import { checkForPublish } from '../rules';
import type { AttributionInput } from '../types';
import { isHomepageUrl } from '../urls';
import { ccReprint, reference, TODAY } from './fixtures';

const ruleSets = defaultRuleSetSettings();
const problems = (input: AttributionInput) => checkForPublish(input, { today: TODAY, titleCheck: 'warn', ruleSets });
const codes = (input: AttributionInput) => problems(input).map((problem) => `${problem.severity}:${problem.path.join('.')}:${problem.code}${problem.ruleSet ? `@${problem.ruleSet}` : ''}`);
const withReprint = (input: AttributionInput, changes: Record<string, unknown>): AttributionInput => ({ ...input, reprint: { ...input.reprint, ...changes } });

describe('which rule sets apply', () => {
  it('by default: zh-Hans → cn-internet-news, ru → ru-civil-code-1274, CC licences → cc-tasl', () => {
    expect(ruleSetsFor(reference('zh-Hans'), ruleSets)).toEqual(['cn-internet-news']);
    expect(ruleSetsFor(reference('ru'), ruleSets)).toEqual(['ru-civil-code-1274']);
    expect(ruleSetsFor(reference('en'), ruleSets)).toEqual([]);
    expect(ruleSetsFor(ccReprint('en'), ruleSets)).toEqual(['cc-tasl']);
    expect(ruleSetsFor(ccReprint('zh-Hans'), ruleSets)).toEqual(['cn-internet-news', 'cc-tasl']);
    // a regional variant follows its language
    expect(ruleSetsFor({ ...reference('zh-Hans'), locale: 'zh-Hans-CN' }, ruleSets)).toEqual(['cn-internet-news']);
  });

  it('the config replaces assignments and adds sets; unknown names and elements stop start-up with a message', () => {
    const custom = resolveRuleSets({
      define: { 'house-style': { name: { en: 'House style' }, basis: 'Newsroom style guide §4', requires: ['responsibleEditorPerson'] } },
      locales: { en: ['house-style'] },
    });
    expect(ruleSetsFor(reference('en'), custom)).toEqual(['house-style']);
    expect(ruleSetsFor(reference('zh-Hans'), custom)).toEqual([]);
    expect(() => resolveRuleSets({ locales: { ru: ['ru-civil-code'] } })).toThrow('ruleSets.locales["ru"]: no rule set "ru-civil-code" (known: cn-internet-news, ru-civil-code-1274, cc-tasl)');
    expect(() => resolveRuleSets({ define: { x: { name: { en: 'X' }, basis: 'b', requires: ['photo' as never] } } })).toThrow('"photo" is not one of originalAuthor, responsibleEditorPerson');
    // a set without its list of requirements stops start-up too (it would fail every read later)
    expect(() => resolveRuleSets({ define: { house: { name: { en: 'House' }, basis: 'x' } as never }, locales: { en: ['house'] } })).toThrow(
      'ruleSets.define["house"] needs a name (en at least), a basis and requires (a list, e.g. ["originalAuthor"])'
    );
  });
});

describe('cn-internet-news (zh-Hans)', () => {
  it('accepts the reference article: no author named (said explicitly), a person as responsible editor', () => {
    expect(codes(reference('zh-Hans'))).toEqual([]);
    expect(codes(withReprint(reference('zh-Hans'), { originalNamesNoAuthor: false, originalAuthors: '记者 张三' }))).toEqual([]);
  });

  it('refuses a silent empty author, naming the rule set', () => {
    expect(codes(withReprint(reference('zh-Hans'), { originalNamesNoAuthor: false, originalAuthors: ' ' }))).toEqual([
      'error:reprint.originalAuthors:originalAuthors.required@cn-internet-news',
    ]);
  });

  it('refuses a missing responsible editor and an office in its place', () => {
    expect(codes(withReprint(reference('zh-Hans'), { responsibleEditor: null }))).toEqual(['error:reprint.responsibleEditor:responsibleEditor.required@cn-internet-news']);
    for (const office of ['辽宁大学新闻中心', '宣传部', '新闻网编辑部']) {
      expect(codes(withReprint(reference('zh-Hans'), { responsibleEditor: office }))).toEqual(['error:reprint.responsibleEditor:responsibleEditor.notPerson@cn-internet-news']);
    }
  });

  it('says so in the editor’s language, with the set’s name', () => {
    const [problem] = problems(withReprint(reference('zh-Hans'), { responsibleEditor: '辽宁大学新闻中心' }));
    expect(problem.message).toBe('PRC rules for reprinted internet news (cn-internet-news): the responsible editor is a person; “辽宁大学新闻中心” names an office or organisation');
    expect(localizeProblem(problem, 'zh-Hans', ruleSets).message).toBe('互联网新闻转载规定（cn-internet-news）：责任编辑应为个人；“辽宁大学新闻中心”是机构或部门名称');
    expect(localizeProblem(problem, 'ru', ruleSets).message).toBe(
      'правила КНР о перепечатке интернет-новостей (cn-internet-news): ответственный редактор — человек; «辽宁大学新闻中心» — название организации или отдела'
    );
  });
});

describe('ru-civil-code-1274 (ru)', () => {
  it('needs the author or the statement that the original names none; not a responsible editor', () => {
    expect(codes(reference('ru'))).toEqual([]);
    expect(codes(withReprint(reference('ru'), { responsibleEditor: null }))).toEqual([]);
    const [problem] = problems(withReprint(reference('ru'), { originalNamesNoAuthor: null }));
    expect(problem).toMatchObject({ path: ['reprint', 'originalAuthors'], code: 'originalAuthors.required', ruleSet: 'ru-civil-code-1274' });
    expect(localizeProblem(problem, 'ru', ruleSets).message).toBe('ст. 1274 ГК РФ (ru-civil-code-1274): укажите автора оригинала или отметьте «в оригинале автор не указан»');
  });
});

describe('cc-tasl (CC licences, any edition)', () => {
  it('needs the author besides title, source and licence', () => {
    expect(codes(ccReprint('en'))).toEqual([]);
    expect(codes(withReprint(ccReprint('en'), { originalAuthors: null }))).toEqual(['error:reprint.originalAuthors:originalAuthors.required@cc-tasl']);
    // the English edition without a CC licence has no rule set: no author needed
    expect(codes(withReprint(reference('en'), { originalNamesNoAuthor: false }))).toEqual([]);
  });

  it('names the first set that requires a field once, when two apply', () => {
    expect(codes(withReprint(ccReprint('zh-Hans'), { originalAuthors: null, responsibleEditor: null }))).toEqual([
      'error:reprint.originalAuthors:originalAuthors.required@cn-internet-news',
      'error:reprint.responsibleEditor:responsibleEditor.required@cn-internet-news',
    ]);
  });
});

describe('responsible editor as a person', () => {
  it.each(['辽宁大学新闻中心', '党委宣传部', '宣传部', '新闻网编辑部', 'LNU News Center', 'Editorial Office', 'News desk', 'Новостной центр ЛНУ', 'Редакция сайта', 'Пресс-служба', 'ООО «Медиа»'])('%s is an organisation', (name) =>
    expect(looksLikeOrganisation(name)).toBe(true)
  );
  it.each(['李明', '欧阳修', '阿依古丽·买买提', '王科', '李台', '张社', 'Li Ming', 'Anna Smith', 'Ли Мин', 'Анна Петрова', 'Чжао Лэй', 'Гао Мин', 'Мао Сюй', 'Тао Лин', 'Ирина Центрова'])(
    '%s is a person',
    (name) => expect(looksLikeOrganisation(name)).toBe(false)
  );

  it('writes the publishing admin’s name the way names are written', () => {
    expect(personName({ firstname: '明', lastname: '李' })).toBe('李明');
    expect(personName({ firstname: 'Ming', lastname: 'Li' })).toBe('Ming Li');
    expect(personName({ firstname: '阿依古丽', lastname: null })).toBe('阿依古丽');
    expect(personName({ firstname: 'Anna', lastname: 'Smith' })).toBe('Anna Smith');
    expect(personName({ firstname: 'Анна', lastname: 'Петрова' })).toBe('Анна Петрова');
    expect(personName({ firstname: 'Anna', lastname: null })).toBe('Anna');
    expect(personName({ firstname: ' ', lastname: '' })).toBeNull();
  });
});

describe('the original’s address is not the outlet’s homepage', () => {
  it.each([
    ['https://www.ln.chinanews.com.cn/', 'https://www.ln.chinanews.com.cn/'],
    ['https://ln.chinanews.com.cn', 'https://www.ln.chinanews.com.cn/'],
    ['http://www.ln.chinanews.com.cn/index.shtml', null],
    ['https://example.org/news/', 'https://example.org/news'],
  ])('%s is a homepage (source homepage %s)', (url, homepage) => expect(isHomepageUrl(url, homepage)).toBe(true));
  it.each([
    ['https://www.ln.chinanews.com.cn/news/2025/03-22/1.shtml', 'https://www.ln.chinanews.com.cn/'],
    ['https://example.org/?id=42', null],
    ['javascript:alert(1)', null],
  ])('%s is not (source homepage %s)', (url, homepage) => expect(isHomepageUrl(url, homepage)).toBe(false));

  it('warns, without blocking publishing, and says why in each language', () => {
    const input = withReprint(reference('en'), { originalUrl: 'https://www.ln.chinanews.com.cn/' });
    const found = problems(input);
    expect(found.map((problem) => `${problem.severity}:${problem.path.join('.')}:${problem.code}`)).toEqual(['warning:reprint.originalUrl:originalUrl.homepage']);
    expect(found[0].message).toMatch(/^This is the outlet’s homepage, not the article’s address/);
    expect(localizeProblem(found[0], 'zh-Hans').message).toMatch(/^这是该媒体的首页，不是原文网址/);
    expect(localizeProblem(found[0], 'ru').message).toMatch(/^Это главная страница издания, а не адрес статьи/);
  });
});
