import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { kubePlatformClusterRegistryServiceRef } from '@kube-platform/plugin-kube-platform-node';
import { createSelectClustersAction } from './actions/selectClusters';

/** Scaffolder module that registers the Kube Platform actions. */
export const scaffolderModuleKubePlatform = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'kube-platform',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
      },
      async init({ scaffolder, clusterRegistry }) {
        scaffolder.addActions(createSelectClustersAction({ clusterRegistry }));
      },
    });
  },
});
