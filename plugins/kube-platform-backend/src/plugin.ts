import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { kubePlatformPermissions } from '@kube-platform/plugin-kube-platform-common';
import {
  kubePlatformClusterCacheServiceRef,
  kubePlatformClusterHealthServiceRef,
  kubePlatformClusterRegistryServiceRef,
  readHealthSettings,
} from '@kube-platform/plugin-kube-platform-node';
import { OperationStore } from './database/OperationStore';
import { createRouter } from './service/router';

/** The Kube Platform backend plugin, mounted at `/api/kube-platform`. */
export const kubePlatformPlugin = createBackendPlugin({
  pluginId: 'kube-platform',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
        clusterHealth: kubePlatformClusterHealthServiceRef,
        clusterCache: kubePlatformClusterCacheServiceRef,
      },
      async init(deps) {
        const { config, httpRouter, scheduler, clusterHealth } = deps;
        deps.permissionsRegistry.addPermissions(kubePlatformPermissions);
        await OperationStore.create({ database: deps.database });

        const health = readHealthSettings(config);
        // Local scope: every backend instance probes and keeps its own view.
        await scheduler.scheduleTask({
          id: 'kube-platform-cluster-health',
          scope: 'local',
          frequency: { milliseconds: health.frequencyMs },
          timeout: { milliseconds: health.timeoutMs * 4 },
          fn: () => clusterHealth.probeAll(),
        });

        httpRouter.use(await createRouter(deps));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
