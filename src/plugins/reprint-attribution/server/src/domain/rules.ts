import type { RequirementKey } from './languages/types';
import { checkRuleSets, ruleSetsFor } from './rule-sets';
import type { AttributionInput, Problem, RuleSetSettings, TitleCheckMode } from './types';
import { isHomepageUrl, isHttpUrl } from './urls';
import { permissionExpired } from './permission-expiry';
import { needsPermission, sameLanguage } from './vocabulary';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

const error = (path: string[], code: string, message: string, params?: Record<string, string>): Problem => ({
  path,
  code,
  message,
  severity: 'error',
  ...(params ? { params } : {}),
});

/**
 * Checks that hold on every save, drafts included: a value that is there must be well-formed
 * (a javascript: link in a draft is still a javascript: link).
 */
export const checkOnSave = (reprint: AttributionInput['reprint']): Problem[] => {
  const problems: Problem[] = [];
  if (!reprint) return problems;
  if (!blank(reprint.originalUrl) && !isHttpUrl(reprint.originalUrl)) {
    problems.push(
      error(['reprint', 'originalUrl'], 'originalUrl.invalid', 'The original URL must be an absolute http:// or https:// address, e.g. https://www.example.com/news/1.html')
    );
  }
  for (const [field, name] of [['originalPublishedAt', 'The original publication date'], ['permissionExpiresAt', 'The permission’s expiry date']] as const) {
    const value = reprint[field];
    if (!blank(value) && (typeof value !== 'string' || !DATE.test(value.slice(0, 10)))) {
      problems.push(error(['reprint', field], `${field}.invalid`, `${name} must be a date written YYYY-MM-DD`));
    }
  }
  return problems;
};

export interface PublishCheckOptions {
  /** today, YYYY-MM-DD, in the newsroom's time zone */
  today: string;
  titleCheck: TitleCheckMode;
  /** the rule sets by locale and licence; none apply when absent */
  ruleSets?: RuleSetSettings;
}

/**
 * What publishing a reprint needs. Returns every problem, each with its field path; a document
 * that is not a reprint has none. Warnings do not block publishing.
 */
