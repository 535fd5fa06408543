import { editorWords, localizeProblem, REFUSAL_BUDGET, refusalSummary, type RefusedProblem } from '../messages';
import { permissionExpired } from '../permission-expiry';
import { reportStatus } from '../report';
import { BUILT_IN_RULE_SETS, defaultRuleSetSettings } from '../rule-sets';
import { checkForPublish } from '../rules';
import { checkSourcePublished, citedSourceProblems } from '../source-state';
import type { AttributionInput, RuleSetSettings } from '../types';
import { permissionReprint, TODAY } from './fixtures';

/** The app's bound on an error's message (src/lib/error-bounds.ts), which cuts with English words. */
const APP_BOUND = 300;
const LANGUAGES = ['en', 'zh-Hans', 'ru'] as const;
const EDITIONS = ['zh-Hans', 'en', 'ru'] as const;

/** Every rule set required of every edition. */
const everyRuleSet: RuleSetSettings = (() => {
  const settings = defaultRuleSetSettings();
  const all = Object.keys(BUILT_IN_RULE_SETS);
  return { ...settings, locales: Object.fromEntries(EDITIONS.map((locale) => [locale, all])) };
})();

/** An edition missing everything publishing can ask for: every requirement, every rule set, the source unpublished. */
const worstProblems = (locale: (typeof EDITIONS)[number], language: string) => {
  const input: AttributionInput = {
    locale,
    title: 'Changed headline',
    date: '2025-03-22',
    source: null,
    reprint: { isReprint: true, originalTitle: '原标题', reprintType: 'full', license: 'all-rights-reserved-with-permission', originalNamesNoAuthor: false, responsibleEditor: 'desk' },
  };
  const problems = [
    ...checkForPublish(input, { today: TODAY, titleCheck: 'error', ruleSets: everyRuleSet }).filter((problem) => problem.severity === 'error'),
    ...checkSourcePublished({ isReprint: true, hasSource: true, localized: true, reprintLocale: locale, defaultLocale: 'zh-Hans', versions: [{ locale, published: false }] }),
  ];
  return problems.map((problem) => ({ ...localizeProblem(problem, language, everyRuleSet), code: problem.code, locale }));
};

