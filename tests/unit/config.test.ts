import path from 'node:path';

import { buildDatabaseConfig, resolveDatabaseClient } from '../../src/lib/database';
import { newsroomLocales, resolveDefaultLocale } from '../../src/lib/locales';

describe('database configuration', () => {
  it('defaults to SQLite under .tmp, also when DATABASE_FILENAME is empty', () => {
    for (const env of [{}, { DATABASE_FILENAME: '' }, { DATABASE_CLIENT: '' }]) {
      const { connection, filename } = buildDatabaseConfig(env, '/app');
      expect(connection.client).toBe('sqlite');
      expect(filename).toBe(path.resolve('/app', '.tmp/data.db'));
    }
  });

  it('selects PostgreSQL from DATABASE_URL or from the parts', () => {
    const fromUrl = buildDatabaseConfig({ DATABASE_CLIENT: 'postgres', DATABASE_URL: 'postgres://u@h:5432/db' }, '/app');
    expect(fromUrl.connection).toMatchObject({ client: 'postgres', connection: { connectionString: 'postgres://u@h:5432/db', ssl: false } });
    const fromParts = buildDatabaseConfig(
      { DATABASE_CLIENT: 'postgres', DATABASE_HOST: 'db', DATABASE_PORT: '6543', DATABASE_NAME: 'news', DATABASE_SSL: 'true' },
      '/app'
    );
    expect(fromParts.connection.connection).toMatchObject({ host: 'db', port: 6543, database: 'news', ssl: { rejectUnauthorized: true } });
  });

  it('names the allowed values when DATABASE_CLIENT is wrong', () => {
    expect(() => resolveDatabaseClient('mysql')).toThrow('DATABASE_CLIENT="mysql" is not supported; use one of: sqlite, postgres');
    expect(() => buildDatabaseConfig({ DATABASE_CLIENT: 'postgres', DATABASE_PORT: 'x' }, '/app')).toThrow('DATABASE_PORT must be');
  });
});

describe('DEFAULT_LOCALE', () => {
  it('defaults to zh-Hans and accepts the three newsroom locales', () => {
    expect(resolveDefaultLocale(undefined)).toBe('zh-Hans');
    expect(resolveDefaultLocale('')).toBe('zh-Hans');
    expect(resolveDefaultLocale('ru')).toBe('ru');
    expect(() => resolveDefaultLocale('zh')).toThrow('use one of: zh-Hans, en, ru');
  });

  it('follows LOCALES: the first is the default, a fourth may be named', () => {
    const env = { LOCALES: 'en, ru,ja' } as NodeJS.ProcessEnv;
    expect(newsroomLocales(env)).toEqual(['en', 'ru', 'ja']);
    expect(resolveDefaultLocale('', env)).toBe('en');
    expect(resolveDefaultLocale('ja', env)).toBe('ja');
    expect(() => resolveDefaultLocale('zh-Hans', env)).toThrow('use one of: en, ru, ja');
  });
});

describe('LOCALES', () => {
  it('refuses what is not a locale code, and a code named twice', () => {
    expect(() => newsroomLocales({ LOCALES: 'zh-Hans,English' } as NodeJS.ProcessEnv)).toThrow('LOCALES: "English" is not a locale code');
    expect(() => newsroomLocales({ LOCALES: 'en,ru,en' } as NodeJS.ProcessEnv)).toThrow('LOCALES names en twice');
    expect(newsroomLocales({} as NodeJS.ProcessEnv)).toEqual(['zh-Hans', 'en', 'ru']);
  });
});
