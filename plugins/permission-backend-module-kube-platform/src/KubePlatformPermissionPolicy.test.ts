import {
  AuthorizeResult,
  createPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubePlatformClusterReadPermission,
  kubePlatformFederationCreatePermission,
  kubePlatformFederationDeletePermission,
  kubePlatformFederationReadPermission,
  kubePlatformFederationUpdatePermission,
  kubePlatformKubeconfigReadPermission,
  kubePlatformCostReadPermission,
  kubePlatformTenantCreatePermission,
  kubePlatformTenantElevatePermission,
  kubePlatformTenantHistoryReadPermission,
  kubePlatformTenantReadPermission,
} from '@kube-platform/plugin-kube-platform-common';
import {
  isFederatedAppAuthorized,
  isTenantAuthorized,
} from '@kube-platform/plugin-kube-platform-node';
import { KubePlatformPermissionPolicy } from './KubePlatformPermissionPolicy';

function person(name: string, group: string): PolicyQueryUser {
  const userEntityRef = `user:default/${name}`;
  return {
    identity: {
      type: 'user',
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, `group:default/${group}`],
    },
    info: {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, `group:default/${group}`],
    },
    token: 'unused',
    credentials: {} as any,
  } as unknown as PolicyQueryUser;
}

const alice = person('alice', 'platform-team');
const bob = person('bob', 'team-alpha');
const dave = person('dave', 'team-beta');
const alphaTenant = {
  cluster: 'cluster-1',
  name: 'team-alpha-prod',
  owner: 'group:default/team-alpha',
};

const policy = new KubePlatformPermissionPolicy({
  platformAdminGroups: ['group:default/platform-team'],
});

/** Resolves a decision the way our backend does: ALLOW, or CONDITIONAL applied to the tenant. */
function allowedOnTenant(decision: PolicyDecision) {
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return isTenantAuthorized(decision, alphaTenant);
  }
  return decision.result === AuthorizeResult.ALLOW;
}

describe('KubePlatformPermissionPolicy', () => {
  it.each([
    [
      'kube-platform.cluster.read',
      kubePlatformClusterReadPermission,
      true,
      true,
    ],
    ['kube-platform.tenant.read', kubePlatformTenantReadPermission, true, true],
    ['catalog.entity.read', catalogEntityReadPermission, true, true],
  ])('lets every signed-in user %s', async (_, permission, forBob, forDave) => {
    for (const [user, expected] of [
      [alice, true],
      [bob, forBob],
      [dave, forDave],
    ] as const) {
      const decision = await policy.handle({ permission }, user);
      expect(decision.result === AuthorizeResult.ALLOW).toBe(expected);
    }
  });

  it.each([
    ['tenant.create', kubePlatformTenantCreatePermission],
    ['tenant.history.read', kubePlatformTenantHistoryReadPermission],
    ['kubeconfig.read', kubePlatformKubeconfigReadPermission],
    ['cost.read', kubePlatformCostReadPermission],
  ])(
    'gives %s on a tenant to its owner group and platform admins only',
    async (_, permission) => {
      expect(allowedOnTenant(await policy.handle({ permission }, alice))).toBe(
        true,
      );
      expect(allowedOnTenant(await policy.handle({ permission }, bob))).toBe(
        true,
      );
      expect(allowedOnTenant(await policy.handle({ permission }, dave))).toBe(
        false,
      );
    },
  );

  it('gives federated-app changes to the owner group and reading to everyone signed in', async () => {
    const app = {
      namespace: 'team-alpha-prod',
      name: 'web',
      owner: 'group:default/team-alpha',
    };
    const onApp = (decision: PolicyDecision) =>
      decision.result === AuthorizeResult.CONDITIONAL
        ? isFederatedAppAuthorized(decision, app)
        : decision.result === AuthorizeResult.ALLOW;
    for (const permission of [
      kubePlatformFederationCreatePermission,
      kubePlatformFederationUpdatePermission,
      kubePlatformFederationDeletePermission,
    ]) {
      expect(onApp(await policy.handle({ permission }, alice))).toBe(true);
      expect(onApp(await policy.handle({ permission }, bob))).toBe(true);
      expect(onApp(await policy.handle({ permission }, dave))).toBe(false);
    }
    const read = await policy.handle(
      { permission: kubePlatformFederationReadPermission },
      dave,
    );
    expect(read.result).toBe(AuthorizeResult.ALLOW);
  });

  it('keeps elevation, the stock proxy and location registration for platform admins', async () => {
    const proxy = createPermission({
      name: 'kubernetes.proxy',
      attributes: {},
    });
    for (const permission of [
      kubePlatformTenantElevatePermission,
      proxy,
      catalogLocationCreatePermission,
    ]) {
      expect((await policy.handle({ permission }, alice)).result).toBe(
        AuthorizeResult.ALLOW,
      );
      expect((await policy.handle({ permission }, bob)).result).toBe(
        AuthorizeResult.DENY,
      );
      expect((await policy.handle({ permission }, dave)).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });

  it('lets owners unregister their own catalog entities only (a catalog condition)', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      bob,
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/bob', 'group:default/team-alpha'] },
      },
    });
  });

  it('denies what no rule allows, and requests without a user', async () => {
    const unknown = createPermission({
      name: 'some-plugin.thing.delete',
      attributes: {},
    });
    expect((await policy.handle({ permission: unknown }, bob)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await policy.handle({ permission: unknown }, alice)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(
      (await policy.handle({ permission: kubePlatformClusterReadPermission }))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });
});
