import { AsyncLocalStorage } from 'node:async_hooks';

import type { Core } from '@strapi/strapi';
import { contentTypes } from '@strapi/utils';
import createError from 'http-errors';

import { UNIQUE_ATTEMPTS, uniqueIndexFor, violatedUniqueIndex, type UniqueIndex } from '../lib/unique-values';
import { isWriteConflict } from '../lib/write-locks';
import { hasKey } from './keys';
import { managedSlugFields } from './slugs';

/** Actions that store a slug or a key: new rows (create, clone), changed rows, rows copied between versions. */
const GUARDED_ACTIONS = new Set(['create', 'clone', 'update', 'publish', 'discardDraft']);

/** The app's unique indexes of one content type: every managed slug and the key. */
export const uniqueIndexesOf = (strapi: Core.Strapi, uid: string): UniqueIndex[] => {
  const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
  if (!contentType || !strapi.db.metadata.has(uid as never)) return [];
  const fields = managedSlugFields(contentType).map(({ field }) => field);
  if (hasKey(contentType)) fields.push('key');
  if (fields.length === 0) return [];
  const meta = strapi.db.metadata.get(uid as never) as any;
  const localized = Boolean(strapi.plugin('i18n').service('content-types').isLocalizedContentType(contentType));
  const draftAndPublish = contentTypes.hasDraftAndPublish(contentType);
  return fields.map((field) =>
    uniqueIndexFor(meta.tableName, field, meta.attributes[field]?.columnName ?? field, {
      // A key is one per document, the same in every locale; its index still holds it per locale
      // and version because each locale and version is a row of its own.
      localized,
      draftAndPublish,
    })
  );
};

const retries = new AsyncLocalStorage<{ call: string; attempt: number }>();

const cloneParams = <T>(params: T): T => {
  try {
    return structuredClone(params);
  } catch {
    // Params holding something structuredClone refuses (a function, a stream): the data shallowly.
    const copy = { ...(params as any) };
    if (copy.data && typeof copy.data === 'object') copy.data = { ...copy.data };
    return copy;
  }
};

/**
 * The database refuses a slug or key another document already has in that locale and version
 * (src/bootstrap/unique-indexes.ts). When a write is refused so, because a writer its look-up
 * could not see took the value first, the write is undone to a savepoint and the whole Document
 * Service call runs again from the parameters it arrived with: the slug middleware then sees the
 * value taken and picks the next candidate, or refuses a value typed by hand with its 400. After
 * UNIQUE_ATTEMPTS tries the answer is a 409 naming the field, never a 500. Registered before the
 * slug and key middlewares, whose look-ups and locks must share its transaction.
 */
export const registerUniqueValues = (strapi: Core.Strapi) => {
  const indexes = new Map<string, UniqueIndex[]>();
  const indexesOf = (uid: string) => {
    if (!indexes.has(uid)) indexes.set(uid, uniqueIndexesOf(strapi, uid));
    return indexes.get(uid) as UniqueIndex[];
  };

  strapi.documents.use(async (context, next) => {
    if (!GUARDED_ACTIONS.has(context.action) || indexesOf(context.uid).length === 0) return next();
    const call = `${context.uid}:${context.action}`;
    const current = retries.getStore();
    const attempt = current?.call === call ? current.attempt : 1;
    const original = cloneParams(context.params);
    const params = context.params as { locale?: unknown };
    const locale = typeof params.locale === 'string' ? params.locale : undefined;

    try {
      return await strapi.db.transaction(async ({ trx }) => {
        const savepoint = `nwr_unique_${attempt}`;
        await trx.raw(`savepoint ${savepoint}`);
        try {
          const result = await next();
          await trx.raw(`release savepoint ${savepoint}`);
          return result;
        } catch (error) {
          const violated = violatedUniqueIndex(error);
          if (!violated) throw error;
          // Undoes this attempt's rows (components are written before the row that failed) and
          // leaves a PostgreSQL transaction usable again.
          await trx.raw(`rollback to savepoint ${savepoint}`);
          const index = indexesOf(context.uid).find((candidate) => candidate.name === violated);
          const field = index?.field ?? 'slug';
          if (attempt >= UNIQUE_ATTEMPTS) {
            const message = `another document took the ${field} this one was getting${locale ? ` in locale ${locale}` : ''}, ${UNIQUE_ATTEMPTS} times at the same moment; save again, or choose a ${field} of your own`;
            throw createError(409, message, { details: { errors: [{ path: [field], message }] } });
          }
          strapi.log.debug(`unique ${field} taken by a concurrent write (${context.uid} ${context.action}, attempt ${attempt}); trying again`);
          const documents = strapi.documents(context.uid as never) as unknown as Record<string, (p: unknown) => Promise<any>>;
          return retries.run({ call, attempt: attempt + 1 }, () => documents[context.action](original));
        }
      });
    } catch (error) {
      // Two writers choosing values waited for each other's locks in opposite orders, or a lock
      // was not granted in time: nothing was written, the client may try again.
      if (isWriteConflict(error)) {
        throw createError(409, 'another write was saving a document with the same slug or key at the same moment; save again');
      }
      throw error;
    }
  });
};
