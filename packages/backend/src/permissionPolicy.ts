import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { KUBE_PLATFORM_TENANT_RESOURCE_TYPE } from '@kube-platform/plugin-kube-platform-common';
import {
  createKubePlatformTenantConditionalDecision,
  kubePlatformTenantConditions,
} from '@kube-platform/plugin-kube-platform-node';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * Decides one kind of permission. Returning `undefined` defers to the next rule;
 * owner-based conditional decisions for tenants plug in here.
 */
export type PolicyRule = (
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
) => PolicyDecision | undefined;

/**
 * The demo's permission policy. Platform admins may do anything; then each rule in
 * order may decide; what no rule decides is allowed.
 */
export class KubePlatformPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: { platformAdminGroups: string[]; rules?: PolicyRule[] },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownership = user?.info.ownershipEntityRefs ?? [];
    if (ownership.some(ref => this.options.platformAdminGroups.includes(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    for (const rule of this.options.rules ?? []) {
      const decision = rule(request, user);
      if (decision) {
        return decision;
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * Tenants belong to their owner group: creating, changing, deleting them and
 * reading their kubeconfig is allowed to members of that group only. Reading
 * tenants and quota stays open, like the catalog.
 */
export const tenantOwnerRule: PolicyRule = (request, user) => {
  if (
    !isResourcePermission(request.permission, KUBE_PLATFORM_TENANT_RESOURCE_TYPE) ||
    request.permission.name === 'kube-platform.tenant.read'
  ) {
    return undefined;
  }
  return createKubePlatformTenantConditionalDecision(
    request.permission,
    kubePlatformTenantConditions.isTenantOwnerMember({
      claims: user?.info.ownershipEntityRefs ?? [],
    }),
  );
};

/** Installs {@link KubePlatformPermissionPolicy} as the permission backend's policy. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'kube-platform-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new KubePlatformPermissionPolicy({
            platformAdminGroups:
              config.getOptionalStringArray('kubePlatform.platformAdminGroups') ?? [],
            rules: [tenantOwnerRule],
          }),
        );
      },
    });
  },
});
