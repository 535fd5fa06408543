import { isGovernedAction, planPublicPermissions, publicRegistrationEnabled, SIGN_UP_ACTIONS } from '../../src/lib/public-access';

const READS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::source.source.find',
  'api::source.source.findOne',
  'api::institution.institution.find',
  'api::institution.institution.findOne',
  // GET /api/site: the locales and the names of sections and kinds
  'api::site.site.find',
];

describe('planPublicPermissions', () => {
  it('grants the reads and revokes Strapi’s default sign-up actions', () => {
    const plan = planPublicPermissions([...SIGN_UP_ACTIONS, 'api::article.article.find'], { registration: false });
    expect(plan.grant).toEqual(READS.filter((a) => a !== 'api::article.article.find'));
    expect(plan.revoke).toEqual(SIGN_UP_ACTIONS);
  });

  it('revokes writes on the newsroom types and any users-permissions action, and leaves other plugins alone', () => {
    const plan = planPublicPermissions([...READS, 'api::source.source.delete', 'plugin::users-permissions.user.find', 'plugin::upload.content-api.find'], { registration: false });
    expect(plan).toMatchObject({ grant: [], revoke: ['api::source.source.delete', 'plugin::users-permissions.user.find'] });
  });

  it('with registration open, keeps and grants the sign-up actions', () => {
    const plan = planPublicPermissions(READS, { registration: true });
    expect(plan.grant).toEqual(SIGN_UP_ACTIONS);
    expect(planPublicPermissions([...READS, ...SIGN_UP_ACTIONS], { registration: true })).toMatchObject({ grant: [], revoke: [] });
  });

  it('grants the site labels (GET /api/site) to a role that had only the content reads', () => {
    const plan = planPublicPermissions(READS.filter((action) => action !== 'api::site.site.find'), { registration: false });
    expect(plan).toMatchObject({ grant: ['api::site.site.find'], revoke: [] });
    expect(plan.wanted).toEqual(READS);
  });

  it('revokes any other action of the site API, and leaves the i18n locale list to the admins', () => {
    const plan = planPublicPermissions([...READS, 'api::site.site.update', 'plugin::i18n.locales.listLocales'], { registration: false });
    expect(plan).toMatchObject({ grant: [], revoke: ['api::site.site.update'] });
    expect(isGovernedAction('api::site.site.find')).toBe(true);
    expect(isGovernedAction('plugin::i18n.locales.listLocales')).toBe(false);
    // Nothing grants it: GET /api/i18n/locales stays closed to the public unless an admin opens it.
    expect(planPublicPermissions([], { registration: false }).grant).not.toContain('plugin::i18n.locales.listLocales');
    expect(planPublicPermissions([], { registration: true }).grant).not.toContain('plugin::i18n.locales.listLocales');
  });

  it('reads PUBLIC_REGISTRATION', () => {
    expect(publicRegistrationEnabled({})).toBe(false);
    expect(publicRegistrationEnabled({ PUBLIC_REGISTRATION: 'false' })).toBe(false);
    expect(publicRegistrationEnabled({ PUBLIC_REGISTRATION: ' TRUE ' })).toBe(true);
  });
});
