import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  type ClusterRegistry,
  createClusterRegistryFromConfig,
} from './clusterRegistry';

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
