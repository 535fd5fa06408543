/**
 * Route pieces shared by the localized types' read routes (article, source, institution).
 */

/** The route middlewares every read of a localized type runs: fallback, addresses, language links. */
export const localizedReadMiddlewares = (uid: string) => [{ name: 'global::localized-reads', config: { uid } }];

const plural: Record<string, string> = { 'api::article.article': 'articles', 'api::source.source': 'sources', 'api::institution.institution': 'institutions' };

/** GET /api/<plural>/slug/:slug, handled by the controller's findBySlug (content-api/localized-controller). */
export const slugRoute = (uid: string, middlewares: unknown[]) => ({
  method: 'GET',
  path: `/${plural[uid]}/slug/:slug`,
  handler: `${uid}.findBySlug`,
  config: {
    // Whoever may read one document may look it up by slug: no separate permission to grant.
    auth: { scope: [`${uid}.findOne`] },
    middlewares,
  },
});
