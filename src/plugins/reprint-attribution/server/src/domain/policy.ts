import type { AttributionInput, MetaTag, Policy } from './types';
import { POLICIES } from './types';
import { isConfiguredUrl, isHttpUrl } from './urls';

/**
 * The document's own address on the public site, from a pattern with {locale} and {slug}. The
 * pattern is the operator's configuration, not an editor's input: the editors' URL rules
 * (isHttpUrl: a host with a domain) do not apply to it.
 */
export const selfUrl = (pattern: string, input: AttributionInput): string | null => {
  if (!pattern || !input.slug) return null;
  const url = pattern.replace(/\{locale\}/g, encodeURIComponent(input.locale)).replace(/\{slug\}/g, encodeURIComponent(input.slug));
  return isConfiguredUrl(url) ? url : null;
};

export interface SearchPolicy {
  policy: Policy;
  canonicalUrl: string | null;
  /** meta tags to render in the page head: <meta name="…" content="…"> */
  robots: MetaTag[];
}

/**
 * Canonical and robots for a document version, following Google's guidance for syndicated
 * content: point the canonical at the original, or keep news crawlers away (noindex for
 * Googlebot-News). Own content is self-canonical. An editor's SEO canonical URL and noindex win.
 */
export const searchPolicy = (input: AttributionInput, defaultPolicy: Policy, urlPattern: string): SearchPolicy => {
  const reprint = input.reprint;
  const chosen = reprint?.syndicationPolicy;
  const policy: Policy = reprint?.isReprint
    ? (POLICIES as readonly string[]).includes(chosen ?? '')
      ? (chosen as Policy)
      : defaultPolicy
    : 'self';
  const own = selfUrl(urlPattern, input);

  let canonicalUrl = own;
  if (policy === 'original' && isHttpUrl(reprint?.originalUrl)) canonicalUrl = reprint!.originalUrl!;
  if (isHttpUrl(input.seo?.canonicalUrl)) canonicalUrl = input.seo!.canonicalUrl!;

  const robots: MetaTag[] = [{ name: 'robots', content: input.seo?.noindex ? 'noindex, follow' : 'index, follow' }];
  if (policy === 'noindex-news') robots.push({ name: 'googlebot-news', content: 'noindex' });
  return { policy, canonicalUrl, robots };
};
