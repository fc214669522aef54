import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { KubePlatformPermissionPolicy } from './KubePlatformPermissionPolicy';

/** Installs the deny-by-default {@link KubePlatformPermissionPolicy} as the permission backend's policy. */
export const permissionModuleKubePlatformPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'kube-platform-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new KubePlatformPermissionPolicy({
            platformAdminGroups:
              config.getOptionalStringArray(
                'kubePlatform.platformAdminGroups',
              ) ?? [],
          }),
        );
      },
    });
  },
});
