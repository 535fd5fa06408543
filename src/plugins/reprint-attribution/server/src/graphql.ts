import type { Core } from '@strapi/strapi';

import { summaryOf, type Attribution } from './domain';
import { attributableTypes, getService } from './utils';

type Row = Record<string, any>;
interface Pending {
  uid: string;
  parent: Row;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Resolving `attribution` field by field would cost a query per item. Each GraphQL request gets
 * a batch: the fields asked in one tick are computed together (one query per content type).
 */
const createBatch = (strapi: Core.Strapi) => {
  let queue: Pending[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    const groups = new Map<string, Pending[]>();
    for (const item of batch) {
      const key = `${item.uid}|${item.parent.publishedAt ? 'published' : 'draft'}`;
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    for (const [key, items] of groups) {
      const [uid, status] = key.split('|');
      try {
        const results = await getService(strapi, 'attribution').ofResponseItems(
          uid,
          items.map((item) => item.parent),
          { drafts: status === 'draft' }
        );
        for (const item of items) item.resolve(results.get(item.parent) ?? null);
      } catch (error) {
        for (const item of items) item.reject(error);
      }
    }
  };
  return {
    load(uid: string, parent: Row) {
      return new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ uid, parent, resolve, reject });
      });
    },
  };
};

/** Adds `attribution: JSON` to the GraphQL type of every attributable content type. */
export const registerGraphql = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const batches = new WeakMap<object, ReturnType<typeof createBatch>>();
  const batchFor = (context: Row) => {
    const key = context?.koaContext ?? context;
    let batch = batches.get(key);
    if (!batch) {
      batch = createBatch(strapi);
      batches.set(key, batch);
    }
    return batch;
  };

  graphql.service('extension').use(({ nexus }: any) => {
    const { naming } = graphql.service('utils');
    return {
      types: Object.keys(attributableTypes(strapi)).map((uid) =>
        nexus.extendType({
          type: naming.getTypeName(strapi.contentType(uid as never)),
          definition(t: any) {
            t.field('attribution', {
              type: 'JSON',
              description:
                'Credit line, JSON-LD (jsonLd, and jsonLdScript: the same JSON escaped to write into a <script> element as is), canonical/robots policy and completeness of this version (reprint-attribution). With summary: true, what a list teaser needs: { isReprint, creditLine, canonicalUrl }, as REST lists carry it.',
              args: { summary: nexus.booleanArg({ default: false, description: 'only { isReprint, creditLine, canonicalUrl }' }) },
              resolve: async (parent: Row, args: { summary?: boolean | null }, context: Row) => {
                const attribution = (await batchFor(context).load(uid, parent)) as Attribution | null;
                return attribution && args?.summary ? summaryOf(attribution) : attribution;
              },
            });
          },
        })
      ),
    };
  });
};
