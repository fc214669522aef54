import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createClusterSuppliersExtension,
  createWatchedKindsExtension,
  kubePlatformClusterCacheServiceRef,
  kubePlatformClusterHealthServiceRef,
  kubePlatformClusterRegistryServiceRef,
  kubePlatformClusterSuppliersExtensionPoint,
  kubePlatformClusterSuppliersServiceRef,
  kubePlatformWatchedKindsExtensionPoint,
  kubePlatformWatchedKindsServiceRef,
} from '@kube-platform/plugin-kube-platform-node';
import { COST_WATCHED_KINDS } from './cost/costWatchedKinds';
import { createCostServices } from './cost/createCostServices';
import { scheduleCostTasks } from './cost/scheduleCostTasks';
import { federatedDeploymentKind } from './federation/federatedDeploymentKind';
import { createRouter } from './service/router';
import { createKubePlatformServices } from './wiring/createKubePlatformServices';
import { registerTenantPermissions } from './wiring/registerTenantPermissions';
import { scheduleKubePlatformTasks } from './wiring/scheduleKubePlatformTasks';

/** The Kube Platform backend plugin, mounted at `/api/kube-platform`. */
export const kubePlatformPlugin = createBackendPlugin({
  pluginId: 'kube-platform',
  register(env) {
    // Backend modules register the kinds they need watched (federation: Deployments;
    // cost: Pods and PVCs); forwarded to the root cache service before it starts.
    const watchedKinds = createWatchedKindsExtension();
    env.registerExtensionPoint(
      kubePlatformWatchedKindsExtensionPoint,
      watchedKinds.extensionPoint,
    );
    // Federated apps' status and drift: the Deployments we render.
    watchedKinds.extensionPoint.addKind(federatedDeploymentKind);
    // Cost allocation: Pods and PersistentVolumeClaims, trimmed.
    for (const kind of COST_WATCHED_KINDS) {
      watchedKinds.extensionPoint.addKind(kind);
    }
    // Backend modules supply clusters at run time; forwarded to the root supplier service.
    const clusterSuppliers = createClusterSuppliersExtension();
    env.registerExtensionPoint(
      kubePlatformClusterSuppliersExtensionPoint,
      clusterSuppliers.extensionPoint,
    );
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        logger: coreServices.logger,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        userInfo: coreServices.userInfo,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
        clusterHealth: kubePlatformClusterHealthServiceRef,
        clusterCache: kubePlatformClusterCacheServiceRef,
        watchedKindRegistry: kubePlatformWatchedKindsServiceRef,
        clusterSupplierService: kubePlatformClusterSuppliersServiceRef,
      },
      async init(deps) {
        watchedKinds.forwardTo(deps.watchedKindRegistry);
        clusterSuppliers.forwardTo(deps.clusterSupplierService);
        const services = await createKubePlatformServices(deps);
        registerTenantPermissions(deps.permissionsRegistry, services.tenants);
        await scheduleKubePlatformTasks(deps, services);
        const cost = await createCostServices(deps);
        await scheduleCostTasks(deps, cost, {
          ...deps,
          tenants: services.tenants,
        });
        deps.httpRouter.use(
          await createRouter({ ...deps, ...services, ...cost, cost }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
