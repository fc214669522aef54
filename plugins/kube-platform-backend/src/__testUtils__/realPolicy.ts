import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { KubePlatformPermissionPolicy } from '@kube-platform/plugin-permission-backend-module-kube-platform';

/** Who belongs where in the demo organisation, as the catalog resolves ownership refs. */
export const MEMBERSHIP: Record<string, string[]> = {
  'user:default/alice': ['user:default/alice', 'group:default/platform-team'],
  'user:default/bob': ['user:default/bob', 'group:default/team-alpha'],
  'user:default/dave': ['user:default/dave', 'group:default/team-beta'],
};

function ownershipOf(userEntityRef: string) {
  return MEMBERSHIP[userEntityRef] ?? [userEntityRef];
}

/**
 * The permissions service answering with the real deny-by-default policy, as the
 * permission backend would ask it. Only identity (the catalog's resolution of
 * ownership refs) is supplied here, never a decision.
 */
export const realPolicyPermissionsFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory() {
    const policy = new KubePlatformPermissionPolicy({
      platformAdminGroups: ['group:default/platform-team'],
    });
    const decide = (permission: any, credentials: any) => {
      const userEntityRef = credentials.principal?.userEntityRef;
      const user = userEntityRef
        ? ({
            info: {
              userEntityRef,
              ownershipEntityRefs: ownershipOf(userEntityRef),
            },
          } as PolicyQueryUser)
        : undefined;
      return policy.handle({ permission }, user);
    };
    return {
      authorize: async (requests: any[], { credentials }: any) =>
        Promise.all(
          requests.map(r => decide(r.permission, credentials) as any),
        ),
      authorizeConditional: async (requests: any[], { credentials }: any) =>
        Promise.all(requests.map(r => decide(r.permission, credentials))),
    } as any;
  },
});

/** The catalog's view of who belongs where, for the kubeconfig role. */
export const membershipUserInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      return { userEntityRef, ownershipEntityRefs: ownershipOf(userEntityRef) };
    },
  }),
});

/** A Group entity of the demo organisation. */
export function groupEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}
