/**
 * Preview as readers see it (docs/preview.md): the Strapi glue around the pure pieces in
 * src/lib/preview.ts (tokens, the PREVIEW_URL pattern) and src/lib/article-page.ts (the page).
 *
 * - `previewUrl`: config/admin.ts's `preview.config.handler`. The Content Manager asks it for the
 *   address of the version on screen; it answers only for an admin who may read that version in
 *   the Content Manager (Strapi's own route checks nothing but the admin session), and signs a
 *   token for exactly that document, locale and status.
 * - `GET /preview/articles/:documentId?locale=…&status=…&token=…`: the built-in reference page.
 *   A draft only with a valid token; the published version with a valid token or none. Outside
 *   `/api`, so neither the read model nor the response cache nor the ETag middleware sees it.
 */
import type { Core } from '@strapi/strapi';

import { DEFAULT_ARTICLE_POPULATE } from '../api/article/middlewares/article-populate';
import { LABELLED_ENUMS, siteLabels, type LabelGroup } from '../api/site/labels';
import { articlePageCsp, escapeHtml, renderArticlePage, type ArticleData } from '../lib/article-page';
import { newsroomLocales } from '../lib/locales';
import {
  expandPreviewUrl,
  PREVIEW_PATH,
  previewStatusOf,
  previewTokenUntil,
  signPreviewToken,
  verifyPreviewToken,
  type PreviewConfig,
  type PreviewStatus,
  type PreviewTarget,
} from '../lib/preview';
import { mediaOrigins, uploadStorageFromEnv } from '../lib/upload-storage';
import { describeItems, schemaFieldRank } from '../middlewares/localized-reads';

/** The content type the preview serves. */
export const PREVIEW_UID = 'api::article.article';

const CREATOR_POPULATE = { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } };
const QUERY_PARAMETERS = ['locale', 'status', 'token'];
// Strapi's documentIds are 24 lower-case letters and digits; anything else names no document.
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;
/** One answer for a draft that is not there, a token that is wrong, tampered with or expired, and no token. */
const NOT_FOUND = 'No such preview: the link is wrong or has expired. Open the preview again from the Content Manager.';

const previewConfig = (strapi: Core.Strapi) => strapi.config.get('preview') as PreviewConfig;
const defaultLocale = (strapi: Core.Strapi): Promise<string> => strapi.plugin('i18n').service('locales').getDefaultLocale();

/**
 * config/admin.ts's preview handler: the preview address of one version of an article, for the
 * admin asking; null (the Content Manager shows no preview) for another type, a version that
 * does not exist, an admin who may not read it, or a PREVIEW_URL with {slug} and a version
 * without one.
 */
export const previewUrl = async (
  strapi: Core.Strapi,
  uid: string,
  { documentId, locale: asked, status: askedStatus }: { documentId?: string; locale?: string | null; status?: string }
): Promise<string | null> => {
  if (uid !== PREVIEW_UID || typeof documentId !== 'string' || !DOCUMENT_ID.test(documentId)) return null;
  const status = previewStatusOf(askedStatus);
  const locale = asked || (await defaultLocale(strapi));
  if (!status || !newsroomLocales().includes(locale)) return null;

  // The admin's own request (GET /content-manager/preview/url/:uid): its abilities decide.
  const userAbility = (strapi.requestContext.get() as any)?.state?.userAbility;
  if (!userAbility) return null;
  const row = await strapi.db.query(uid as never).findOne({
    where: { documentId, locale, publishedAt: status === 'draft' ? { $null: true } : { $notNull: true } },
    select: ['id', 'documentId', 'locale', 'slug'],
    populate: CREATOR_POPULATE,
  });
  if (!row) return null;
  const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility, model: uid });
  if (checker.cannot.read(row)) return null;

  const config = previewConfig(strapi);
  const token = signPreviewToken(config.secret, { uid, documentId, locale, status }, { ttlSeconds: config.ttlSeconds });
  return expandPreviewUrl(config.pattern, { locale, documentId, slug: row.slug, status, token });
};

