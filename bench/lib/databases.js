'use strict';

/**
 * The scratch databases of a run: one fresh database per client (SQLite file, or a PostgreSQL
 * database on 127.0.0.1:5432), its copy for the peer app, and what the load reads from it.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { Client } = require('pg');

const pgSettings = () => ({
  host: process.env.DATABASE_HOST || '127.0.0.1',
  port: Number(process.env.DATABASE_PORT || 5432),
  user: process.env.DATABASE_USERNAME || 'postgres',
  password: process.env.DATABASE_PASSWORD || '',
});

const pgClient = (database) => new Client({ ...pgSettings(), database, connectionTimeoutMillis: 2000 });

const withPg = async (database, fn) => {
  const client = pgClient(database);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

/** Whether PostgreSQL answers (as the bench connects to it). */
const postgresAnswers = async () => {
  try {
    await withPg('postgres', (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
};

// The read model's rows still to render (src/read-model/store.ts); null when there is no read model.
const STALE_READ_MODEL_ROWS = 'SELECT COUNT(*) AS n FROM read_model_rows WHERE stale = 1';

const PUBLISHED_ARTICLES = 'SELECT document_id AS "documentId", slug, locale FROM articles WHERE published_at IS NOT NULL ORDER BY id';

/**
 * A fresh database for this run. Returns its env for the project's processes, analyze(),
 * publishedArticles(), copyForPeer() (a copy of its current content and the peer's Strapi
 * connection for it) and drop() (also of the copies).
 */
const freshDatabase = async (client, dir) => {
  if (client === 'sqlite') {
    const filename = path.join(dir, 'bench.db');
    const open = (options) => {
      const Database = require('better-sqlite3');
      return new Database(filename, options);
    };
    return {
      client,
      env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
      analyze: async () => {
        const db = open();
        db.exec('ANALYZE');
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      },
      readModelStale: async () => {
        const db = open({ readonly: true });
        try {
          return Number(db.prepare(STALE_READ_MODEL_ROWS).get().n);
        } catch {
          return null;
        } finally {
          db.close();
        }
      },
      publishedArticles: async () => {
        const db = open({ readonly: true });
        try {
          return db.prepare(PUBLISHED_ARTICLES).all();
        } finally {
          db.close();
        }
      },
      copyForPeer: async () => {
        // Everything is in the main file after the checkpoint; a WAL left behind goes too.
        const db = open();
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        const copy = path.join(dir, 'peer.db');
        for (const suffix of ['', '-wal']) {
          if (fs.existsSync(`${filename}${suffix}`)) fs.copyFileSync(`${filename}${suffix}`, `${copy}${suffix}`);
        }
        return { client: 'sqlite', connection: { filename: copy }, useNullAsDefault: true };
      },
      drop: async () => {},
    };
  }

  const name = `newsroom_bench_${crypto.randomBytes(4).toString('hex')}`;
  const names = [name];
  await withPg('postgres', (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    client,
    name,
    env: { DATABASE_CLIENT: 'postgres', DATABASE_URL: '', DATABASE_NAME: name },
    analyze: () => withPg(name, (c) => c.query('VACUUM ANALYZE')),
    readModelStale: () => withPg(name, (c) => c.query(STALE_READ_MODEL_ROWS).then((r) => Number(r.rows[0].n), () => null)),
    publishedArticles: () => withPg(name, async (c) => (await c.query(PUBLISHED_ARTICLES)).rows),
    copyForPeer: async () => {
      const copy = `${name}_peer`;
      await withPg('postgres', async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`);
        // A template may have no other session: none is left once the import and analyze are done.
        await c.query(`CREATE DATABASE "${copy}" TEMPLATE "${name}"`);
      });
      names.push(copy);
      await withPg(copy, (c) => c.query('ANALYZE'));
      return { client: 'postgres', connection: { ...pgSettings(), database: copy, ssl: false, schema: 'public' } };
    },
    drop: async () => {
      for (const database of names.splice(0)) {
        await withPg('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
      }
    },
  };
};

module.exports = { freshDatabase, postgresAnswers };
