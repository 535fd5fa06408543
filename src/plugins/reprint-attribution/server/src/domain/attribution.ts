import type { NewsArticle, WithContext } from 'schema-dts';

import { overrideCreditLine, renderCreditLine, type CreditLinePart } from './credit-line';
import { buildJsonLd } from './jsonld';
import { searchPolicy } from './policy';
import { checkForPublish, missingFields } from './rules';
import { DEFAULT_TEMPLATES } from './templates';
import type { AttributionInput, AttributionSettings, MetaTag, Problem } from './types';

export interface Attribution {
  isReprint: boolean;
  creditLine: string | null;
  creditLineHtml: string | null;
  creditLineParts: CreditLinePart[];
  jsonLd: WithContext<NewsArticle>;
  canonicalUrl: string | null;
  robots: MetaTag[];
  /** true when publishing would pass the rules (always true for a non-reprint) */
  complete: boolean;
  /** field paths that publishing still needs */
  missing: string[];
  warnings: Problem[];
  /** every problem (errors and warnings) with its path and code, for editors' checklists */
  problems: Problem[];
}

const templateFor = (templates: Record<string, string>, locale: string) =>
  templates[locale] ?? DEFAULT_TEMPLATES[locale] ?? templates.en ?? DEFAULT_TEMPLATES.en;

/** Everything a page and a machine need to attribute one document version. Pure. */
export const buildAttribution = (input: AttributionInput, settings: AttributionSettings, today: string): Attribution => {
  const isReprint = Boolean(input.reprint?.isReprint);
  const problems = checkForPublish(input, { today, titleCheck: settings.titleCheck });
  const policy = searchPolicy(input, settings.defaultPolicy, settings.articleUrl);

  let credit: ReturnType<typeof renderCreditLine> | null = null;
  if (isReprint) {
    const override = input.reprint?.creditLineOverride?.trim();
    credit = override ? overrideCreditLine(override) : renderCreditLine(input, templateFor(settings.templates, input.locale));
  }

  return {
    isReprint,
    creditLine: credit?.text ?? null,
    creditLineHtml: credit?.html ?? null,
    creditLineParts: credit?.parts ?? [],
    jsonLd: buildJsonLd(input, { publisher: settings.publisher, creditText: credit?.text ?? null, url: policy.canonicalUrl }),
    canonicalUrl: policy.canonicalUrl,
    robots: policy.robots,
    complete: problems.every((problem) => problem.severity !== 'error'),
    missing: missingFields(problems),
    warnings: problems.filter((problem) => problem.severity === 'warning'),
    problems,
  };
};