const andMoreAtEnd = (language: string) => {
  const words = editorWords(language);
  const [before, after] = words.andMore(987654).split('987654');
  return new RegExp(`${escape(before)}\\d+${escape(after)}$`);
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a refusal’s summary stays within the app’s bound, cut in the admin’s language', () => {
  it('publishing three editions missing every requirement of every rule set: each field named once, with its editions', () => {
    for (const language of LANGUAGES) {
      const problems: RefusedProblem[] = EDITIONS.flatMap((locale) => worstProblems(locale, language));
      const fields = new Set(problems.map((problem) => String(problem.code).split('.')[0]));
      for (const key of ['source', 'originalUrl', 'originalPublishedAt', 'permissionGrantedBy', 'permissionExpiresAt', 'originalAuthors', 'responsibleEditor']) expect(fields).toContain(key);
      const summary = refusalSummary('publish', problems, language);
      expect(summary.length).toBeLessThanOrEqual(REFUSAL_BUDGET);
      expect(summary.length).toBeLessThanOrEqual(APP_BOUND);
      expect(summary.startsWith(editorWords(language).refusal)).toBe(true);
      // cut with the language's "and N more", or whole: every field named
      if (!andMoreAtEnd(language).test(summary)) for (const field of fields) expect(summary).toContain(editorWords(language).fields[field as 'source']);
      expect(summary).not.toMatch(/more characters|\[en\]|reprint\./);
      // the source is named once, for the three editions
      const source = editorWords(language).withLocales(editorWords(language).fields.source, [...EDITIONS]);
      expect(summary.split(source)).toHaveLength(2);
    }
    expect(refusalSummary('publish', EDITIONS.flatMap((locale) => worstProblems(locale, 'en')), 'en')).toMatch(
      /^This reprint was not published\. Fix these fields and publish again: Source \(zh-Hans, en, ru\), Original URL \(zh-Hans, en, ru\), .* and \d+ more$/
    );
    // Chinese names are short: all seven fit
    expect(refusalSummary('publish', EDITIONS.flatMap((locale) => worstProblems(locale, 'zh-Hans')), 'zh-Hans')).toBe(
      '本稿未发布。请修改以下字段后再发布：来源（zh-Hans、en、ru）、原文网址（zh-Hans、en、ru）、原文发布日期（zh-Hans、en、ru）、授权方（zh-Hans、en、ru）、授权（zh-Hans、en、ru）、原作者（zh-Hans、en、ru）、责任编辑（zh-Hans、en、ru）'
    );
    // the cut in Chinese: a bulk publish below
    expect(refusalSummary('publish', EDITIONS.flatMap((locale) => worstProblems(locale, 'ru')), 'ru')).toMatch(/^Перепечатка не опубликована\. .*: Источник \(zh-Hans, en, ru\), .* и ещё \d+$/);
  });

  it('a bulk publish of ten reprints with long titles', () => {
    const longTitle = (index: number) => `${index + 1}. ${'A very long headline about the provincial seminar on innovation and entrepreneurship education '.repeat(3)}`;
    for (const language of LANGUAGES) {
      const problems: RefusedProblem[] = Array.from({ length: 10 }, (_, index) =>
        EDITIONS.flatMap((locale) => worstProblems(locale, language).map((problem) => ({ ...problem, document: longTitle(index) })))
      ).flat();
      const summary = refusalSummary('bulkPublish', problems, language);
      expect(summary.length).toBeLessThanOrEqual(APP_BOUND);
      expect(summary.startsWith(editorWords(language).refusalMany)).toBe(true);
      expect(summary).toContain('“1. A very long headline');
      expect(summary).toContain('…”: ');
      expect(summary).toMatch(andMoreAtEnd(language));
    }
  });

  it('five published reprints citing a source', () => {
    const reprints = Array.from({ length: 5 }, (_, index) => ({
      contentType: 'api::article.article',
      documentId: `doc${index}abcdefghijklmnopqrstu`,
      locale: 'ru',
      title: `Перепечатка номер ${index + 1}: ${'длинный заголовок о семинаре в Ляонинском университете '.repeat(2)}`,
    }));
    for (const language of LANGUAGES) {
      const problems = citedSourceProblems(reprints).map((problem) => localizeProblem(problem, language));
      const summary = refusalSummary('citedSource', problems, language);
      expect(summary.length).toBeLessThanOrEqual(APP_BOUND);
      expect(summary.startsWith(editorWords(language).refusalCitedSource)).toBe(true);
      expect(summary).toMatch(andMoreAtEnd(language));
      // one over-long problem alone is cut too, never by the app's English
      expect(refusalSummary('citedSource', problems.slice(0, 1).map((problem) => ({ ...problem, message: problem.message.repeat(4) })), language).length).toBeLessThanOrEqual(REFUSAL_BUDGET);
    }
  });

  it('counts what it leaves out, and is whole when it fits', () => {
    const long = (letter: string) => letter.repeat(100);
    const problems = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((letter) => ({ message: long(letter), code: `${letter}.odd` }));
    expect(refusalSummary('publish', problems, 'en')).toBe(`This reprint was not published. Fix these fields and publish again: ${long('a')} and 9 more`);
    expect(refusalSummary('publish', problems.slice(0, 2).map((problem) => ({ ...problem, message: 'short' })), 'ru')).toBe(
      'Перепечатка не опубликована. Исправьте эти поля и опубликуйте снова: short'
    );
  });
});

describe('a permission expires on its end date, for the rules, the report and the daily job alike', () => {
  it('is valid the day before, expired on the day', () => {
    const expiresAt = '2026-09-01';
    const input = permissionReprint('en');
    input.reprint = { ...input.reprint, permissionExpiresAt: expiresAt, permissionPerpetual: false };
    for (const [today, expired] of [
      ['2026-08-31', false],
      ['2026-09-01', true],
      ['2026-09-02', true],
    ] as const) {
      expect(permissionExpired(expiresAt, today)).toBe(expired);
      expect(checkForPublish(input, { today, titleCheck: 'off' }).some((problem) => problem.code === 'permissionExpiresAt.past')).toBe(expired);
      expect(reportStatus({ complete: true, permissionExpiresAt: expiresAt, today, until: '2026-12-31' }) === 'expired').toBe(expired);
    }
    expect(permissionExpired(null, '2026-09-01')).toBe(false);
  });
});
