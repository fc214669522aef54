import { AuthorizeResult, type PolicyDecision } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  kubePlatformClusterReadPermission,
  kubePlatformTenantDeletePermission,
  kubePlatformTenantReadPermission,
} from '@kube-platform/plugin-kube-platform-common';
import { KubePlatformPermissionPolicy, tenantOwnerRule } from './permissionPolicy';

function user(ownershipEntityRefs: string[]): PolicyQueryUser {
  return {
    info: { userEntityRef: 'user:default/someone', ownershipEntityRefs },
  } as PolicyQueryUser;
}

describe('KubePlatformPermissionPolicy', () => {
  const denyTenantDelete = jest.fn((request: any): PolicyDecision | undefined =>
    request.permission.name === 'kube-platform.tenant.delete'
      ? { result: AuthorizeResult.DENY }
      : undefined,
  );
  const policy = new KubePlatformPermissionPolicy({
    platformAdminGroups: ['group:default/platform-team'],
    rules: [denyTenantDelete],
  });

  it('lets platform admins do anything without consulting rules', async () => {
    denyTenantDelete.mockClear();
    const decision = await policy.handle(
      { permission: kubePlatformTenantDeletePermission },
      user(['user:default/alice', 'group:default/platform-team']),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
    expect(denyTenantDelete).not.toHaveBeenCalled();
  });

  it('applies rules to everyone else', async () => {
    const decision = await policy.handle(
      { permission: kubePlatformTenantDeletePermission },
      user(['user:default/bob', 'group:default/team-alpha']),
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('allows what no rule decides', async () => {
    const decision = await policy.handle(
      { permission: kubePlatformClusterReadPermission },
      user(['group:default/team-beta']),
    );
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });
});

describe('tenantOwnerRule', () => {
  const policy = new KubePlatformPermissionPolicy({
    platformAdminGroups: ['group:default/platform-team'],
    rules: [tenantOwnerRule],
  });

  it('makes tenant deletion conditional on the owner group', async () => {
    const decision = await policy.handle(
      { permission: kubePlatformTenantDeletePermission },
      user(['user:default/bob', 'group:default/team-alpha']),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'kube-platform',
      resourceType: 'kube-platform-tenant',
      conditions: {
        rule: 'IS_TENANT_OWNER_MEMBER',
        resourceType: 'kube-platform-tenant',
        params: { claims: ['user:default/bob', 'group:default/team-alpha'] },
      },
    });
  });

  it('leaves reading tenants and clusters open', async () => {
    for (const permission of [kubePlatformTenantReadPermission, kubePlatformClusterReadPermission]) {
      const decision = await policy.handle({ permission }, user(['group:default/team-beta']));
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });
});
