import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE,
  KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
  kubePlatformFederationReadPermission,
  kubePlatformClusterReadPermission,
  kubePlatformCostReadPermission,
  kubePlatformKubeconfigReadPermission,
  kubePlatformTenantCreatePermission,
  kubePlatformTenantDeletePermission,
  kubePlatformTenantElevatePermission,
  kubePlatformTenantHistoryReadPermission,
  kubePlatformTenantReadPermission,
  kubePlatformTenantUpdatePermission,
} from '@kube-platform/plugin-kube-platform-common';
import {
  createKubePlatformFederatedAppConditionalDecision,
  createKubePlatformTenantConditionalDecision,
  kubePlatformFederatedAppConditions,
  kubePlatformTenantConditions,
} from '@kube-platform/plugin-kube-platform-node';

/**
 * Decides one kind of permission for a signed-in user who is not a platform
 * admin. Returning `undefined` defers to the next rule; when no rule decides,
 * the policy denies.
 */
export type PolicyRule = (
  request: PolicyQuery,
  user: PolicyQueryUser,
) => PolicyDecision | undefined;

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** A rule that answers `decision` for the named permissions and defers on the rest. */
export function decideFor(
  names: string[],
  decision: PolicyDecision,
): PolicyRule {
  const set = new Set(names);
  return request => (set.has(request.permission.name) ? decision : undefined);
}

/**
 * Reading the cluster inventory, tenants and quota is open to signed-in users;
 * every change, the operation history and kubeconfigs belong to members of the
 * tenant's owner group, and so does cost (of an entity: members of its owning
 * group). Elevation beyond the guard rails is for platform admins.
 */
export const kubePlatformRules: PolicyRule[] = [
  decideFor(
    [
      kubePlatformClusterReadPermission.name,
      kubePlatformTenantReadPermission.name,
    ],
    ALLOW,
  ),
  decideFor([kubePlatformTenantElevatePermission.name], DENY),
  (request, user) => {
    const owned = [
      kubePlatformTenantCreatePermission.name,
      kubePlatformTenantUpdatePermission.name,
      kubePlatformTenantDeletePermission.name,
      kubePlatformTenantHistoryReadPermission.name,
      kubePlatformKubeconfigReadPermission.name,
      kubePlatformCostReadPermission.name,
    ];
    if (
      !isResourcePermission(
        request.permission,
        KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
      ) ||
      !owned.includes(request.permission.name)
    ) {
      return undefined;
    }
    return createKubePlatformTenantConditionalDecision(
      request.permission,
      kubePlatformTenantConditions.isTenantOwnerMember({
        claims: user.info.ownershipEntityRefs,
      }),
    );
  },
];

/**
 * Federated apps: reading is open to signed-in users; deploying, changing and
 * removing belong to members of the app's owner group.
 */
export const federationRules: PolicyRule[] = [
  decideFor([kubePlatformFederationReadPermission.name], ALLOW),
  (request, user) => {
    if (
      !isResourcePermission(
        request.permission,
        KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE,
      ) ||
      request.permission.name === kubePlatformFederationReadPermission.name
    ) {
      return undefined;
    }
    return createKubePlatformFederatedAppConditionalDecision(
      request.permission,
      kubePlatformFederatedAppConditions.isFederatedAppOwnerMember({
        claims: user.info.ownershipEntityRefs,
      }),
    );
  },
];

/**
 * The stock Kubernetes plugin: its tab reads through the plugin's read-only
 * cluster identity; the raw proxy (any verb, any namespace) is for platform admins.
 */
export const stockKubernetesRules: PolicyRule[] = [
  decideFor(['kubernetes.clusters.read', 'kubernetes.resources.read'], ALLOW),
  decideFor(['kubernetes.proxy'], DENY),
];

/**
 * The catalog: reading and refreshing for everyone signed in; unregistering an
 * entity for its owners; registering locations only for platform admins.
 */
export const catalogRules: PolicyRule[] = [
  decideFor(
    [
      'catalog.entity.read',
      'catalog.entity.refresh',
      'catalog.entity.validate',
      'catalog.location.read',
      'catalog.location.analyze',
    ],
    ALLOW,
  ),
  (request, user) => {
    if (
      request.permission.name !== 'catalog.entity.delete' ||
      !isResourcePermission(request.permission, 'catalog-entity')
    ) {
      return undefined;
    }
    return createCatalogConditionalDecision(
      request.permission,
      catalogConditions.isEntityOwner({
        claims: user.info.ownershipEntityRefs,
      }),
    );
  },
];

/** The scaffolder: running templates for everyone signed in; a task is its creator's. */
export const scaffolderRules: PolicyRule[] = [
  decideFor(
    [
      'scaffolder.template.parameter.read',
      'scaffolder.template.step.read',
      'scaffolder.action.execute',
      'scaffolder.task.create',
    ],
    ALLOW,
  ),
  (request, user) => {
    if (
      !['scaffolder.task.read', 'scaffolder.task.cancel'].includes(
        request.permission.name,
      ) ||
      !isResourcePermission(request.permission, 'scaffolder-task')
    ) {
      return undefined;
    }
    return createScaffolderTaskConditionalDecision(
      request.permission,
      scaffolderTaskConditions.isTaskOwner({
        createdBy: [user.info.userEntityRef],
      }),
    );
  },
];

/** The documented default: Kube Platform, the stock Kubernetes plugin, catalog and scaffolder. */
export const defaultPolicyRules: PolicyRule[] = [
  ...kubePlatformRules,
  ...federationRules,
  ...stockKubernetesRules,
  ...catalogRules,
  ...scaffolderRules,
];
