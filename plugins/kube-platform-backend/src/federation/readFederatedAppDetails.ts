import {
  type FederatedAppDetails,
  federatedDeploymentName,
  type StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';
import { placementOnRegistry } from './resolveTargetClusters';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import type { OperationStore } from '../database/OperationStore';
import { federatedAppOwner } from './federatedAppTypes';
import {
  type FederatedStatusSources,
  observeFederatedDeployments,
} from './readFederatedAppStatus';
import { statusOfFederatedApp } from './statusOfFederatedApp';

/**
 * The stored app with its plan, per-cluster status and drift from the watch
 * caches (no call to any cluster), totals over the clusters, and its operations.
 */
export async function readFederatedAppDetails(
  deps: FederatedStatusSources & {
    clusterRegistry: Pick<ClusterRegistry, 'listClusters'>;
    operations: Pick<OperationStore, 'listForTarget'>;
  },
  app: StoredFederatedApp,
): Promise<FederatedAppDetails> {
  // Clusters that were unregistered since are left out, not refused: this is a read.
  const { clusters } = placementOnRegistry(app.spec, deps.clusterRegistry);
  const observations = observeFederatedDeployments(deps, clusters, {
    namespace: app.namespace,
    name: federatedDeploymentName(app.spec),
  });
  return {
    ...app,
    clusters,
    ...statusOfFederatedApp(app, clusters, observations),
    operations: await deps.operations.listForTarget({
      kind: 'federated-app',
      target: federatedAppOwner(app).id,
    }),
  };
}
