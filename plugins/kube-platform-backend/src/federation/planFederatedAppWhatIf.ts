import type {
  FederatedApp,
  FederatedAppPlanResponse,
  StoredFederatedApp,
} from '@kube-platform/plugin-kube-platform-common';
import {
  assertSameOwner,
  prepareFederatedDeploy,
  type PrepareDeps,
} from './prepareFederatedDeploy';

/**
 * What a deploy of `app` would do now, applying and recording nothing: the
 * same placement, tenant checks (400), failover layout, live replicas, plan
 * and quota pre-flight as a deploy, with clusters a deploy could not use
 * listed as refusals instead of failing the request.
 */
export async function planFederatedAppWhatIf(
  deps: PrepareDeps,
  app: FederatedApp,
  stored: StoredFederatedApp | undefined,
): Promise<FederatedAppPlanResponse> {
  assertSameOwner(app, stored);
  const failover = stored?.failover ?? { clusters: [] };
  const prepared = await prepareFederatedDeploy(deps, app, failover, 'refuse');
  const failedOver = failover.clusters
    .filter(
      c => c.state === 'failed-over' && prepared.placed.includes(c.cluster),
    )
    .map(c => ({ cluster: c.cluster, reason: `failed over since ${c.since}` }));
  const { plan, overflow } = prepared.plan;
  return {
    targets: prepared.placed,
    plan,
    overflow,
    current: prepared.current,
    refusals: [...failedOver, ...prepared.refusals],
    totalReplicas: Object.values(plan).reduce((sum, n) => sum + n, 0),
  };
}
