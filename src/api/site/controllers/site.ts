import type { Core } from '@strapi/strapi';

import { newsroomLocales } from '../../../lib/locales';
import { validationError } from '../../../lib/validation-error';
import { LABELLED_ENUMS, labelSource, missingLabels, siteLabels, type LabelGroup } from '../labels';

/**
 * GET /api/site: what a site needs to draw its language switcher and its section and kind names
 * without hard-coding them (docs/api.md, "Labels"). The enumeration values are read from the
 * content types' schemas, the names from ../labels.ts.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const enums = () =>
    Object.fromEntries(
      (Object.entries(LABELLED_ENUMS) as Array<[LabelGroup, { uid: string; attribute: string }]>).map(([group, { uid, attribute }]) => [
        group,
        [...(((strapi.contentType(uid as never) as any).attributes[attribute]?.enum as string[] | undefined) ?? [])],
      ])
    ) as Record<LabelGroup, string[]>;

  // Checked when Strapi builds its routes at start-up: a value without even an English name
  // stops it; a locale without names of its own is served another locale's, and said so.
  const missing = missingLabels(enums());
  if (missing.length > 0) {
    throw new Error(`src/api/site/labels.ts names no English label for ${missing.join(', ')}: every value a site shows needs one`);
  }
  for (const code of newsroomLocales()) {
    const from = labelSource(code);
    if (from !== code) strapi.log.warn(`labels: locale ${code} has no names of its own in src/api/site/labels.ts; GET /api/site gives it the ${from} ones`);
  }

  return {
    async find(ctx: any) {
      // One answer for every locale: a parameter would change nothing (and split the cache).
      const params = Object.keys(ctx.query ?? {});
      if (params.length > 0) {
        throw validationError(params.map((param) => ({ path: [param], message: `GET /api/site takes no query parameters (${param}): it names every locale at once` })));
      }
      const defaultLocale: string = await strapi.plugin('i18n').service('locales').getDefaultLocale();
      ctx.body = siteLabels({ locales: newsroomLocales(), defaultLocale, enums: enums() });
    },
  };
};