/**
 * One version of an article exactly as the content API gives it in a single read (docs/api.md):
 * the single read's population, Strapi's output sanitizing, the addresses and language links
 * (`describeItems`, as the route middleware) and the plugin's `attribution` (its service, as its
 * middleware). Null when that version does not exist.
 */
export const readArticle = async (strapi: Core.Strapi, { documentId, locale, status }: Omit<PreviewTarget, 'uid'>): Promise<ArticleData | null> => {
  const uid = PREVIEW_UID;
  const entity = await strapi.documents(uid as never).findOne({ documentId, locale, status, populate: DEFAULT_ARTICLE_POPULATE } as never);
  if (!entity) return null;
  const data: any = await strapi.contentAPI.sanitize.output(entity, strapi.getModel(uid as never) as never);
  const drafts = status === 'draft';
  await describeItems(strapi, uid, data, { drafts, served: locale, fieldRank: schemaFieldRank(strapi, uid) });
  const plugin = strapi.plugin('reprint-attribution');
  if (plugin && (strapi.config.get('plugin::reprint-attribution') as any)?.responses !== false) {
    const results = await plugin.service('attribution').ofResponseItems(uid, [data], { drafts, locale });
    data.attribution = results.get(data) ?? null;
  }
  return data as ArticleData;
};

/** GET /api/site's data: language and section names for the page. */
const siteData = async (strapi: Core.Strapi) => {
  const enums = Object.fromEntries(
    (Object.entries(LABELLED_ENUMS) as Array<[LabelGroup, { uid: string; attribute: string }]>).map(([group, { uid, attribute }]) => [
      group,
      [...(((strapi.contentType(uid as never) as any).attributes[attribute]?.enum as string[] | undefined) ?? [])],
    ])
  ) as Record<LabelGroup, string[]>;
  return siteLabels({ locales: newsroomLocales(), defaultLocale: await defaultLocale(strapi), enums }).data;
};

interface Problem {
  path: string[];
  message: string;
}

/** The locales a document is published in. */
const publishedEditions = async (strapi: Core.Strapi, documentId: string): Promise<Set<string>> => {
  const rows = (await strapi.db.query(PREVIEW_UID as never).findMany({ where: { documentId, publishedAt: { $notNull: true } }, select: ['locale'] })) as Array<{ locale: string }>;
  return new Set(rows.map((row) => row.locale));
};

/** The page's own address for another edition (with a token when `expires` is given). */
const editionHref = (target: PreviewTarget, secret: string, expires: number | null) => {
  const query = new URLSearchParams({ locale: target.locale, status: target.status });
  if (expires !== null) query.set('token', previewTokenUntil(secret, target, expires));
  return `${PREVIEW_PATH}/${encodeURIComponent(target.documentId)}?${query}`;
};

