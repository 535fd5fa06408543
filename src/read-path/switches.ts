/**
 * READ_PATH_OFF: a comma-separated list of the read path's cheap wins to leave out
 * (docs/architecture.md, "Read path: cheap wins (#15)"): `statement-cache`,
 * `permissions-cache`, `read-transactions`, `graphql-batch`, `security-once`, `quiet-logger`. For measuring each one against
 * Strapi's own behaviour, and as an escape hatch; unset in production.
 */
export type CheapWin = 'statement-cache' | 'permissions-cache' | 'read-transactions' | 'graphql-batch' | 'security-once' | 'quiet-logger';

export const readPathOff = (env: NodeJS.ProcessEnv = process.env): Set<string> =>
  new Set(
    (env.READ_PATH_OFF ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
  );

export const cheapWinEnabled = (win: CheapWin, env: NodeJS.ProcessEnv = process.env) => !readPathOff(env).has(win);
