import type {
  ClusterCacheService,
  ProvisioningEngine,
  WatchStore,
} from '@kube-platform/plugin-kube-platform-node';
import {
  type CachedFederatedDeployment,
  federatedDeploymentKind,
} from './federatedDeploymentKind';
import type { FederatedClusterObservation } from './statusOfFederatedCluster';

export type { FederatedClusterObservation } from './statusOfFederatedCluster';

/** Where status is read from: the watch caches and the health monitor, never the clusters themselves. */
export interface FederatedStatusSources {
  clusterCache: Pick<ClusterCacheService, 'forCluster'>;
  engine: Pick<ProvisioningEngine, 'assertReady'>;
}

function healthProblem(
  engine: FederatedStatusSources['engine'],
  cluster: string,
): string | undefined {
  try {
    engine.assertReady(cluster);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The cache of managed Deployments of a cluster, or why there is none. */
function deploymentStore(
  clusterCache: FederatedStatusSources['clusterCache'],
  cluster: string,
): WatchStore<CachedFederatedDeployment> | Error {
  try {
    return clusterCache.forCluster(cluster).get(federatedDeploymentKind);
  } catch (error) {
    return error as Error;
  }
}

/**
 * What the cache says about the app's Deployment on one cluster: a lookup in
 * memory, no call to the cluster, so it answers at once even when the cluster hangs.
 */
export function observeFederatedDeployment(
  sources: FederatedStatusSources,
  cluster: string,
  deployment: { namespace: string; name: string },
): FederatedClusterObservation {
  const unready = healthProblem(sources.engine, cluster);
  const store = deploymentStore(sources.clusterCache, cluster);
  if (store instanceof Error) {
    return { cluster, unready, cache: { synced: false, error: store.message } };
  }
  const freshness = store.status();
  return {
    cluster,
    unready,
    cache: {
      synced: freshness.synced,
      error: freshness.lastError,
      lastEventTime: freshness.lastEventTime,
    },
    live: store
      .list()
      .find(
        d => d.namespace === deployment.namespace && d.name === deployment.name,
      ),
  };
}

/** The app's Deployment on every cluster, from the caches. */
export function observeFederatedDeployments(
  sources: FederatedStatusSources,
  clusters: readonly string[],
  deployment: { namespace: string; name: string },
): FederatedClusterObservation[] {
  return clusters.map(cluster =>
    observeFederatedDeployment(sources, cluster, deployment),
  );
}
