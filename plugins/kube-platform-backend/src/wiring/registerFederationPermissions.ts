import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE,
  kubePlatformPermissions,
} from '@kube-platform/plugin-kube-platform-common';
import {
  federatedAppPermissionResourceRef,
  federatedAppPermissionRules,
} from '@kube-platform/plugin-kube-platform-node';
import type { FederatedAppStore } from '../database/FederatedAppStore';

/** Federated apps as a resource type whose rules the permission framework can apply. */
export function registerFederationPermissions(
  permissionsRegistry: PermissionsRegistryService,
  apps: FederatedAppStore,
) {
  permissionsRegistry.addResourceType({
    resourceRef: federatedAppPermissionResourceRef,
    permissions: kubePlatformPermissions.filter(
      p =>
        'resourceType' in p &&
        p.resourceType === KUBE_PLATFORM_FEDERATED_APP_RESOURCE_TYPE,
    ),
    rules: federatedAppPermissionRules,
    getResources: async refs =>
      Promise.all(
        refs.map(ref => {
          const [namespace, name] = ref.split('/');
          return apps.get(namespace, name);
        }),
      ),
  });
}
