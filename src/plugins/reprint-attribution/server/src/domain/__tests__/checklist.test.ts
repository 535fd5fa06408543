import { buildChecklist } from '../checklist';
import { localizeProblem, refusalSummary } from '../messages';
import { defaultRuleSetSettings } from '../rule-sets';
import { checkForPublish, requirementsOf } from '../rules';
import { languagePack, useLanguagePacks } from '../languages';
import type { AttributionInput } from '../types';
import { permissionReprint, reference, TODAY } from './fixtures';

const ruleSets = defaultRuleSetSettings();
const checklistOf = (input: AttributionInput, language: string, titleCheck: 'off' | 'warn' | 'error' = 'warn') => {
  const problems = checkForPublish(input, { today: TODAY, titleCheck, ruleSets }).map((problem) => localizeProblem(problem, language, ruleSets));
  return buildChecklist(input, problems, { language, ruleSets });
};
const ticks = (items: ReturnType<typeof checklistOf>) => items.map((item) => `${item.satisfied ? '✓' : '✗'} ${item.label}`);

describe('the checklist: every requirement of publishing, ticked or not', () => {
  it('ticks off a complete reprint, in the admin’s language, with the rule sets’ requirements', () => {
    // the Chinese edition: the PRC rules add the original author and the responsible editor
    expect(ticks(checklistOf(reference('zh-Hans'), 'zh-Hans'))).toEqual(['✓ 来源', '✓ 原标题', '✓ 原文网址', '✓ 原文发布日期', '✓ 转载类型', '✓ 许可或授权方式', '✓ 原作者', '✓ 责任编辑']);
    // a translation needs its original language; English has no rule set by default
    expect(ticks(checklistOf(reference('en'), 'en'))).toEqual([
      '✓ Source',
      '✓ Original title',
      '✓ Original URL',
      '✓ Original publication date',
      '✓ Reprint type',
      '✓ Licence or permission',
      '✓ Original language',
    ]);
    expect(ticks(checklistOf(reference('ru'), 'ru'))).toContain('✓ Автор(ы) оригинала');
  });

  it('says on which day a permission expires (the day it no longer covers), or that it has no end', () => {
    const items = checklistOf(permissionReprint('en'), 'en');
    expect(items.find((item) => item.key === 'permissionExpiresAt')).toMatchObject({ satisfied: true, label: 'Permission expires on September 1, 2026', expiresAt: '2026-09-01', path: ['reprint', 'permissionExpiresAt'] });
    expect(checklistOf(permissionReprint('zh-Hans'), 'zh-Hans').find((item) => item.key === 'permissionExpiresAt')?.label).toBe('授权于 2026年9月1日 到期');
    expect(checklistOf(permissionReprint('ru'), 'ru').find((item) => item.key === 'permissionExpiresAt')?.label).toBe('Срок разрешения истекает 1 сентября 2026 г.');
    const perpetual = permissionReprint('en');
    perpetual.reprint = { ...perpetual.reprint, permissionExpiresAt: null, permissionPerpetual: true };
    expect(checklistOf(perpetual, 'en').find((item) => item.key === 'permissionExpiresAt')).toMatchObject({ satisfied: true, label: 'Permission without expiry', expiresAt: null });
  });

  it('names what is missing with the message of its problem, and the field to go to', () => {
    const input: AttributionInput = { locale: 'en', title: 'T', date: '2025-03-22', source: null, reprint: { isReprint: true, originalTitle: 'O', reprintType: 'translation', license: 'all-rights-reserved-with-permission', permissionExpiresAt: '2020-01-01' } };
    const items = checklistOf(input, 'ru');
    expect(items.filter((item) => !item.satisfied).map((item) => item.path.join('.'))).toEqual([
      'source',
      'reprint.originalUrl',
      'reprint.originalPublishedAt',
      'reprint.originalLanguage',
      'reprint.permissionGrantedBy',
      'reprint.permissionExpiresAt',
    ]);
    expect(items.find((item) => item.key === 'source')).toMatchObject({ label: 'Источник', code: 'source.required', message: expect.stringMatching(/^У перепечатки должен быть источник/) });
    expect(items.find((item) => item.key === 'permissionExpiresAt')).toMatchObject({ label: 'Разрешение', satisfied: false, code: 'permissionExpiresAt.past' });
    expect(items.find((item) => item.key === 'originalTitle')).toMatchObject({ satisfied: true, label: 'Заголовок оригинала' });
  });

  it('keeps a warning on a satisfied item, and lists a refusing headline check', () => {
    const homepage = reference('en', { reprint: { ...reference('en').reprint, originalUrl: 'https://www.ln.chinanews.com.cn/' } });
    expect(checklistOf(homepage, 'en').find((item) => item.key === 'originalUrl')).toMatchObject({ satisfied: true, warning: expect.stringMatching(/homepage/) });
    const altered = reference('zh-Hans', { title: '改过的标题', reprint: { ...reference('zh-Hans').reprint, reprintType: 'full' } });
    expect(checklistOf(altered, 'zh-Hans', 'warn').some((item) => item.key === 'title')).toBe(false);
    expect(checklistOf(altered, 'zh-Hans', 'error').find((item) => item.key === 'title')).toMatchObject({ satisfied: false, label: '标题', path: ['title'], code: 'title.altered' });
  });

  it('is empty for an own story, and the requirements follow the rules', () => {
    expect(checklistOf({ locale: 'en', reprint: { isReprint: false } }, 'en')).toEqual([]);
    // every blocking problem the rules can report is at a requirement's path (the title check aside)
    const input: AttributionInput = { locale: 'zh-Hans', title: 'T', source: null, reprint: { isReprint: true, reprintType: 'translation', originalLanguage: 'zh-Hans', license: 'all-rights-reserved-with-permission' } };
    const paths = requirementsOf(input, { ruleSets }).map((requirement) => requirement.path.join('.'));
    for (const problem of checkForPublish(input, { today: TODAY, titleCheck: 'off', ruleSets })) expect(paths).toContain(problem.path.join('.'));
  });

  it('maps the paths to a type’s own fields', () => {
    const items = buildChecklist(reference('en', { source: null }), [{ path: ['outlet'], code: 'source.required', message: 'm', severity: 'error' }], {
      language: 'en',
      toPath: (path) => (path[0] === 'source' ? ['outlet'] : path[0] === 'reprint' ? ['attribution', ...path.slice(1)] : path),
    });
    expect(items[0]).toMatchObject({ key: 'source', path: ['outlet'], satisfied: false });
    expect(items[1]).toMatchObject({ key: 'originalTitle', path: ['attribution', 'originalTitle'], satisfied: true });
  });
});

