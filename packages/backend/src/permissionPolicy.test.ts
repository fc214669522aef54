import { AuthorizeResult, type PolicyDecision } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  kubePlatformClusterReadPermission,
  kubePlatformTenantDeletePermission,
} from '@kube-platform/plugin-kube-platform-common';
import { KubePlatformPermissionPolicy } from './permissionPolicy';

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
