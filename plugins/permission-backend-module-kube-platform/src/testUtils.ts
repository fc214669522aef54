/**
 * Test utilities: the permissions service answering with the real policy,
 * for integration tests that must not grant every permission.
 *
 * @packageDocumentation
 */

import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { KubePlatformPermissionPolicy } from './KubePlatformPermissionPolicy';

/** Who belongs where (user ref → ownership refs), as the catalog would resolve it. */
export type DemoMembership = Record<string, string[]>;

/** The demo organisation of `examples/org.yaml`. */
export const DEMO_MEMBERSHIP: DemoMembership = {
  'user:default/alice': ['user:default/alice', 'group:default/platform-team'],
  'user:default/bob': ['user:default/bob', 'group:default/team-alpha'],
  'user:default/dave': ['user:default/dave', 'group:default/team-beta'],
};

/**
 * The permissions service deciding with the real deny-by-default policy, as the
 * permission backend would ask it. Only identity (ownership refs) is supplied,
 * never a decision.
 */
export function realPolicyPermissionsFactory(
  membership: DemoMembership = DEMO_MEMBERSHIP,
  platformAdminGroups = ['group:default/platform-team'],
) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory() {
      const policy = new KubePlatformPermissionPolicy({ platformAdminGroups });
      const decide = (permission: any, credentials: any) => {
        // As Backstage's own permissions service does: calls made with a
        // plugin's service credentials are allowed without asking the policy.
        if (credentials.principal?.type === 'service') {
          return { result: AuthorizeResult.ALLOW };
        }
        const userEntityRef = credentials.principal?.userEntityRef;
        const user = userEntityRef
          ? ({
              info: {
                userEntityRef,
                ownershipEntityRefs: membership[userEntityRef] ?? [
                  userEntityRef,
                ],
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
}

/** The user info service with the same membership, for code that asks who the user is. */
export function membershipUserInfoFactory(
  membership: DemoMembership = DEMO_MEMBERSHIP,
) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: any) {
        const userEntityRef = credentials.principal.userEntityRef;
        return {
          userEntityRef,
          ownershipEntityRefs: membership[userEntityRef] ?? [userEntityRef],
        };
      },
    }),
  });
}
