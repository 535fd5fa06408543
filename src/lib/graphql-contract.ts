import { strings } from '@strapi/utils';

/**
 * Pure pieces of the GraphQL side of the content contract (docs/api.md, "GraphQL"; wired by
 * src/content-api/graphql-contract.ts): the default order of lists, a per-request batch loader,
 * and the table of enum spellings (REST value → GraphQL value) generated from the schemas.
 */

/**
 * Article lists are newest first unless the client sorts: the same order as REST
 * (src/api/article/middlewares/article-populate.ts; tests/integration/graphql-contract.test.ts
 * compares the two).
 */
// documentId last: two articles of one day published in the same millisecond (an import) keep one order on
// every page, on both databases, and the read model (src/read-model) sorts the same way.
export const ARTICLE_DEFAULT_SORT = ['date:desc', 'publishedAt:desc', 'documentId:asc'];

/** Whether a GraphQL `sort` argument sorts (the argument defaults to `[]`). */
export const sorts = (sort: unknown): boolean => {
  if (sort === undefined || sort === null || sort === '') return false;
  if (Array.isArray(sort)) return sort.some((item) => sorts(item));
  if (typeof sort === 'object') return Object.keys(sort).length > 0;
  return true;
};

/** The arguments with `sort` set to the default when the client did not sort. */
export const withDefaultSort = <T extends { sort?: unknown }>(args: T, sort: string[]): T => (sorts(args?.sort) ? args : { ...args, sort: [...sort] });

export interface BatchLoader<K, V> {
  /** The value of one key: keys asked for in the same turn of the event loop are fetched together, once per request. */
  load: (key: K) => Promise<V>;
}

/**
 * A DataLoader-like batcher: `load` calls made while resolving one level of a GraphQL result
 * (one turn of the event loop) go to `fetch` together, and a key is fetched once for the
 * loader's lifetime (one request). `fetch` returns the values by cache key; a key it leaves out
 * gets `missing`. A failed fetch rejects its keys and forgets them.
 */
export const createBatchLoader = <K, V>({
  cacheKey,
  fetch,
  missing,
}: {
  cacheKey: (key: K) => string;
  fetch: (keys: K[]) => Promise<Map<string, V>>;
  missing: () => V;
}): BatchLoader<K, V> => {
  const cache = new Map<string, Promise<V>>();
  let queue: Array<{ id: string; key: K; resolve: (value: V) => void; reject: (error: unknown) => void }> = [];

  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      const values = await fetch(batch.map((item) => item.key));
      for (const item of batch) item.resolve(values.has(item.id) ? values.get(item.id)! : missing());
    } catch (error) {
      for (const item of batch) {
        cache.delete(item.id);
        item.reject(error);
      }
    }
  };

  return {
    load(key: K) {
      const id = cacheKey(key);
      const cached = cache.get(id);
      if (cached) return cached;
      const promise = new Promise<V>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ id, key, resolve, reject });
      });
      cache.set(id, promise);
      return promise;
    },
  };
};

/** GraphQL's spelling of an enumeration value (Strapi's shadow CRUD: `zh-Hans` → `zh_Hans`). */
export const graphqlEnumValue = (value: string): string => strings.toRegressedEnumValue(value);

/** The GraphQL enum type of an attribute (Strapi's naming: ENUM_<TYPE NAME>_<ATTRIBUTE>). */
export const graphqlEnumName = (typeName: string, attribute: string): string => `ENUM_${typeName.toUpperCase()}_${attribute.toUpperCase()}`;

export interface EnumModel {
  /** how the table names the model: `Article`, `reprint (attribution.reprint)` */
  label: string;
  /** its GraphQL type name: `Article`, `ComponentAttributionReprint` */
  typeName: string;
  attributes: Record<string, { type?: string; enum?: readonly string[]; enumName?: string }>;
}

export interface EnumRow {
  field: string;
  graphqlType: string;
  values: Array<{ rest: string; graphql: string }>;
}

/** Every enumeration attribute of the models, in the order given, with both spellings of each value. */
export const enumRows = (models: EnumModel[]): EnumRow[] =>
  models.flatMap((model) =>
    Object.entries(model.attributes)
      .filter(([, attribute]) => attribute.type === 'enumeration' && Array.isArray(attribute.enum))
      .map(([name, attribute]) => ({
        field: `${model.label}.${name}`,
        graphqlType: attribute.enumName ?? graphqlEnumName(model.typeName, name),
        values: attribute.enum!.map((value) => ({ rest: value, graphql: graphqlEnumValue(value) })),
      }))
  );

export const ENUM_TABLE_START = '<!-- graphql-enums:start (generated from the schemas; tests/unit/graphql-contract.test.ts compares) -->';
export const ENUM_TABLE_END = '<!-- graphql-enums:end -->';

/** The Markdown table of docs/api.md, "GraphQL": each enum with its values, `REST → GraphQL` where they differ. */
export const enumTableMarkdown = (rows: EnumRow[]): string =>
  [
    '| field | GraphQL enum type | values: REST (JSON, filters) → GraphQL (enum output and input) where they differ |',
    '| --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.field}\` | \`${row.graphqlType}\` | ${row.values
          .map((value) => (value.rest === value.graphql ? `\`${value.rest}\`` : `\`${value.rest}\` → \`${value.graphql}\``))
          .join(', ')} |`
    ),
  ].join('\n');

/** The generated table as it stands in a Markdown document (between the markers), or null. */
export const enumTableIn = (markdown: string): string | null => {
  const start = markdown.indexOf(ENUM_TABLE_START);
  const end = markdown.indexOf(ENUM_TABLE_END);
  if (start < 0 || end < start) return null;
  return markdown.slice(start + ENUM_TABLE_START.length, end).trim();
};
