import path from 'node:path';

import Koa from 'koa';
import request from 'supertest';
import winston from 'winston';
import Transport from 'winston-transport';

import logger from '../../src/read-path/logger';

/**
 * src/read-path/logger.ts writes exactly the line strapi::logger writes when the `http` level
 * is on, and hands winston nothing when it is off.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const strapiLogger = require(path.join(path.dirname(require.resolve('@strapi/core/package.json')), 'dist', 'middlewares', 'logger.js')).logger;

const recording = (level: string) => {
  const lines: string[] = [];
  const transport = new Transport({ log: (info: any, done: () => void) => (lines.push(`${info.level} ${String(info.message).replace(/\(\d+ ms\)/, '(N ms)')}`), done()) } as any);
  const log = winston.createLogger({ level, transports: [transport] });
  const writes = jest.spyOn(log, 'write');
  return { strapi: { log } as any, lines, writes };
};

const serve = (middleware: Koa.Middleware) => {
  const app = new Koa();
  app.use(middleware);
  app.use((ctx) => {
    if (ctx.path === '/missing') ctx.status = 404;
    else ctx.body = { ok: true };
  });
  return app.callback();
};

const requests = async (handler: ReturnType<typeof serve>) => {
  await request(handler).get('/api/articles?locale=en');
  await request(handler).post('/missing');
};

it('writes the line strapi::logger writes when the http level is on', async () => {
  const ours = recording('http');
  const theirs = recording('http');
  await requests(serve(logger(undefined, { strapi: ours.strapi }) as Koa.Middleware));
  await requests(serve(strapiLogger(undefined, { strapi: theirs.strapi })));
  await new Promise((resolve) => setImmediate(resolve));
  expect(theirs.lines).toEqual(['http GET /api/articles?locale=en (N ms) 200', 'http POST /missing (N ms) 404']);
  expect(ours.lines).toEqual(theirs.lines);
});

it('hands winston nothing when the http level is off', async () => {
  const ours = recording('warn');
  const theirs = recording('warn');
  await requests(serve(logger(undefined, { strapi: ours.strapi }) as Koa.Middleware));
  await requests(serve(strapiLogger(undefined, { strapi: theirs.strapi })));
  expect(theirs.writes).toHaveBeenCalledTimes(2);
  expect(ours.writes).not.toHaveBeenCalled();
  expect(ours.lines).toEqual([]);
});
