import type { FederatedApp } from './federatedApp';
import { applyOverrides, OverrideError } from './overrides';
import { planReplicas, ReplicaPlan } from './planReplicas';

/** What the platform observed on the member clusters, for planning. */
export interface FederatedAppObservation {
  /** Ready replicas per cluster now. */
  current?: Record<string, number>;
  /** Estimated replicas each cluster can run. */
  capacity?: Record<string, number>;
}

/**
 * Replicas per target cluster. With replicaScheduling, KubeFed's planner keyed by
 * `namespace/name` (as KubeFed keys by the RSP's qualified name); without it, each
 * cluster runs the Deployment's replicas after that cluster's overrides (default 1).
 */
export function planFederatedApp(
  app: FederatedApp,
  targetClusters: readonly string[],
  observed: FederatedAppObservation = {},
): ReplicaPlan {
  const rsp = app.replicaScheduling;
  if (rsp) {
    return planReplicas({
      clusters: [...targetClusters],
      totalReplicas: rsp.totalReplicas,
      preferences: rsp.clusters,
      rebalance: rsp.rebalance,
      current: observed.current,
      capacity: observed.capacity,
      key: `${app.namespace}/${app.name}`,
    });
  }
  const plan: Record<string, number> = {};
  for (const cluster of targetClusters) {
    const overrides =
      app.overrides.find(o => o.clusterName === cluster)?.clusterOverrides ??
      [];
    const deployment = applyOverrides(
      app.template.deployment,
      overrides,
      cluster,
    );
    const replicas: unknown = deployment.spec.replicas ?? 1;
    if (
      typeof replicas !== 'number' ||
      !Number.isSafeInteger(replicas) ||
      replicas < 0
    ) {
      throw new OverrideError(
        cluster,
        '/spec/replicas',
        'must be a non-negative integer',
      );
    }
    plan[cluster] = replicas;
  }
  return { plan, overflow: {} };
}
