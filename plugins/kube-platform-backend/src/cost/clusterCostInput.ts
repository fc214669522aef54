import type {
  ClusterCostInput,
  CostPod,
  CostPricing,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterWatchCache } from '@kube-platform/plugin-kube-platform-node';
import { costClaimsKind, costPodsKind } from './costWatchedKinds';
import type { ClusterPodUsage, PodUsage } from './readPodUsage';

/** The watched kinds a sample reads; each must be in sync for the sample to be honest. */
export const COST_SAMPLE_KINDS = ['nodes', costPodsKind.id, costClaimsKind.id];

/** Kinds of the cluster's cache that are not in sync now, with their last error. */
export function unsyncedCostKinds(cache: ClusterWatchCache): string[] {
  const { resources } = cache.status();
  return COST_SAMPLE_KINDS.filter(id => !resources[id]?.synced).map(id => {
    const error = resources[id]?.lastError;
    return error ? `${id} (${error})` : id;
  });
}

/**
 * A pod's measured usage. The cache lists pods as the API server did, by
 * namespace, so the namespace's usage is kept from one pod to the next.
 */
function usageLookup(measured: ClusterPodUsage['pods']) {
  let namespace: string | undefined;
  let inNamespace: Map<string, PodUsage> | undefined;
  return (pod: CostPod): PodUsage | undefined => {
    if (pod.namespace !== namespace) {
      namespace = pod.namespace;
      inNamespace = measured.get(namespace);
    }
    return inNamespace?.get(pod.name);
  };
}

/**
 * The cost model's view of a cluster now: the cached pods with their measured
 * usage (running pods the metrics API reported; others are priced from
 * requests), claims and nodes.
 */
export function clusterCostInput(
  cache: ClusterWatchCache,
  usage: ClusterPodUsage,
  pricing: CostPricing,
): ClusterCostInput {
  // Usage is looked up as each pod is priced: the cached pods are not copied to carry it.
  const measured = usage.source === 'metrics' ? usage.pods : undefined;
  return {
    pricing,
    pods: cache.get(costPodsKind).list(),
    ...(measured ? { usageOf: usageLookup(measured) } : {}),
    claims: cache.get(costClaimsKind).list(),
    nodes: cache.nodes.list().map(node => ({
      name: node.name,
      labels: node.labels,
      allocatable: node.allocatable,
    })),
  };
}
