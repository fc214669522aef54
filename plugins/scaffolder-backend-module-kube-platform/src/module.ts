import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { kubePlatformClusterRegistryServiceRef } from '@kube-platform/plugin-kube-platform-node';
import { createFederationDeployAction } from './actions/federationDeploy';
import { createSelectClustersAction } from './actions/selectClusters';
import { createTenantCreateAction } from './actions/tenantCreate';
import { createTenantVerifyAction } from './actions/tenantVerify';

/** Scaffolder module that registers the Kube Platform actions. */
export const scaffolderModuleKubePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kube-platform',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, clusterRegistry, discovery, auth }) {
        scaffolder.addActions(
          createSelectClustersAction({ clusterRegistry }),
          createTenantCreateAction({ discovery, auth }),
          createTenantVerifyAction({ discovery, auth }),
          createFederationDeployAction({ discovery, auth }),
        );
      },
    });
  },
});
