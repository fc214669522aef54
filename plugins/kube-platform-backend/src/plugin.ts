import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { kubePlatformPermissions } from '@kube-platform/plugin-kube-platform-common';
import { kubePlatformClusterRegistryServiceRef } from '@kube-platform/plugin-kube-platform-node';
import { OperationStore } from './database/OperationStore';
import { createRouter } from './service/router';

/** The Kube Platform backend plugin, mounted at `/api/kube-platform`. */
export const kubePlatformPlugin = createBackendPlugin({
  pluginId: 'kube-platform',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
      },
      async init({
        logger,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        database,
        clusterRegistry,
      }) {
        permissionsRegistry.addPermissions(kubePlatformPermissions);
        await OperationStore.create({ database });
        httpRouter.use(
          await createRouter({ logger, httpAuth, permissions, clusterRegistry }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
