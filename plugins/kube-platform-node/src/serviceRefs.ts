import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  type ClusterRegistry,
  createClusterRegistryFromConfig,
} from './clusterRegistry';
import { ClusterHealthMonitor } from './health/ClusterHealthMonitor';
import { readHealthSettings } from './health/readHealthOptions';
import {
  type ClusterCacheService,
  createClusterCacheService,
} from './watch/ClusterCacheService';

/**
 * The cluster registry, shared by every Kube Platform plugin and module in the
 * backend. Root-scoped so that clients and caches exist once per process.
 */
export const kubePlatformClusterRegistryServiceRef = createServiceRef<ClusterRegistry>({
  id: 'kube-platform.cluster-registry',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
      factory({ config, logger }) {
        const registry = createClusterRegistryFromConfig(config);
        logger.info('Kube Platform clusters registered', {
          clusters: registry.listClusters().map(c => c.name).join(','),
        });
        return registry;
      },
    }),
});

/**
 * Watch caches (Namespaces, ResourceQuotas, Nodes) of every registered cluster.
 * Started with the backend, stopped on shutdown.
 */
export const kubePlatformClusterCacheServiceRef = createServiceRef<ClusterCacheService>({
  id: 'kube-platform.cluster-cache',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
        logger: coreServices.rootLogger,
        lifecycle: coreServices.rootLifecycle,
      },
      factory({ clusterRegistry, logger, lifecycle }) {
        const caches = createClusterCacheService({
          clusterRegistry,
          logger: logger.child({ service: 'kube-platform-cluster-cache' }),
        });
        lifecycle.addStartupHook(() => {
          // Unreachable clusters retry in the background; start-up does not wait for them.
          void caches.start();
        });
        lifecycle.addShutdownHook(() => caches.stop());
        return caches;
      },
    }),
});

/** Health of every registered cluster, probed on the schedule the backend plugin sets up. */
export const kubePlatformClusterHealthServiceRef = createServiceRef<ClusterHealthMonitor>({
  id: 'kube-platform.cluster-health',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        clusterRegistry: kubePlatformClusterRegistryServiceRef,
        logger: coreServices.rootLogger,
      },
      factory({ config, clusterRegistry, logger }) {
        return new ClusterHealthMonitor(
          { clusterRegistry, logger: logger.child({ service: 'kube-platform-cluster-health' }) },
          readHealthSettings(config),
        );
      },
    }),
});
