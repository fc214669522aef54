import { InputError } from '@backstage/errors';
import {
  type FederatedApp,
  OverrideError,
  renderFederatedApp,
  type RenderedCluster,
  type ReplicaPlan,
} from '@kube-platform/plugin-kube-platform-common';

/** Renders each cluster's objects with a plan made by `planner`; an override that does not fit is a 400. */
export function renderPlanned(
  app: FederatedApp,
  planner: () => ReplicaPlan,
): { plan: ReplicaPlan; rendered: RenderedCluster[] } {
  try {
    const plan = planner();
    return { plan, rendered: renderFederatedApp(app, plan.plan) };
  } catch (error) {
    if (error instanceof OverrideError) {
      const index = app.overrides.findIndex(
        o => o.clusterName === error.cluster,
      );
      throw new InputError(
        `Invalid federated app: overrides.${Math.max(
          index,
          0,
        )}.clusterOverrides: ${error.message}`,
      );
    }
    throw error;
  }
}
