import type { Core } from '@strapi/strapi';
import parseBody from 'co-body';

import { findDocumentProblem } from '../lib/graphql-document';

/**
 * Refuses GraphQL documents Apollo would answer with an error of its own making, or spend
 * minutes on (lib/graphql-document). The router also matches `/graphql/` and `/GraphQL`, and
 * Strapi's body parser leaves the exact `/graphql` to the plugin's own parser (koa-bodyparser,
 * which skips a body already parsed), so the path is compared loosely and the JSON body is read
 * here when nobody has yet, with the plugin parser's limit. Only JSON is taken by POST: the
 * plugin's parser would read forms too, and nothing here needs them.
 */
export default (config: { endpoint?: string; maxTokens: number }, _ctx: { strapi: Core.Strapi }) => {
  const endpoint = (config.endpoint ?? '/graphql').replace(/\/+$/, '').toLowerCase();
  const refuse = (ctx: any, status: number, message: string, code: string) => {
    ctx.status = status;
    ctx.body = { errors: [{ message, extensions: { code } }] };
  };
  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.path.replace(/\/+$/, '').toLowerCase() !== endpoint) return next();
    let queries: unknown[] = [];
    if (ctx.method === 'GET') {
      queries = new URLSearchParams(ctx.querystring).getAll('query');
    } else if (ctx.method === 'POST') {
      // The JSON types the plugin's parser takes (koa-bodyparser's defaults).
      if (!ctx.is('json', '+json', 'application/csp-report')) return refuse(ctx, 415, 'Send GraphQL requests as JSON (Content-Type: application/json)', 'BAD_REQUEST');
      if (ctx.request.body === undefined) {
        try {
          const { parsed, raw } = await parseBody.json(ctx, { limit: '1mb', strict: true, returnRawBody: true });
          ctx.request.body = parsed;
          ctx.request.rawBody = raw;
        } catch (error: any) {
          const tooLarge = error?.status === 413;
          return refuse(ctx, tooLarge ? 413 : 400, tooLarge ? 'The request body is larger than 1 MB' : 'The request body is not valid JSON', 'BAD_REQUEST');
        }
      }
      const body = ctx.request.body;
      queries = Array.isArray(body) ? body.map((item) => item?.query) : [body?.query];
    } else return next();
    for (const query of queries) {
      const problem = findDocumentProblem(query, config.maxTokens);
      if (problem) return refuse(ctx, 400, problem.message, problem.code);
    }
    return next();
  };
};