describe('a refusal’s summary', () => {
  const problems = checkForPublish({ locale: 'en', title: 'T', date: '2025-03-22', source: null, reprint: { isReprint: true, originalLanguage: 'en' } }, { today: TODAY, titleCheck: 'off' });
  const summary = (language: string) => refusalSummary('publish', problems.map((problem) => ({ ...localizeProblem(problem, language), code: problem.code })), language);

  it('leads in in the admin’s language and names the fields by their labels, never paths or raw keys', () => {
    expect(summary('zh-Hans')).toBe('本稿未发布。请修改以下字段后再发布：来源、原标题、原文网址、原文发布日期、转载类型、许可或授权方式');
    expect(summary('ru')).toBe(
      'Перепечатка не опубликована. Исправьте эти поля и опубликуйте снова: Источник, Заголовок оригинала, Адрес оригинала, Дата публикации оригинала, Тип перепечатки, Лицензия или основание'
    );
    expect(summary('en-GB')).toBe('This reprint was not published. Fix these fields and publish again: Source, Original title, Original URL, Original publication date, Reprint type, Licence or permission');
    for (const language of ['en', 'zh-Hans', 'ru']) {
      expect(summary(language).length).toBeLessThan(300); // the app bounds error messages to 300 characters
      expect(summary(language)).not.toMatch(/reprint\.|originalUrl|originalTitle|statutory-news-exception|cc-by-4\.0|all-rights-reserved|permission perpetual/);
    }
  });

  it('names each field once, with the editions it is missing in when a refusal covers several, and each reprint of a bulk publish', () => {
    const twice = [
      { message: 'a', code: 'source.required', locale: 'en' },
      { message: 'b', code: 'source.unpublished', locale: 'en' },
      { message: 'c', code: 'source.required', locale: 'ru' },
    ];
    expect(refusalSummary('publish', twice, 'en')).toBe('This reprint was not published. Fix these fields and publish again: Source (en, ru)');
    const bulk = [
      { message: 'x', code: 'originalAuthors.required', document: '第一篇' },
      { message: 'y', code: 'responsibleEditor.notPerson', document: '第一篇' },
      { message: 'z', code: 'license.required', document: '第二篇' },
    ];
    expect(refusalSummary('bulkPublish', bulk, 'zh-Hans')).toBe('所选转载稿均未发布。请修改以下字段后再发布：“第一篇”: 原作者、责任编辑；“第二篇”: 许可或授权方式');
    // a problem no label names keeps its message
    expect(refusalSummary('publish', [{ message: 'Something else', code: 'odd.thing' }, { message: 'm', code: 'source.required' }], 'en')).toBe(
      'This reprint was not published. Fix these fields and publish again: Something else, Source'
    );
    expect(refusalSummary('citedSource', [{ message: 'one' }, { message: 'two' }], 'ru')).toBe('Источник остаётся опубликованным, пока на него ссылаются опубликованные перепечатки: one; two');
  });

  it('is the message alone for one problem', () => {
    expect(refusalSummary('publish', [{ message: '转载稿必须注明来源', code: 'source.required' }], 'zh-Hans')).toBe('转载稿必须注明来源');
  });

  it('falls back to English words for a language pack that brings none', () => {
    useLanguagePacks([{ ...languagePack('en'), code: 'ja', editor: { fields: { source: '出典' } }, messages: {} }]);
    try {
      expect(refusalSummary('publish', [{ message: 'a', code: 'source.required' }, { message: 'b', code: 'originalTitle.required' }], 'ja')).toBe(
        'This reprint was not published. Fix these fields and publish again: 出典, Original title'
      );
      const [source, title] = buildChecklist(reference('en', { source: null }), [], { language: 'ja' });
      expect([source.label, title.label]).toEqual(['出典', 'Original title']);
    } finally {
      useLanguagePacks([]);
    }
  });
});
