import { renderCreditLine } from '../credit-line';
import { localizeProblem } from '../messages';
import { checkForPublish } from '../rules';
import { checkSourcePublished, citedSourceProblems } from '../source-state';
import { defaultTemplates, languagePack, useLanguagePacks } from '../languages';
import { reference, TODAY } from './fixtures';

const DEFAULT_TEMPLATES = defaultTemplates();

/** Every problem the rules can report, to check each has a message in every admin language. */
const everyProblem = () => [
  ...checkForPublish({ locale: 'en', title: 'T', date: '2025-03-22', source: null, reprint: { isReprint: true } }, { today: TODAY, titleCheck: 'error' }),
  ...checkForPublish(reference('en', { reprint: { ...reference('en').reprint, originalUrl: 'javascript:x', originalPublishedAt: '2099-01-01', originalLanguage: 'en' } }), { today: TODAY, titleCheck: 'error' }),
  ...checkForPublish(reference('en', { reprint: { ...reference('en').reprint, originalPublishedAt: '2025-03-23', originalLanguage: null } }), { today: TODAY, titleCheck: 'error' }),
  ...checkForPublish(reference('en', { reprint: { ...reference('en').reprint, license: 'all-rights-reserved-with-permission' } }), { today: TODAY, titleCheck: 'error' }),
  ...checkForPublish(reference('en', { reprint: { ...reference('en').reprint, license: 'all-rights-reserved-with-permission', permissionGrantedBy: 'X', permissionExpiresAt: '2020-01-01' } }), { today: TODAY, titleCheck: 'error' }),
  ...checkForPublish(reference('zh-Hans', { title: 'changed' }), { today: TODAY, titleCheck: 'error' }),
  ...checkSourcePublished({ isReprint: true, hasSource: true, localized: true, reprintLocale: 'en', defaultLocale: 'zh-Hans', versions: [{ locale: 'en', published: false }] }),
  ...citedSourceProblems([{ contentType: 'api::article.article', documentId: 'abc', locale: 'en', title: 'A reprint' }]),
];

describe('problem messages in the admin’s language', () => {
  it('has a Chinese and a Russian message for every problem', () => {
    const problems = everyProblem();
    expect(new Set(problems.map((problem) => problem.code)).size).toBeGreaterThanOrEqual(14);
    for (const problem of problems) {
      const zh = localizeProblem(problem, 'zh-Hans');
      const ru = localizeProblem(problem, 'ru');
      expect(zh.message).not.toBe(problem.message);
      expect(zh.message).toMatch(/[\u4e00-\u9fff]/);
      expect(ru.message).toMatch(/[а-яё]/i);
      expect(zh.path).toEqual(problem.path);
      expect(zh.code).toBe(problem.code);
    }
  });

  it('fills in the values a message names', () => {
    const [past] = checkForPublish(reference('en', { reprint: { ...reference('en').reprint, license: 'all-rights-reserved-with-permission', permissionGrantedBy: 'X', permissionExpiresAt: '2020-01-01' } }), { today: TODAY, titleCheck: 'off' });
    expect(localizeProblem(past, 'zh-CN').message).toBe('授权已于 2020-01-01 到期');
    expect(localizeProblem(past, 'ru-RU').message).toBe('Срок разрешения истёк 2020-01-01');
    expect(localizeProblem(past, 'de').message).toBe('The permission expired on 2020-01-01');
  });

  it('maps admin languages', () => {
    expect(['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'ru', 'ru-RU', 'en-GB', 'ja', null].map((code) => languagePack(code).code)).toEqual(['zh-Hans', 'zh-Hans', 'zh-Hans', 'zh-Hans', 'ru', 'ru', 'en', 'en', 'en']);
  });
});

describe('a draft without its source', () => {
  it('shows a gap, never the word none', () => {
    const line = renderCreditLine(reference('en', { source: null }), DEFAULT_TEMPLATES.en);
    expect(line.text).toMatch(/^Originally published by … on March 22, 2025 as “/);
    expect(line.text).not.toContain('none');
  });
});

describe('a language pack without messages', () => {
  afterEach(() => useLanguagePacks([]));

  it('keeps the English messages instead of failing', () => {
    const ja = { ...languagePack('en'), code: 'ja', messages: undefined } as never;
    useLanguagePacks([ja]);
    const problem = { path: ['source'], code: 'source.required', message: 'A reprint needs its source', severity: 'error' as const };
    expect(localizeProblem(problem, 'ja').message).toBe('A reprint needs its source');
  });
});
