import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';

import { boundedCopy, ERROR_BOUNDS, truncate } from '../lib/error-bounds';
import { estimateResultValues, type GraphqlLimits } from '../lib/graphql-limits';
import { describeInputExcess, findInputExcess, type InputLimits } from '../lib/input-limits';

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/**
 * Before execution: refuses variables past the body limits, and a query whose result could
 * hold more than `maxResultValues` values once each list is counted at the number of items it
 * may return (lib/graphql-limits). A 400, and nothing has run.
 */
const resultSizePlugin = (limits: GraphqlLimits, variableLimits: InputLimits) => ({
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document, operation, schema }: any) {
        const excess = findInputExcess(request.variables, variableLimits);
        if (excess) throw refuse(describeInputExcess(excess, 'variables'));
        const values = estimateResultValues(schema, document, operation, request.variables, limits, limits.maxResultValues);
        if (values > limits.maxResultValues) {
          throw refuse(
            `Result size limit of ${limits.maxResultValues} values exceeded (each list counted at its pagination limit, ` +
              `${limits.defaultLimit} when not given, at most ${limits.maxLimit}): ask for fewer items or fewer fields`
          );
        }
      },
    };
  },
});

const DROPPED_EXTENSIONS = ['stacktrace', 'exception', 'originalError'];

/**
 * Every GraphQL error leaves with a bounded message (no echo of the query or of a value) and
 * bounded extensions with no stack trace, whatever NODE_ENV says.
 */
const boundedErrorsPlugin = () => ({
  async requestDidStart() {
    return {
      async willSendResponse({ response }: any) {
        const result = response.body?.kind === 'single' ? response.body.singleResult : response.body?.initialResult;
        if (!result?.errors) return;
        result.errors = result.errors.slice(0, 20).map((error: any) => {
          const extensions = { ...(error.extensions ?? {}) };
          for (const key of DROPPED_EXTENSIONS) delete extensions[key];
          return {
            ...error,
            message: truncate(String(error.message ?? ''), ERROR_BOUNDS.maxMessage),
            extensions: boundedCopy(extensions),
          };
        });
      },
    };
  },
});

/**
 * The `apolloServer` part of the GraphQL plugin's config (config/plugins.ts). Strapi concatenates
 * its `plugins` and `validationRules` with its own (landing page, root-query arguments, depth
 * limit), so these add to them. Query depth is limited twice on purpose: by Strapi's depthLimit
 * (same value) and by Armor, which also counts fragments.
 */
export const apolloServerConfig = (limits: GraphqlLimits, variableLimits: InputLimits, { introspection }: { introspection: boolean }) => {
  const armor = new ApolloArmor({
    maxAliases: { n: limits.maxAliases },
    maxDepth: { n: limits.maxDepth },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    // Armor's token check runs in a hook whose error Apollo 4 answers with a 500; graphql-js's own
    // parser limit (parseOptions below) is the same check and answers with a 400.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: !introspection },
  }).protect();
  return {
    introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, resultSizePlugin(limits, variableLimits), boundedErrorsPlugin()],
  };
};
