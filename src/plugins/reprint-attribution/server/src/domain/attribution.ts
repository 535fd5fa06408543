import type { NewsArticle, WithContext } from 'schema-dts';

import { overrideCreditLine, renderCreditLine, type CreditLinePart } from './credit-line';
import { buildJsonLd, jsonForScript } from './jsonld';
import { searchPolicy } from './policy';
import { checkForPublish, missingFields } from './rules';
import { languagePack } from './languages';
import { own } from './own';
import type { AttributionInput, AttributionSettings, MetaTag, Problem } from './types';

export interface Attribution {
  isReprint: boolean;
  creditLine: string | null;
  creditLineHtml: string | null;
  creditLineParts: CreditLinePart[];
  jsonLd: WithContext<NewsArticle>;
  /** jsonLd as JSON text safe to write into a <script type="application/ld+json"> element as is */
  jsonLdScript: string;
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


const defaultTemplateFor = (locale: string) => languagePack(locale).template;

/** The locale's template, else that of the language that writes for it (an edited one first), else its default. */
const templateFor = (templates: Record<string, string>, locale: string) =>
  own(templates, locale) ?? own(templates, languagePack(locale).code) ?? defaultTemplateFor(locale);

/**
 * The credit line from the locale's template; should that template fail (one stored without
 * validation, say), from the built-in default: a reader never gets an error for a template.
 * (The settings service replaces and logs invalid stored templates before they get here.)
 */
const renderWithFallback = (input: AttributionInput, templates: Record<string, string>) => {
  try {
    return renderCreditLine(input, templateFor(templates, input.locale));
  } catch {
    return renderCreditLine(input, defaultTemplateFor(input.locale));
  }
};

/**
 * What a list item's teaser needs of the attribution. A host route that serves lean lists asks
 * for it with `ctx.state.reprintAttribution = { shape: 'summary' }`, a GraphQL query with
 * `attribution(summary: true)` (README: "Lean lists").
 */
export const summaryOf = (attribution: Pick<Attribution, 'isReprint' | 'creditLine' | 'canonicalUrl'>) => ({
  isReprint: attribution.isReprint,
  creditLine: attribution.creditLine,
  canonicalUrl: attribution.canonicalUrl,
});

/** Everything a page and a machine need to attribute one document version. Pure. */
export const buildAttribution = (input: AttributionInput, settings: AttributionSettings, today: string): Attribution => {
  const isReprint = Boolean(input.reprint?.isReprint);
  const problems = checkForPublish(input, { today, titleCheck: settings.titleCheck, ruleSets: settings.ruleSets });
  const policy = searchPolicy(input, settings.defaultPolicy, settings.articleUrl);

  let credit: ReturnType<typeof renderCreditLine> | null = null;
  if (isReprint) {
    const override = input.reprint?.creditLineOverride?.trim();
    credit = override ? overrideCreditLine(override) : renderWithFallback(input, settings.templates);
  }

  const jsonLd = buildJsonLd(input, { publisher: settings.publisher, creditText: credit?.text ?? null, url: policy.canonicalUrl, publicUrl: settings.publicUrl });
  return {
    isReprint,
    creditLine: credit?.text ?? null,
    creditLineHtml: credit?.html ?? null,
    creditLineParts: credit?.parts ?? [],
    jsonLd,
    jsonLdScript: jsonForScript(jsonLd),
    canonicalUrl: policy.canonicalUrl,
    robots: policy.robots,
    complete: problems.every((problem) => problem.severity !== 'error'),
    missing: missingFields(problems),
    warnings: problems.filter((problem) => problem.severity === 'warning'),
    problems,
  };
};
