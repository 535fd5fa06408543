import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

import { newsroomLocales } from './locales';

/**
 * The limits every GraphQL request must stay under (docs/security.md, "Cost and size limits").
 * Aliases, depth, tokens, directives and static cost are GraphQL Armor's; the per-list amount
 * is Strapi's own maxLimit. `maxResultValues` bounds what none of those bound: how much data a
 * query may ask for once every list is multiplied by the number of items it may return.
 */
export interface GraphqlLimits {
  maxAliases: number;
  maxDepth: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  defaultLimit: number;
  maxLimit: number;
  maxResultValues: number;
}

export const GRAPHQL_LIMIT_DEFAULTS: GraphqlLimits = {
  maxAliases: 5,
  maxDepth: 7,
  maxTokens: 1000,
  maxDirectives: 20,
  maxCost: 5000,
  defaultLimit: 25,
  maxLimit: 100,
  maxResultValues: 20000,
};

const ENV_NAMES: Record<keyof GraphqlLimits, string> = {
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  maxDepth: 'GRAPHQL_MAX_DEPTH',
  maxTokens: 'GRAPHQL_MAX_TOKENS',
  maxDirectives: 'GRAPHQL_MAX_DIRECTIVES',
  maxCost: 'GRAPHQL_MAX_COST',
  defaultLimit: 'GRAPHQL_DEFAULT_LIMIT',
  maxLimit: 'GRAPHQL_MAX_LIMIT',
  maxResultValues: 'GRAPHQL_MAX_RESULT_VALUES',
};

