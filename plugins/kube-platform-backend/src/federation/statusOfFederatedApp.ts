import {
  type FederatedAppTotals,
  type FederatedClusterStatus,
  type RenderedCluster,
  renderFederatedApp,
  type ReplicaPlan,
  type StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';
import { layoutOf, planLayout } from './federatedLayout';
import {
  federatedAppTotals,
  type FederatedClusterObservation,
  federatedClusterStatus,
} from './statusOfFederatedCluster';

/** Plan, per-cluster status and totals of an app. */
export interface FederatedAppStatus {
  plan: ReplicaPlan;
  status: FederatedClusterStatus[];
  totals: FederatedAppTotals;
}

/** Replicas of the clusters whose Deployment is known: the planner's `current`. */
export function observedReplicas(
  observations: readonly FederatedClusterObservation[],
): Record<string, number> {
  return Object.fromEntries(
    observations
      .filter(o => !o.unready && o.cache.synced && o.live)
      .map(o => [o.cluster, o.live!.replicas]),
  );
}

function renderedDeployment(rendered: RenderedCluster[], cluster: string) {
  return rendered
    .find(r => r.cluster === cluster)
    ?.objects.find(o => o.kind === 'Deployment');
}

/**
 * The status of an app from what was observed on its placed clusters. Drift
 * is judged against the plan a deploy would make now (failover included), so
 * drift means "a re-apply would change this".
 */
export function statusOfFederatedApp(
  app: Pick<StoredFederatedApp, 'spec' | 'failover'>,
  placed: string[],
  observations: readonly FederatedClusterObservation[],
): FederatedAppStatus {
  const layout = layoutOf(placed, app.failover);
  const active = new Set(layout.active);
  const plan = planLayout(
    app.spec,
    placed,
    layout,
    observedReplicas(observations.filter(o => active.has(o.cluster))),
  );
  const rendered = renderFederatedApp(app.spec, plan.plan);
  const status = observations.map(o =>
    federatedClusterStatus(o, renderedDeployment(rendered, o.cluster)),
  );
  return { plan, status, totals: federatedAppTotals(status) };
}
