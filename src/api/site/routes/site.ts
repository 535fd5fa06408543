/**
 * GET /api/site: the locales and the names of sections and kinds (docs/api.md, "Labels"). The
 * Public role holds its action, api::site.site.find (src/lib/public-access.ts).
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/site',
      handler: 'api::site.site.find',
      config: {},
    },
  ],
};
