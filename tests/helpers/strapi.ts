import crypto from 'node:crypto';
import path from 'node:path';

import { createStrapi, type Core } from '@strapi/strapi';
import Redis from 'ioredis';
import request from 'supertest';

import { freshSecrets } from '../../scripts/lib/secrets';
import { redisKeyPrefix } from '../../src/response-cache';
import { settle } from '../../scripts/lib/strapi';
import { createTestDatabase, type TestDatabase } from './database';

const ROOT = path.resolve(__dirname, '..', '..');

export interface TestApp {
  strapi: Core.Strapi;
  /** supertest against the real HTTP server */
  http: () => ReturnType<typeof request>;
  database: TestDatabase;
  /** a full-access API token, created on first use */
  adminToken: () => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * Boots a real Strapi (compiled by the global setup into dist/) on a fresh database,
 * mounts its HTTP server, and returns it with a supertest client. No mocks.
 */
export const startTestApp = async (envOverrides: Record<string, string> = {}): Promise<TestApp> => {
  const database = await createTestDatabase();
  const previousEnv = { ...process.env };
  Object.assign(process.env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    ...freshSecrets(),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL || 'error',
    // Tests start empty; the seed tests load the reference content themselves.
    SEED_ON_EMPTY: 'false',
    // The response cache in this process's memory, never a developer's Redis from .env (the
    // cache's own tests opt in to Redis with a prefix of their own).
    REDIS_URL: '',
    // An instance serves from the response cache only while its last read of the invalidation
    // log is younger than this bound (2 s in production). Here the test client and the server
    // share one event loop on a machine CI keeps busy, and the poll's timer can run seconds late:
    // the cache tests check what is cached and what invalidates it, not the bound, which
    // tests/faults/redis-faults.test.ts checks on real servers with the production value.
    RESPONSE_CACHE_BOUND_MS: '30000',
    ...database.env,
    ...envOverrides,
  });

  const created = createStrapi({
    appDir: ROOT,
    distDir: path.join(ROOT, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  let strapi: Core.Strapi;
  try {
    strapi = await created.load();
  } catch (error) {
    // A start that failed half-way: what it opened (the database pool, the start-up lock's
    // connection on PostgreSQL) is closed, the database dropped and the environment restored,
    // so that the next test file starts clean.
    await created.destroy().catch(() => undefined);
    await database.drop().catch(() => undefined);
    for (const key of Object.keys(process.env)) if (!(key in previousEnv)) delete process.env[key];
    Object.assign(process.env, previousEnv);
    throw error;
  }
  strapi.server.mount();

  let token: string | undefined;
  return {
    strapi,
    database,
    http: () => request(strapi.server.httpServer),
    adminToken: async () => {
      if (!token) {
        const created = await strapi.service('admin::api-token').create({
          name: `test-${crypto.randomBytes(3).toString('hex')}`,
          type: 'full-access',
          lifespan: null,
        });
        token = created.accessKey as string;
      }
      return token;
    },
    stop: async () => {
      await settle(strapi);
      await strapi.destroy();
      await database.drop();
      // Later test files start from the environment this one found.
      for (const key of Object.keys(process.env)) if (!(key in previousEnv)) delete process.env[key];
      Object.assign(process.env, previousEnv);
    },
  };
};

/** Removes the Redis keys a test app's response cache wrote (its prefix and configuration fingerprint). */
export const dropRedisKeys = async (app: TestApp, redisUrl: string) => {
  const redis = new Redis(redisUrl);
  try {
    const keys = await redis.keys(`${redisKeyPrefix(app.strapi)}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
};
