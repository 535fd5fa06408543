import Database from 'better-sqlite3';

import { createPublicPermissionsCache } from '../../src/read-path/public-permissions';
import { cachePreparedStatements, statementCacheOf } from '../../src/read-path/statement-cache';
import { cheapWinEnabled, readPathOff } from '../../src/read-path/switches';

describe('prepared statements cached per connection', () => {
  const open = (max?: number) => {
    const db = new Database(':memory:');
    db.exec('create table t (id integer primary key, name text)');
    const cache = cachePreparedStatements(db, max);
    return { db, cache };
  };

  it('prepares a SQL text once and reuses the statement with other bindings', () => {
    const { db, cache } = open();
    const insert = db.prepare('insert into t (name) values (?)');
    expect(db.prepare('insert into t (name) values (?)')).toBe(insert);
    insert.run('a');
    db.prepare('insert into t (name) values (?)').run('b');
    const select = db.prepare('select name from t where id = ?');
    expect(select.all(1)).toEqual([{ name: 'a' }]);
    expect(db.prepare('select name from t where id = ?').all(2)).toEqual([{ name: 'b' }]);
    expect(cache.stats).toEqual({ hits: 3, misses: 2 });
    expect(statementCacheOf(db)).toBe(cache);
  });

  it('is bounded (least recently used out)', () => {
    const { db, cache } = open(2);
    const first = db.prepare('select 1');
    db.prepare('select 2');
    db.prepare('select 3');
    expect(cache.cache.size).toBe(2);
    expect(db.prepare('select 1')).not.toBe(first);
  });

  it('forgets everything after a schema change, and what it returns sees the new schema', () => {
    const { db, cache } = open();
    db.prepare('insert into t (name) values (?)').run('a');
    expect(db.prepare('select * from t').all()).toEqual([{ id: 1, name: 'a' }]);
    db.prepare('alter table t add column extra text').run();
    expect(cache.cache.size).toBe(0);
    expect(db.prepare('select * from t').all()).toEqual([{ id: 1, name: 'a', extra: null }]);
  });

  it('leaves better-sqlite3’s own pragma() and transactions alone', () => {
    const { db } = open();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.pragma('user_version')).toEqual([{ user_version: 0 }]);
    db.transaction(() => db.prepare('insert into t (name) values (?)').run('x'))();
    expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 1 });
  });
});

describe('the Public role’s permissions cache', () => {
  const rows = [{ id: 1, action: 'api::article.article.find' }];
  const setup = (ttlMs = 5000) => {
    let clock = 0;
    const load = jest.fn(async () => rows.map((row) => ({ ...row })));
    const cache = createPublicPermissionsCache(load, { ttlMs, now: () => clock });
    return { cache, load, tick: (ms: number) => (clock += ms) };
  };

  it('loads once within the TTL, again after it', async () => {
    const { cache, load, tick } = setup();
    expect(await cache.get()).toEqual(rows);
    tick(4999);
    await cache.get();
    expect(load).toHaveBeenCalledTimes(1);
    tick(2);
    await cache.get();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('loads again after an invalidation, and never keeps a load that an invalidation overtook', async () => {
    const { cache, load } = setup();
    let release!: () => void;
    load.mockImplementationOnce(() => new Promise((resolve) => (release = () => resolve([{ id: 1, action: 'old' }]))));
    const pending = cache.get();
    cache.invalidate();
    release();
    expect(await pending).toEqual([{ id: 1, action: 'old' }]);
    expect(await cache.get()).toEqual(rows);
    expect(load).toHaveBeenCalledTimes(2);
    cache.invalidate();
    await cache.get();
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('shares one load between concurrent misses, and forgets a failed one', async () => {
    const { cache, load } = setup();
    load.mockRejectedValueOnce(new Error('db down'));
    await expect(Promise.all([cache.get(), cache.get()])).rejects.toThrow('db down');
    expect(load).toHaveBeenCalledTimes(1);
    expect(await cache.get()).toEqual(rows);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('hands out copies', async () => {
    const { cache } = setup();
    const first = await cache.get();
    first[0].action = 'changed by a caller';
    expect((await cache.get())[0].action).toBe('api::article.article.find');
  });
});

describe('READ_PATH_OFF', () => {
  it('names the cheap wins left out', () => {
    expect([...readPathOff({ READ_PATH_OFF: ' statement-cache , graphql-batch,' })]).toEqual(['statement-cache', 'graphql-batch']);
    expect(cheapWinEnabled('permissions-cache', {})).toBe(true);
    expect(cheapWinEnabled('graphql-batch', { READ_PATH_OFF: 'graphql-batch' })).toBe(false);
  });
});