/** The limits from the environment (each a positive whole number; defaults above). */
export const graphqlLimits = (env: Record<string, string | undefined> = process.env): GraphqlLimits => {
  const limits = { ...GRAPHQL_LIMIT_DEFAULTS };
  for (const key of Object.keys(ENV_NAMES) as Array<keyof GraphqlLimits>) {
    const raw = env[ENV_NAMES[key]]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${ENV_NAMES[key]} must be a whole number, at least 1 (got "${raw}")`);
    limits[key] = value;
  }
  if (limits.defaultLimit > limits.maxLimit) {
    throw new Error(`GRAPHQL_DEFAULT_LIMIT (${limits.defaultLimit}) must not exceed GRAPHQL_MAX_LIMIT (${limits.maxLimit})`);
  }
  return limits;
};

type Variables = Record<string, unknown> | undefined;

/**
 * A JSON value (an article's rich-text body, its attribution with credit lines and JSON-LD) is a
 * document of its own, computed or parsed per item, not one value: it counts as 50, so that a
 * query cannot ask for a thousand bodies and attributions at the price of a thousand titles.
 */
export const JSON_VALUE_WEIGHT = 50;

/**
 * A Strapi document (an object with a `documentId`: an article, a source, an institution) is
 * loaded whole, with its components, whatever fields are asked: it counts as 20 values. Measured
 * (tests/integration/graphql-limits.test.ts): 50–150 KB of heap per article while it is served.
 */
export const DOCUMENT_VALUE_WEIGHT = 20;

/** Filters on these fields with `eq` match one document per locale (unique keys). */
const UNIQUE_FIELDS = new Set(['documentId', 'key', 'slug']);

/**
 * At most this many items, paginated or not, by what the list holds: a document has one edition
 * per locale (`localizations`: the others; `languages`: all; `alternates`: all and x-default).
 */
export const listCaps = (localeCount = newsroomLocales().length): Record<string, number> => ({
  localizations: Math.max(1, localeCount - 1),
  languages: localeCount,
  alternates: localeCount + 1,
});

const valueOf = (node: ValueNode | undefined, variables: Variables): unknown => {
  if (!node) return undefined;
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.INT:
      return Number(node.value);
    case Kind.STRING:
      return node.value;
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, valueOf(field.value, variables)]));
    default:
      return undefined;
  }
};

/**
 * How many items a paginated field may return, as Strapi will apply it: `limit` or `pageSize`
 * (capped at maxLimit; -1 means maxLimit), defaultLimit when neither is given. A value it cannot
 * know (a variable not sent, a malformed one) counts as maxLimit.
 */
export const itemsOf = (field: FieldNode, variables: Variables, limits: Pick<GraphqlLimits, 'defaultLimit' | 'maxLimit'>): number => {
  const counted = paginatedItems(field, variables, limits);
  const cap = listCaps()[field.name.value] ?? Number.POSITIVE_INFINITY;
  return Math.min(counted, cap, matchesOneDocument(field, variables) ? 1 : Number.POSITIVE_INFINITY);
};

/** `filters: { key: { eq: "…" } }` (or documentId, slug) at the top of the filters. */
const matchesOneDocument = (field: FieldNode, variables: Variables) => {
  const filters = valueOf(field.arguments?.find((arg) => arg.name.value === 'filters')?.value, variables);
  if (!filters || typeof filters !== 'object') return false;
  return Object.entries(filters as Record<string, unknown>).some(
    ([name, condition]) => UNIQUE_FIELDS.has(name) && typeof condition === 'object' && condition !== null && typeof (condition as { eq?: unknown }).eq === 'string'
  );
};

const paginatedItems = (field: FieldNode, variables: Variables, limits: Pick<GraphqlLimits, 'defaultLimit' | 'maxLimit'>): number => {
  const argument = field.arguments?.find((arg) => arg.name.value === 'pagination');
  const pagination = valueOf(argument?.value, variables);
  if (argument && pagination === undefined && argument.value.kind !== Kind.VARIABLE) return limits.maxLimit;
  if (pagination === undefined || pagination === null) return limits.defaultLimit;
  if (typeof pagination !== 'object') return limits.maxLimit;
  const { limit, pageSize } = pagination as { limit?: unknown; pageSize?: unknown };
  const asked = limit ?? pageSize;
  if (asked === undefined || asked === null) return 'limit' in pagination || 'pageSize' in pagination ? limits.maxLimit : limits.defaultLimit;
  if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 0 || asked > limits.maxLimit) return limits.maxLimit;
  return asked;
};

/**
 * An upper bound on the number of values (objects and scalars) a query's result can hold: every
 * field counts one (a JSON value JSON_VALUE_WEIGHT, each document DOCUMENT_VALUE_WEIGHT), times the items of each paginated list above it. The `nodes` of a
 * connection count once (the connection counted its items); any other list without pagination
 * counts as maxLimit items (or its cap: listCaps). Walks with an explicit stack.
 */
export const estimateResultValues = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
  limits: Pick<GraphqlLimits, 'defaultLimit' | 'maxLimit'>,
  stopAbove = Number.POSITIVE_INFINITY
): number => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;

  let total = 0;
  const stack: Array<{ selections: SelectionSetNode; type: GraphQLNamedType; multiplier: number; seen: Set<string> }> = [
    { selections: operation.selectionSet, type: root, multiplier: 1, seen: new Set() },
  ];
  while (stack.length > 0) {
    const { selections, type, multiplier, seen } = stack.pop()!;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? type : type;
        stack.push({ selections: selection.selectionSet, type: narrowed, multiplier, seen });
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // Validation has already refused cycles; `seen` only guards this walk against them.
        if (!fragment || seen.has(fragment.name.value)) continue;
        const narrowed = schema.getType(fragment.typeCondition.name.value) ?? type;
        stack.push({ selections: fragment.selectionSet, type: narrowed, multiplier, seen: new Set([...seen, fragment.name.value]) });
        continue;
      }
      const definition: GraphQLField<unknown, unknown> | undefined =
        isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      const named = definition ? getNamedType(definition.type) : undefined;
      const isJson = named?.name === 'JSON';
      const isDocument = named !== undefined && isObjectType(named) && 'documentId' in named.getFields();
      const paginated = definition?.args.some((arg) => arg.name === 'pagination') ?? false;
      const isList = definition ? isListType(getNullableType(definition.type)) : false;
      // A connection counted its items; its `nodes` list holds them.
      const connectionNodes = selection.name.value === 'nodes' && /ResponseCollection$/.test(type.name);
      const items = !selection.selectionSet
        ? 1
        : paginated
          ? itemsOf(selection, variables, limits)
          : isList && !connectionNodes
            ? Math.min(limits.maxLimit, listCaps()[selection.name.value] ?? limits.maxLimit)
            : 1;
      total += multiplier * (isJson ? JSON_VALUE_WEIGHT : isDocument ? DOCUMENT_VALUE_WEIGHT * items : 1);
      if (total > stopAbove) return total;
      if (!selection.selectionSet) continue;
      const child = definition ? getNamedType(definition.type) : type;
      stack.push({ selections: selection.selectionSet, type: child, multiplier: multiplier * items, seen });
    }
  }
  return total;
};

const switchOf = (raw: string | undefined, fallback: boolean) => {
  const value = (raw ?? '').trim().toLowerCase();
  if (value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value);
};

/**
 * Introspection and the sandbox (landing page): for developers, so on unless NODE_ENV is
 * production; GRAPHQL_INTROSPECTION / GRAPHQL_PLAYGROUND (true/false) decide when set and not empty.
 */
export const graphqlSwitches = (env: Record<string, string | undefined> = process.env) => {
  const development = env.NODE_ENV !== 'production';
  return { introspection: switchOf(env.GRAPHQL_INTROSPECTION, development), playground: switchOf(env.GRAPHQL_PLAYGROUND, development) };
};
