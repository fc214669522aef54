import type { Entity } from '@backstage/catalog-model';
import {
  DEMO_MEMBERSHIP,
  membershipUserInfoFactory as membershipUserInfo,
  realPolicyPermissionsFactory as realPolicyPermissions,
} from '@kube-platform/plugin-permission-backend-module-kube-platform/testUtils';

/** Who belongs where in the demo organisation, as the catalog resolves ownership refs. */
export const MEMBERSHIP = DEMO_MEMBERSHIP;

/** The permissions service answering with the real deny-by-default policy. */
export const realPolicyPermissionsFactory = realPolicyPermissions();

/** The catalog's view of who belongs where, for the kubeconfig role. */
export const membershipUserInfoFactory = membershipUserInfo();

/** A Group entity of the demo organisation. */
export function groupEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}
