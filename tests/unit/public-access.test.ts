import { planPublicPermissions, publicRegistrationEnabled, SIGN_UP_ACTIONS } from '../../src/lib/public-access';

const READS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::source.source.find',
  'api::source.source.findOne',
  'api::institution.institution.find',
  'api::institution.institution.findOne',
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

  it('reads PUBLIC_REGISTRATION', () => {
    expect(publicRegistrationEnabled({})).toBe(false);
    expect(publicRegistrationEnabled({ PUBLIC_REGISTRATION: 'false' })).toBe(false);
    expect(publicRegistrationEnabled({ PUBLIC_REGISTRATION: ' TRUE ' })).toBe(true);
  });
});
