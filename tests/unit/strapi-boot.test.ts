// eslint-disable-next-line @typescript-eslint/no-var-requires
const { isBusy, loadStrapi } = require('../../scripts/lib/strapi');

/** A Strapi whose load fails with each of `failures` in turn, then succeeds. */
const fakeStrapi = (failures: Error[]) => {
  const made: Array<{ destroyed: boolean }> = [];
  const createStrapi = () => {
    const instance = {
      destroyed: false,
      load: async () => {
        const failure = failures.shift();
        if (failure) throw failure;
        return instance;
      },
      destroy: async () => {
        instance.destroyed = true;
      },
    };
    made.push(instance);
    return instance;
  };
  return { createStrapi, made };
};

const busy = () => Object.assign(new Error('update `strapi_core_store_settings` set … - database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' });

describe('a CLI starting Strapi next to a running server (scripts/lib/strapi.js)', () => {
  const wait = process.env.IMPORT_LOCK_WAIT;
  afterEach(() => {
    if (wait === undefined) delete process.env.IMPORT_LOCK_WAIT;
    else process.env.IMPORT_LOCK_WAIT = wait;
  });

  it('knows SQLite’s busy errors by code or message, and nothing else', () => {
    expect(isBusy(busy())).toBe(true);
    expect(isBusy(Object.assign(new Error('x'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isBusy(new Error('SqliteError: database is locked'))).toBe(true);
    expect(isBusy(new Error('no such table: articles'))).toBe(false);
    expect(isBusy(undefined)).toBe(false);
  });

  it('undoes a start that met another process’s write and starts again', async () => {
    const { createStrapi, made } = fakeStrapi([busy(), busy()]);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const strapi = await loadStrapi(createStrapi, {});
    expect(made).toHaveLength(3);
    expect(made.map((instance) => instance.destroyed)).toEqual([true, true, false]);
    expect(strapi).toBe(made[2]);
    expect(errors).toHaveBeenCalledTimes(1);
    errors.mockRestore();
  });

  it('gives up on any other error at once, and on a busy database after IMPORT_LOCK_WAIT', async () => {
    const other = fakeStrapi([new Error('no such table: articles')]);
    await expect(loadStrapi(other.createStrapi, {})).rejects.toThrow('no such table');
    expect(other.made).toHaveLength(1);

    process.env.IMPORT_LOCK_WAIT = '0';
    const locked = fakeStrapi([busy(), busy()]);
    await expect(loadStrapi(locked.createStrapi, {})).rejects.toThrow('database is locked');
    expect(locked.made).toHaveLength(1);
    expect(locked.made[0].destroyed).toBe(true);
  });
});