export const checkForPublish = (input: AttributionInput, { today, titleCheck, ruleSets }: PublishCheckOptions): Problem[] => {
  const reprint = input.reprint;
  if (!reprint?.isReprint) return [];
  const problems: Problem[] = [...checkOnSave(reprint)];
  const has = (path: string[]) => problems.some((problem) => problem.path.join('.') === path.join('.'));

  if (!input.source || (!input.source.withheld && blank(input.source.name))) {
    problems.push(error(['source'], 'source.required', 'A reprint needs its source: choose the outlet that first published it'));
  }
  if (blank(reprint.originalTitle)) {
    problems.push(error(['reprint', 'originalTitle'], 'originalTitle.required', 'A reprint needs its original title: the headline it was first published under'));
  }
  if (blank(reprint.originalUrl)) {
    problems.push(error(['reprint', 'originalUrl'], 'originalUrl.required', 'A reprint needs its original URL: the address of the original article (http:// or https://)'));
  } else if (!has(['reprint', 'originalUrl']) && isHomepageUrl(reprint.originalUrl, input.source?.homepage)) {
    problems.push({
      path: ['reprint', 'originalUrl'],
      code: 'originalUrl.homepage',
      message: 'This is the outlet’s homepage, not the article’s address: give the address of the original article (the credit line does not link the title to a homepage)',
      severity: 'warning',
    });
  }

  const original = reprint.originalPublishedAt ? String(reprint.originalPublishedAt).slice(0, 10) : null;
  if (!original) {
    problems.push(error(['reprint', 'originalPublishedAt'], 'originalPublishedAt.required', 'A reprint needs its original publication date: the day the original was published'));
  } else if (!has(['reprint', 'originalPublishedAt'])) {
    if (original > today) {
      problems.push(
        error(['reprint', 'originalPublishedAt'], 'originalPublishedAt.future', `The original cannot have been published in the future (${original})`, { original })
      );
    } else if (input.date && original > String(input.date).slice(0, 10)) {
      problems.push(
        error(['reprint', 'originalPublishedAt'], 'originalPublishedAt.afterDate', `The original (${original}) cannot be newer than this article (${String(input.date).slice(0, 10)})`, {
          original,
          date: String(input.date).slice(0, 10),
        })
      );
    }
  }

  if (blank(reprint.reprintType)) {
    problems.push(error(['reprint', 'reprintType'], 'reprintType.required', 'A reprint needs its reprint type: in full, an excerpt, a translation or an adaptation'));
  }
  if (blank(reprint.license)) {
    problems.push(error(['reprint', 'license'], 'license.required', 'A reprint needs its licence or permission: what it is published under (the news exception, a Creative Commons licence, the rights holder’s permission…)'));
  }

  if (reprint.reprintType === 'translation') {
    if (blank(reprint.originalLanguage)) {
      problems.push(error(['reprint', 'originalLanguage'], 'originalLanguage.required', 'A translation needs its original language'));
    } else if (sameLanguage(reprint.originalLanguage, input.locale)) {
      problems.push(
        error(
          ['reprint', 'originalLanguage'],
          'originalLanguage.sameAsLocale',
          `A translation into ${input.locale} cannot have an original in ${reprint.originalLanguage}: choose the original's language or another reprint type`,
          { locale: input.locale, language: String(reprint.originalLanguage) }
        )
      );
    }
  }

  if (needsPermission(reprint.license)) {
    if (blank(reprint.permissionGrantedBy)) {
      problems.push(error(['reprint', 'permissionGrantedBy'], 'permissionGrantedBy.required', 'This licence needs “Permission granted by”: the person or body who granted it'));
    }
    const expires = reprint.permissionExpiresAt ? String(reprint.permissionExpiresAt).slice(0, 10) : null;
    if (!reprint.permissionPerpetual) {
      if (!expires) {
        problems.push(
          error(['reprint', 'permissionExpiresAt'], 'permissionExpiresAt.required', 'This licence needs the date the permission expires, or tick “Perpetual permission” for a grant without end')
        );
      } else if (permissionExpired(expires, today) && !has(['reprint', 'permissionExpiresAt'])) {
        problems.push(error(['reprint', 'permissionExpiresAt'], 'permissionExpiresAt.past', `The permission expired on ${expires}`, { expires }));
      }
    }
  }

  if (ruleSets) {
    for (const problem of checkRuleSets(input, ruleSets)) if (!has(problem.path)) problems.push(problem);
  }

  if (
    titleCheck !== 'off' &&
    reprint.reprintType === 'full' &&
    sameLanguage(reprint.originalLanguage, input.locale) &&
    !blank(reprint.originalTitle) &&
    (input.title ?? '').trim() !== String(reprint.originalTitle).trim()
  ) {
    problems.push({
      path: ['title'],
      code: 'title.altered',
      message: `A full reprint in the original's language keeps the original headline: “${reprint.originalTitle}”`,
      severity: titleCheck === 'error' ? 'error' : 'warning',
      params: { original: String(reprint.originalTitle) },
    });
  }
  return problems;
};

/** Field paths still missing or wrong for publishing, errors only. */
export const missingFields = (problems: Problem[]) => [
  ...new Set(problems.filter((problem) => problem.severity === 'error').map((problem) => problem.path.join('.'))),
];

/** A requirement of publishing and the field that meets it. */
export interface Requirement {
  key: RequirementKey;
  /** field path in the document, as problems name it */
  path: string[];
}

const pathOf = (key: RequirementKey): string[] => (key === 'source' || key === 'title' ? [key] : ['reprint', key]);

/**
 * What publishing this reprint asks for, in the order checkForPublish checks it: what every
 * reprint needs, what its reprint type and licence add, and what the rule sets of its edition
 * add. The panel's checklist ticks each one off; checkForPublish says what is wrong with it.
 */
export const requirementsOf = (input: AttributionInput, { ruleSets }: { ruleSets?: RuleSetSettings } = {}): Requirement[] => {
  const reprint = input.reprint;
  if (!reprint?.isReprint) return [];
  const keys: RequirementKey[] = ['source', 'originalTitle', 'originalUrl', 'originalPublishedAt', 'reprintType', 'license'];
  if (reprint.reprintType === 'translation') keys.push('originalLanguage');
  if (needsPermission(reprint.license)) keys.push('permissionGrantedBy', 'permissionExpiresAt');
  if (ruleSets) {
    const elements = new Set(ruleSetsFor(input, ruleSets).flatMap((name) => ruleSets.sets[name]?.requires ?? []));
    if (elements.has('originalAuthor')) keys.push('originalAuthors');
    if (elements.has('responsibleEditorPerson')) keys.push('responsibleEditor');
  }
  return keys.map((key) => ({ key, path: pathOf(key) }));
};
