import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  type ClusterRegistry,
  createClusterRegistryFromConfig,
} from './clusterRegistry';
import { createConfigClusterSupplier } from './clusters/configClusterSupplier';
import {
  type ClusterSupplierService,
  createClusterSupplierService,
} from './clusters/ClusterSupplierService';
import { readClusterSupplierFrequencyMs } from './clusters/readClusterSupplierFrequency';
import { ClusterHealthMonitor } from './health/ClusterHealthMonitor';
import { readHealthSettings } from './health/readHealthOptions';
import {
  type ClusterCacheService,
  createClusterCacheService,
} from './watch/ClusterCacheService';
import {
  createWatchedKindRegistry,
  type WatchedKindRegistry,
} from './watch/WatchedKindRegistry';

/**
 * The cluster registry, shared by every Kube Platform plugin and module in the
 * backend. Root-scoped so that clients and caches exist once per process.
 */
export const kubePlatformClusterRegistryServiceRef =
  createServiceRef<ClusterRegistry>({
    id: 'kube-platform.cluster-registry',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.rootLogger,
        },
        factory({ config, logger }) {
          const registry = createClusterRegistryFromConfig(config);
          logger.info('Kube Platform clusters registered', {
            clusters: registry
              .listClusters()
              .map(c => c.name)
              .join(','),
          });
          return registry;
        },
      }),
  });

/**
 * The cluster suppliers feeding {@link kubePlatformClusterRegistryServiceRef}:
 * `config` always, plus what plugins add with `addClusterSupplier` (modules of
 * Kube Platform use `kubePlatformClusterSuppliersExtensionPoint`). Read once in
 * a root startup hook, then every `kubePlatform.clusterSuppliers.frequency` and
 * whenever a supplier signals a change. Its id differs from the extension
 * point's for the reason given at {@link kubePlatformWatchedKindsServiceRef}.
 */
export const kubePlatformClusterSuppliersServiceRef =
  createServiceRef<ClusterSupplierService>({
    id: 'kube-platform.cluster-supplier-registry',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          clusterRegistry: kubePlatformClusterRegistryServiceRef,
          logger: coreServices.rootLogger,
          lifecycle: coreServices.rootLifecycle,
        },
        factory({ config, clusterRegistry, logger, lifecycle }) {
          const suppliers = createClusterSupplierService({
            clusterRegistry,
            logger: logger.child({
              service: 'kube-platform-cluster-suppliers',
            }),
            frequencyMs: readClusterSupplierFrequencyMs(config),
          });
          suppliers.addClusterSupplier(createConfigClusterSupplier(config));
          lifecycle.addStartupHook(() => {
            // A slow supplier does not hold up start-up; its clusters join when read.
            void suppliers.start();
          });
          lifecycle.addShutdownHook(() => suppliers.stop());
          return suppliers;
        },
      }),
  });

/**
 * The kinds every cluster's watch cache holds: Namespaces, ResourceQuotas and
 * Nodes built in, plus what plugins add with `addKind` during their `init`
 * (modules of Kube Platform use `kubePlatformWatchedKindsExtensionPoint`).
 * Root-scoped like the caches it configures; sealed when they start. Its id
 * differs from the extension point's: Backstage resolves both kinds of
 * dependency by id, and a plugin may not depend on an extension point.
 */
export const kubePlatformWatchedKindsServiceRef =
  createServiceRef<WatchedKindRegistry>({
    id: 'kube-platform.watched-kind-registry',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => createWatchedKindRegistry(),
      }),
  });

/**
 * Watch caches of every registered cluster, for the kinds of
 * {@link kubePlatformWatchedKindsServiceRef}. Started in a root startup hook,
 * after every plugin has initialised (and registered its kinds); stopped on shutdown.
 */
export const kubePlatformClusterCacheServiceRef =
  createServiceRef<ClusterCacheService>({
    id: 'kube-platform.cluster-cache',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          clusterRegistry: kubePlatformClusterRegistryServiceRef,
          watchedKinds: kubePlatformWatchedKindsServiceRef,
          logger: coreServices.rootLogger,
          lifecycle: coreServices.rootLifecycle,
        },
        factory({ clusterRegistry, watchedKinds, logger, lifecycle }) {
          const caches = createClusterCacheService({
            clusterRegistry,
            watchedKinds,
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
export const kubePlatformClusterHealthServiceRef =
  createServiceRef<ClusterHealthMonitor>({
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
            {
              clusterRegistry,
              logger: logger.child({ service: 'kube-platform-cluster-health' }),
            },
            readHealthSettings(config),
          );
        },
      }),
  });
