import {
  type RenderedCluster,
  renderFederatedApp,
  resolvePlacement,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import type { StoredFederatedApp } from '../database/FederatedAppStore';
import type { OperationStore } from '../database/OperationStore';
import {
  federatedAppOwner,
  type FederatedAppDetails,
} from './federatedAppTypes';
import { layoutOf, planLayout } from './federatedLayout';
import {
  type FederatedAppTotals,
  type FederatedStatusSources,
  observedReplicas,
  observeFederatedDeployments,
} from './readFederatedAppStatus';
import {
  federatedAppTotals,
  federatedClusterStatus,
} from './statusOfFederatedCluster';

function renderedDeployment(rendered: RenderedCluster[], cluster: string) {
  return rendered
    .find(r => r.cluster === cluster)
    ?.objects.find(o => o.kind === 'Deployment');
}

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
): Promise<FederatedAppDetails & { totals: FederatedAppTotals }> {
  // Clusters that were unregistered since are left out, not refused: this is a read.
  const { clusters } = resolvePlacement(
    app.spec,
    deps.clusterRegistry
      .listClusters()
      .map(c => ({ name: c.name, labels: c.labels ?? {} })),
  );
  const observations = observeFederatedDeployments(deps, clusters, {
    namespace: app.namespace,
    name: app.spec.template.deployment.metadata?.name ?? app.name,
  });
  // The plan a deploy would make now (failover included), so drift means "a re-apply would change this".
  const layout = layoutOf(clusters, app.failover);
  const active = new Set(layout.active);
  const plan = planLayout(
    app.spec,
    clusters,
    layout,
    observedReplicas(observations.filter(o => active.has(o.cluster))),
  );
  const rendered = renderFederatedApp(app.spec, plan.plan);
  const status = observations.map(o =>
    federatedClusterStatus(o, renderedDeployment(rendered, o.cluster)),
  );
  return {
    ...app,
    clusters,
    plan,
    status,
    totals: federatedAppTotals(status),
    operations: await deps.operations.listForTarget({
      kind: 'federated-app',
      target: federatedAppOwner(app).id,
    }),
  };
}