/** Registers GET /preview/articles/:documentId (docs/preview.md, "The route"). */
export const registerPreview = (strapi: Core.Strapi) => {
  const csp = () => {
    const { publicUrl } = strapi.config.get('site') as { publicUrl: string };
    let media: string[] = [];
    try {
      media = mediaOrigins(uploadStorageFromEnv(process.env));
    } catch {
      // The upload check stops a start with a bad storage configuration before this matters.
    }
    return articlePageCsp({ imgSources: [new URL(publicUrl).origin, ...media], frameAncestors: ["'self'"] });
  };
  const policy = csp();

  const refuse = (ctx: any, status: number, message: string, problems: Problem[] = []) => {
    ctx.status = status;
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    if (ctx.accepts('html', 'json') === 'json') {
      ctx.body = {
        data: null,
        error: {
          status,
          name: status === 404 ? 'NotFoundError' : 'ValidationError',
          message,
          details: problems.length > 0 ? { errors: problems.map((problem) => ({ ...problem, name: 'ValidationError' })) } : {},
        },
      };
      return;
    }
    ctx.type = 'text/html; charset=utf-8';
    const items = problems.length > 1 ? `<ul>${problems.map((problem) => `<li>${escapeHtml(problem.message)}</li>`).join('')}</ul>` : '';
    ctx.body = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>${status}</title></head><body><h1>${status}</h1><p>${escapeHtml(message)}</p>${items}</body></html>\n`;
  };

  strapi.server.router.get(`${PREVIEW_PATH}/:documentId`, async (ctx: any) => {
    const query: Record<string, unknown> = ctx.query ?? {};
    const locales = newsroomLocales();
    const problems: Problem[] = [];
    for (const name of Object.keys(query)) {
      if (!QUERY_PARAMETERS.includes(name)) problems.push({ path: [name], message: `Unknown parameter ${name}: the preview takes locale, status and token` });
      else if (typeof query[name] !== 'string') problems.push({ path: [name], message: `${name} must be given once, as one value` });
    }
    const locale = typeof query.locale === 'string' ? query.locale : await defaultLocale(strapi);
    if (typeof query.locale === 'string' && !locales.includes(locale)) problems.push({ path: ['locale'], message: `Unknown locale "${locale}": use one of ${locales.join(', ')}` });
    const status = typeof query.status === 'string' ? query.status : 'published';
    if (typeof query.status === 'string' && status !== 'draft' && status !== 'published') problems.push({ path: ['status'], message: 'status must be draft or published' });
    if (problems.length > 0) return refuse(ctx, 400, problems.length === 1 ? problems[0].message : `${problems.length} problems: ${problems.map((p) => p.message).join('; ')}`, problems);

    const documentId: string = ctx.params.documentId;
    if (!DOCUMENT_ID.test(documentId)) return refuse(ctx, 404, NOT_FOUND);
    const config = previewConfig(strapi);
    const target: PreviewTarget = { uid: PREVIEW_UID, documentId, locale, status: status as PreviewStatus };
    let expires: number | null = null;
    if (query.token !== undefined) {
      const check = verifyPreviewToken(config.secret, query.token, target);
      if (!check.valid) {
        strapi.log.debug(`preview: refused a token (${check.reason}) for ${documentId} ${locale} ${status}`);
        return refuse(ctx, 404, NOT_FOUND);
      }
      expires = check.expires as number;
    } else if (status === 'draft') {
      return refuse(ctx, 404, NOT_FOUND);
    }

    const [article, site] = await Promise.all([readArticle(strapi, target), siteData(strapi)]);
    if (!article) return refuse(ctx, 404, NOT_FOUND);
    // The language switcher: a token names one version of one document, which the admin who asked
    // for it may read; it never gives another edition's draft (that admin may not be allowed to
    // read it: an Author, a role limited to some locales). So from a draft, another edition links
    // to its published page when it has one, and is named without a link when it has not; the
    // Content Manager's locale menu opens that edition's own preview, with its own permission check.
    const hrefs: Record<string, string | null> = {};
    const publishedLocales = target.status === 'draft' ? await publishedEditions(strapi, target.documentId) : null;
    for (const edition of article.localizations ?? []) {
      if (publishedLocales === null) hrefs[edition.locale] = editionHref({ ...target, locale: edition.locale }, config.secret, null);
      else if (publishedLocales.has(edition.locale)) hrefs[edition.locale] = editionHref({ ...target, locale: edition.locale, status: 'published' }, config.secret, null);
      else hrefs[edition.locale] = null;
    }
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    // A token's page is one editor's: no cache keeps it. The published page without one is public
    // anyway; a cache may keep it but must ask again each time.
    ctx.set('Cache-Control', expires !== null ? 'private, no-store' : 'no-cache');
    ctx.set('Content-Security-Policy', policy);
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.body = renderArticlePage({
      article,
      site,
      preview: { status: target.status, ...(expires !== null ? { expiresAt: new Date(expires * 1000).toISOString() } : {}) },
      editionHref: hrefs,
    });
  });
};
