import type { Core } from '@strapi/strapi';

import { LIST_UID, READ_MODEL_TYPES, readModelOf } from '../read-model';
import { isRenderRequest, noteClientRequest, type ReadModelAnswer } from '../read-model/render-flag';
import { asParsedQuery, itemOfDetail, listBody, parseReadModelRequest, type ReadModelRequest, type RequestRules } from '../read-model/requests';
import { DEFAULT_ARTICLE_POPULATE } from '../api/article/middlewares/article-populate';
import { newsroomLocales } from '../lib/locales';
import { findQueryStringExcess, urlHasNul } from '../lib/input-limits';
import { restQueryProblems } from '../lib/query-rules';

/** How long a write's response waits for the renders of what it changed (then Strapi answers for them). */
const RENDER_WAIT_MS = 5000;

/**
 * Answers public content-API reads from the read model (src/read-model; docs/architecture.md,
 * "Read model"), before the router: the detail of an article, source or institution by
 * documentId or slug, and the article list with its convenience filters and pagination, for an
 * anonymous client the Public role lets read them. Anything else, or anything the model does not
 * hold fresh, goes on to Strapi's own path, which the stored answers were rendered by.
 *
 * Placed right after the security headers and the http-cache middleware (ETag, Cache-Control,
 * 304), ahead of the body parser, the input limits, the session and the router: an answer from
 * the model costs what those would cost for nothing (the body parser and the security headers
 * were each built anew per request, a fifth of a read's time). So it applies the input limits'
 * checks of a query string itself: a request they would refuse goes on, to be refused there.
 * A write's response waits (bounded) until what it changed is rendered again.
 */
export default (config: { query?: { maxDepth: number; maxParameters: number } } | undefined, { strapi }: { strapi: Core.Strapi }) => {
  const queryLimits = config?.query;
  const byPlural = Object.fromEntries(Object.entries(READ_MODEL_TYPES).map(([uid, plural]) => [plural, uid]));
  const api = strapi.config.get('api') as { rest?: { defaultLimit?: number; maxLimit?: number; prefix?: string } };
  const rules: RequestRules = {
    prefix: strapi.config.get('api.rest.prefix', '/api') as string,
    types: { byPlural, listUid: LIST_UID },
    locales: newsroomLocales(),
    defaultLimit: api?.rest?.defaultLimit ?? 25,
    maxLimit: api?.rest?.maxLimit ?? 100,
    sections: ((strapi.contentTypes as any)[LIST_UID]?.attributes?.section?.enum ?? []) as string[],
    // A list asking for the single read's population gets the stored single-read items.
    fullPopulate: asParsedQuery(DEFAULT_ARTICLE_POPULATE),
  };

  const answer = async (request: ReadModelRequest): Promise<string | Buffer | null> => {
    const model = readModelOf(strapi);
    if (!model?.serving || !model.fingerprint) return null;
    const action = request.kind === 'list' ? 'find' : 'findOne';
    if (!(await model.publicCan(request.uid, action))) return null;
    const locale = request.locale ?? (await model.defaultLocale());
    if (request.kind === 'detail') return model.store.detail(request.uid, locale, request.by, request.value, model.fingerprint);

    const { filters } = request;
    const page = await model.store.list(
      model.fingerprint,
      { uid: request.uid, locale, page: request.page, pageSize: request.pageSize, section: filters.section, from: filters.from, to: filters.to },
      { sources: filters.source, institutions: filters.institution },
      request.shape === 'full' ? 'detail' : 'teaser'
    );
    if (!page) return null;
    const { total } = page;
    const items = request.shape === 'full' ? page.items.map((detail) => (detail === null || detail === undefined ? null : itemOfDetail(detail))) : page.items;
    if (items.some((item) => typeof item !== 'string' && !Buffer.isBuffer(item))) return null;
    return listBody(items as Array<string | Buffer>, request.page, request.pageSize, total);
  };

  // What global::input-limits refuses in a query string (config/middlewares.ts gives both the
  // same limits), checked on the raw string before anything parses it.
  const refusedByInputLimits = (ctx: any) =>
    (queryLimits !== undefined && findQueryStringExcess(ctx.querystring, queryLimits) !== null) ||
    urlHasNul(ctx.url) ||
    (ctx.querystring !== '' && restQueryProblems(ctx.query ?? {}, { maxLimit: rules.maxLimit }).length > 0);
  const candidate = (ctx: any) =>
    ctx.method === 'GET' &&
    ctx.path.startsWith(`${rules.prefix}/`) &&
    !isRenderRequest(ctx) &&
    !ctx.get('authorization') &&
    !ctx.get('strapi-response-format') &&
    !ctx.get('strapi-encode-source-maps') &&
    !refusedByInputLimits(ctx);

  return async (ctx: any, next: () => Promise<void>) => {
    if (!isRenderRequest(ctx)) noteClientRequest();
    const request = candidate(ctx) ? parseReadModelRequest(ctx.method, ctx.path, ctx.query, rules) : null;
    const body = request ? await answer(request) : null;
    if (request && body !== null) {
      ctx.status = 200;
      ctx.type = 'application/json; charset=utf-8';
      ctx.body = body;
      ctx.set('X-Read-Model', 'HIT');
      ctx.state.readModelAnswer = { list: request.kind === 'list' } satisfies ReadModelAnswer;
      return;
    }
    await next();
    const renders: Array<Promise<unknown>> | undefined = ctx.state?.readModelRenders;
    if (renders?.length) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(renders), new Promise((resolve) => (timer = setTimeout(resolve, RENDER_WAIT_MS)))]);
      clearTimeout(timer);
    }
  };
};
