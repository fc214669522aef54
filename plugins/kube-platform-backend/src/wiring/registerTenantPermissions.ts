import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
  kubePlatformPermissions,
} from '@kube-platform/plugin-kube-platform-common';
import {
  tenantPermissionResourceRef,
  tenantPermissionRules,
} from '@kube-platform/plugin-kube-platform-node';
import type { TenantStore } from '../database/TenantStore';

/** Our permissions, and tenants as a resource type whose rules the permission framework can apply. */
export function registerTenantPermissions(
  permissionsRegistry: PermissionsRegistryService,
  tenants: TenantStore,
) {
  permissionsRegistry.addPermissions(kubePlatformPermissions);
  permissionsRegistry.addResourceType({
    resourceRef: tenantPermissionResourceRef,
    permissions: kubePlatformPermissions.filter(
      p =>
        'resourceType' in p &&
        p.resourceType === KUBE_PLATFORM_TENANT_RESOURCE_TYPE,
    ),
    rules: tenantPermissionRules,
    getResources: async refs =>
      Promise.all(
        refs.map(ref => {
          const [cluster, name] = ref.split('/');
          return tenants.get(cluster, name);
        }),
      ),
  });
}
