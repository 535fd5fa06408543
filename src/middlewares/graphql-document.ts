import type { Core } from '@strapi/strapi';
import parseBody from 'co-body';

import { findDocumentProblem } from '../lib/graphql-document';

/**
 * Refuses GraphQL documents Apollo would answer with an error of its own making
 * (lib/graphql-document). Strapi's body parser leaves the GraphQL endpoint to the plugin's own
 * (koa-bodyparser, which skips a body that is already parsed), so the JSON body is read here, with
 * the plugin parser's limit, and handed on.
 */
export default (config: { endpoint?: string; maxTokens: number }, _ctx: { strapi: Core.Strapi }) => {
  const endpoint = config.endpoint ?? '/graphql';
  const refuse = (ctx: any, message: string, code: string) => {
    ctx.status = 400;
    ctx.body = { errors: [{ message, extensions: { code } }] };
  };
  return async (ctx: any, next: () => Promise<void>) => {
    if (ctx.path !== endpoint || !['GET', 'POST'].includes(ctx.method)) return next();
    if (ctx.method === 'POST' && ctx.request.body === undefined && ctx.is('json')) {
      try {
        const { parsed, raw } = await parseBody.json(ctx, { limit: '1mb', strict: true, returnRawBody: true });
        ctx.request.body = parsed;
        ctx.request.rawBody = raw;
      } catch (error: any) {
        const tooLarge = error?.status === 413;
        ctx.status = tooLarge ? 413 : 400;
        ctx.body = { errors: [{ message: tooLarge ? 'The request body is larger than 1 MB' : 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] };
        return;
      }
    }
    const query = ctx.method === 'GET' ? ctx.query?.query : ctx.request.body?.query;
    const problem = findDocumentProblem(query, config.maxTokens);
    if (problem) return refuse(ctx, problem.message, problem.code);
    return next();
  };
};
