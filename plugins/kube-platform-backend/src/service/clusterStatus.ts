import {
  type ClusterStatus,
  type ClusterSummary,
  computeClusterCapacity,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterHealthMonitor,
} from '@kube-platform/plugin-kube-platform-node';

/** Label that marks namespaces Kube Platform manages. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/**
 * Assembles a cluster's status from the health monitor and the watch cache; no
 * request reaches the cluster, so listing many clusters stays cheap.
 */
export function buildClusterStatus(
  cluster: ClusterSummary,
  deps: {
    clusterHealth: ClusterHealthMonitor;
    clusterCache: ClusterCacheService;
  },
): ClusterStatus {
  const cache = deps.clusterCache.forCluster(cluster.name);
  const tenantNamespaces = new Set(
    cache.namespaces
      .list()
      .filter(ns => ns.labels[MANAGED_BY_LABEL] === 'kube-platform')
      .map(ns => ns.name),
  );
  return {
    ...cluster,
    health: deps.clusterHealth.getHealth(cluster.name),
    capacity: computeClusterCapacity({
      nodes: cache.nodes.list(),
      // What tenants were promised: quotas in namespaces Kube Platform manages.
      quotas: cache.resourceQuotas
        .list()
        .filter(q => tenantNamespaces.has(q.namespace)),
      tenants: tenantNamespaces.size,
    }),
    cache: cache.status(),
  };
}
