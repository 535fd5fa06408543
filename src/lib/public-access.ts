/**
 * What the users-permissions Public role may do (docs/security.md, "Sign-up and the Public role").
 * A newsroom has no public accounts: anonymous clients read published articles, sources and
 * institutions, and the site's labels (GET /api/site), nothing else. PUBLIC_REGISTRATION=true
 * opens sign-up (and its login and password flows) for a deployment that wants reader accounts.
 */
export const PUBLIC_READ_TYPES = ['api::article.article', 'api::source.source', 'api::institution.institution'] as const;
export const PUBLIC_READ_ACTIONS = ['find', 'findOne'] as const;

/** Public actions of the app's APIs without a content type: GET /api/site (src/api/site). */
export const PUBLIC_API_ACTIONS = ['api::site.site.find'] as const;
/** The APIs those actions belong to: any other action of theirs is revoked from the Public role. */
const PUBLIC_APIS = ['api::site.'];

/** The users-permissions actions sign-up needs on the Public role (Strapi grants them by default). */
export const SIGN_UP_ACTIONS = [
  'callback',
  'connect',
  'forgotPassword',
  'resetPassword',
  'register',
  'emailConfirmation',
  'sendEmailConfirmation',
  'refresh',
].map((action) => `plugin::users-permissions.auth.${action}`);

const USERS_PERMISSIONS = 'plugin::users-permissions.';

export const publicRegistrationEnabled = (env: Record<string, string | undefined>) =>
  ['1', 'true', 'yes', 'on'].includes((env.PUBLIC_REGISTRATION ?? '').trim().toLowerCase());

/** True for the actions this project governs on the Public role (others are left to the admins). */
export const isGovernedAction = (action: string) =>
  action.startsWith(USERS_PERMISSIONS) || PUBLIC_READ_TYPES.some((uid) => action.startsWith(`${uid}.`)) || PUBLIC_APIS.some((prefix) => action.startsWith(prefix));

/**
 * The governed actions the Public role must hold, and which of `existing` to grant and revoke:
 * find/findOne on the three types, the site's labels, plus the sign-up actions when registration
 * is open. Other plugins' actions (e.g. `plugin::i18n.locales.listLocales`, GET /api/i18n/locales)
 * are not granted and left to the admins.
 */
export const planPublicPermissions = (existing: string[], { registration }: { registration: boolean }) => {
  const wanted = [
    ...PUBLIC_READ_TYPES.flatMap((uid) => PUBLIC_READ_ACTIONS.map((action) => `${uid}.${action}`)),
    ...PUBLIC_API_ACTIONS,
    ...(registration ? SIGN_UP_ACTIONS : []),
  ];
  const have = new Set(existing);
  return {
    wanted,
    grant: wanted.filter((action) => !have.has(action)),
    revoke: existing.filter((action) => isGovernedAction(action) && !wanted.includes(action)),
  };
};
