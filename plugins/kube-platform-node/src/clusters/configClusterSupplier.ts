import type { Config } from '@backstage/config';
import { readClusterConnections } from '../clusterConfig';
import { CONFIG_CLUSTER_SOURCE } from '../clusterRegistry';
import type { KubePlatformClusterSupplier } from './ClusterSupplier';

/** `kubePlatform.clusters` as a supplier, re-read when the configuration reloads. */
export function createConfigClusterSupplier(
  config: Config,
): KubePlatformClusterSupplier {
  return {
    id: CONFIG_CLUSTER_SOURCE,
    getClusters: async () => readClusterConnections(config),
    subscribe: config.subscribe
      ? onChange => config.subscribe!(onChange).unsubscribe
      : undefined,
  };
}
