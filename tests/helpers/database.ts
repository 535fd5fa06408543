import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Client } from 'pg';

/** Connection settings for the maintenance database (the one we CREATE/DROP from). */
const adminConnection = () =>
  process.env.DATABASE_URL
    ? { connectionString: process.env.DATABASE_URL }
    : {
        host: process.env.DATABASE_HOST || '127.0.0.1',
        port: Number(process.env.DATABASE_PORT || 5432),
        user: process.env.DATABASE_USERNAME || 'postgres',
        password: process.env.DATABASE_PASSWORD || '',
        database: process.env.DATABASE_ADMIN_DB || 'postgres',
      };

export interface TestDatabase {
  client: 'sqlite' | 'postgres';
  env: Record<string, string>;
  drop: () => Promise<void>;
}

/** A fresh, empty database for one test file: a temp SQLite file, or a new PostgreSQL database. */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const id = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;

  if ((process.env.DATABASE_CLIENT || 'sqlite') === 'postgres') {
    const name = `newsroom_test_${id}`;
    const admin = new Client(adminConnection());
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const base = adminConnection();
    const env: Record<string, string> = { DATABASE_CLIENT: 'postgres', DATABASE_POOL_MIN: '0', DATABASE_POOL_MAX: '5' };
    if ('connectionString' in base) {
      const url = new URL(base.connectionString as string);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
    } else {
      Object.assign(env, {
        DATABASE_URL: '',
        DATABASE_HOST: base.host,
        DATABASE_PORT: String(base.port),
        DATABASE_USERNAME: base.user,
        DATABASE_PASSWORD: base.password,
        DATABASE_NAME: name,
      });
    }
    return {
      client: 'postgres',
      env,
      drop: async () => {
        const client = new Client(adminConnection());
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsroom-test-'));
  return {
    client: 'sqlite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(dir, 'data.db') },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};
