import {
  type FederatedApp,
  type FederatedAppFailover,
  planFederatedApp,
  planReplicas,
  type ReplicaPlan,
} from '@kube-platform/plugin-kube-platform-common';

/** How an app's placed clusters are used now, given its failover state. */
export interface FederatedLayout {
  /** Placed clusters that run the app's replicas. */
  active: string[];
  /** Placed clusters back from a failover and cooling down: the app's objects stay there at 0 replicas. */
  held: string[];
  /** Clusters the app was moved off (NotReady): neither applied to nor pruned. */
  away: string[];
}

/** Splits the placed clusters by the app's failover state. */
export function layoutOf(
  placed: readonly string[],
  failover: FederatedAppFailover,
): FederatedLayout {
  const stateOf = new Map(failover.clusters.map(c => [c.cluster, c.state]));
  return {
    active: placed.filter(c => !stateOf.has(c)),
    held: placed.filter(c => stateOf.get(c) === 'cooling-down'),
    away: failover.clusters
      .filter(c => c.state === 'failed-over')
      .map(c => c.cluster),
  };
}

/**
 * Replicas per cluster for a layout. On the whole placement, the app's own
 * plan. With clusters failed over: with replicaScheduling, KubeFed's planner
 * over the active clusters; without it, the app's total (each cluster's
 * replicas after overrides, summed over the placement) spread with equal
 * weights over the active clusters, each keeping what it already runs. Held
 * clusters get 0.
 */
export function planLayout(
  app: FederatedApp,
  placed: readonly string[],
  layout: FederatedLayout,
  current: Record<string, number>,
): ReplicaPlan {
  if (layout.active.length === placed.length) {
    return planFederatedApp(app, placed, { current });
  }
  let planned: ReplicaPlan = { plan: {}, overflow: {} };
  if (layout.active.length === 0) {
    // Nowhere to run: only the held clusters, at 0.
  } else if (app.replicaScheduling) {
    planned = planFederatedApp(app, layout.active, { current });
  } else {
    const own = planFederatedApp(app, placed).plan;
    planned = planReplicas({
      clusters: layout.active,
      totalReplicas: Object.values(own).reduce((sum, n) => sum + n, 0),
      preferences: { '*': { weight: 1 } },
      current: Object.fromEntries(layout.active.map(c => [c, own[c]])),
      rebalance: false,
      key: `${app.namespace}/${app.name}`,
    });
  }
  const held = Object.fromEntries(layout.held.map(c => [c, 0]));
  return { plan: { ...planned.plan, ...held }, overflow: planned.overflow };
}
