import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Resource type for permissions that concern one registered cluster. */
export const KUBE_PLATFORM_CLUSTER_RESOURCE_TYPE = 'kube-platform-cluster';

/** Resource type for permissions that concern one tenant (namespace on a cluster). */
export const KUBE_PLATFORM_TENANT_RESOURCE_TYPE = 'kube-platform-tenant';

/** Read the cluster inventory: health, capacity, labels. Never credentials. */
export const kubePlatformClusterReadPermission = createPermission({
  name: 'kube-platform.cluster.read',
  attributes: { action: 'read' },
});

/** Download a kubeconfig for a cluster or tenant; meant for owners only. */
export const kubePlatformKubeconfigReadPermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.kubeconfig.read',
  attributes: { action: 'read' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/** Request a tenant; conditional on membership of the owner group. */
export const kubePlatformTenantCreatePermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.tenant.create',
  attributes: { action: 'create' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/** Change a tenant's quota or limits. */
export const kubePlatformTenantUpdatePermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.tenant.update',
  attributes: { action: 'update' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/** Delete a tenant and its namespace. */
export const kubePlatformTenantDeletePermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.tenant.delete',
  attributes: { action: 'delete' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/** Read tenants, their quota usage and their cost. */
export const kubePlatformTenantReadPermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.tenant.read',
  attributes: { action: 'read' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/**
 * Request a tenant beyond its environment preset's guard rails: quota above a
 * ceiling, network isolation off, a weaker Pod Security level, other egress ports.
 * Platform admins only by default.
 */
export const kubePlatformTenantElevatePermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.tenant.elevate',
  attributes: { action: 'update' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/** Read a tenant's operation history (who asked for what, with the spec); owners only. */
export const kubePlatformTenantHistoryReadPermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.tenant.history.read',
  attributes: { action: 'read' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/**
 * Read the cost of a catalog entity (group, system, component, tenant) or of a
 * cluster. A tenant-type resource whose owner is the entity's owning group (a
 * group owns itself), so the owner-membership rule of tenants applies.
 */
export const kubePlatformCostReadPermission: ResourcePermission<
  typeof KUBE_PLATFORM_TENANT_RESOURCE_TYPE
> = createPermission({
  name: 'kube-platform.cost.read',
  attributes: { action: 'read' },
  resourceType: KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
});

/** Resource type for permissions that concern one federated app (`<namespace>/<name>`). */
export const KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE =
  'kube-platform-federated-app';

function federationPermission(
  action: 'create' | 'read' | 'update' | 'delete',
): ResourcePermission<typeof KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE> {
  return createPermission({
    name: `kube-platform.federation.${action}`,
    attributes: { action },
    resourceType: KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE,
  });
}

/** Deploy a federated app to its clusters; conditional on membership of the owner group. */
export const kubePlatformFederationCreatePermission =
  federationPermission('create');
/** Read federated apps, their plan, status and history. */
export const kubePlatformFederationReadPermission =
  federationPermission('read');
/** Change a federated app: replicas, weights, migrations. */
export const kubePlatformFederationUpdatePermission =
  federationPermission('update');
/** Remove a federated app from every cluster. */
export const kubePlatformFederationDeletePermission =
  federationPermission('delete');

/** Every permission the Kube Platform plugins check, for registration with the permission framework. */
export const kubePlatformPermissions = [
  kubePlatformClusterReadPermission,
  kubePlatformKubeconfigReadPermission,
  kubePlatformTenantCreatePermission,
  kubePlatformTenantUpdatePermission,
  kubePlatformTenantDeletePermission,
  kubePlatformTenantReadPermission,
  kubePlatformTenantElevatePermission,
  kubePlatformTenantHistoryReadPermission,
  kubePlatformCostReadPermission,
  kubePlatformFederationCreatePermission,
  kubePlatformFederationReadPermission,
  kubePlatformFederationUpdatePermission,
  kubePlatformFederationDeletePermission,
];
