import { InputError } from '@backstage/errors';
import {
  type FederatedApp,
  resolvePlacement,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';

/** The app's placement over the registered clusters and their labels, as is. */
export function placementOnRegistry(
  app: FederatedApp,
  clusterRegistry: Pick<ClusterRegistry, 'listClusters'>,
) {
  return resolvePlacement(
    app,
    clusterRegistry
      .listClusters()
      .map(c => ({ name: c.name, labels: c.labels ?? {} })),
  );
}

/**
 * The registered clusters an app runs on. Unknown cluster names and a
 * placement that selects nothing are bad input: 400 naming the field.
 */
export function resolveTargetClusters(
  app: FederatedApp,
  clusterRegistry: Pick<ClusterRegistry, 'listClusters'>,
): string[] {
  const { clusters, unknownClusters } = placementOnRegistry(
    app,
    clusterRegistry,
  );
  if (unknownClusters.length > 0) {
    const fields = unknownClusters.map(
      name =>
        `${fieldNaming(app, name)}: '${name}' is not a registered cluster`,
    );
    throw new InputError(`Invalid federated app: ${fields.join('; ')}`);
  }
  if (clusters.length === 0) {
    const field = app.placement.clusterSelector
      ? 'placement.clusterSelector'
      : 'replicaScheduling.clusters';
    throw new InputError(
      `Invalid federated app: ${field}: matches no registered cluster`,
    );
  }
  return clusters;
}

/** The first field of the request that names a cluster. */
function fieldNaming(app: FederatedApp, cluster: string): string {
  const placed = app.placement.clusters?.findIndex(c => c.name === cluster);
  if (placed !== undefined && placed >= 0) {
    return `placement.clusters.${placed}.name`;
  }
  const overridden = app.overrides.findIndex(o => o.clusterName === cluster);
  if (overridden >= 0) return `overrides.${overridden}.clusterName`;
  return `replicaScheduling.clusters.${cluster}`;
}
