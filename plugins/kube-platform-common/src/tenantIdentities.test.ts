import { tenantRoleOf, tenantRoleServiceAccountName } from './tenantIdentities';

const members = {
  admins: ['user:default/carol'],
  developers: ['group:default/team-alpha'],
  viewers: ['group:default/auditors'],
};

describe('tenantRoleOf', () => {
  it('gives the strongest role a requester holds', () => {
    const carol = {
      userEntityRef: 'user:default/carol',
      ownershipEntityRefs: ['user:default/carol', 'group:default/team-alpha'],
    };
    expect(tenantRoleOf({ members }, carol)).toBe('admin');
    const bob = {
      userEntityRef: 'user:default/bob',
      ownershipEntityRefs: ['user:default/bob', 'group:default/team-alpha', 'group:default/auditors'],
    };
    expect(tenantRoleOf({ members }, bob)).toBe('developer');
    const erin = {
      userEntityRef: 'user:default/erin',
      ownershipEntityRefs: ['group:default/auditors'],
    };
    expect(tenantRoleOf({ members }, erin)).toBe('viewer');
  });

  it('gives no role to someone outside the tenant, and admin to platform admins', () => {
    const dave = {
      userEntityRef: 'user:default/dave',
      ownershipEntityRefs: ['user:default/dave', 'group:default/team-beta'],
    };
    expect(tenantRoleOf({ members }, dave)).toBeUndefined();
    expect(tenantRoleOf({ members }, { ...dave, platformAdmin: true })).toBe('admin');
  });
});

describe('tenantRoleServiceAccountName', () => {
  it('names one identity per namespace and role', () => {
    expect(tenantRoleServiceAccountName({ namespace: 'team-alpha-prod' }, 'developer')).toBe(
      'team-alpha-prod-developer',
    );
  });
});
