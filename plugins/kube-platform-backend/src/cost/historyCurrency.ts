import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import type { CostSettings } from './readCostSettings';

/**
 * The currency of the cost history: the clusters' (they must agree for their
 * costs to be added up), or the default pricing's when no cluster is
 * registered. Entity reports and budgets are stated in it.
 */
export function historyCurrency(deps: {
  clusterRegistry: Pick<ClusterRegistry, 'listClusters'>;
  costSettings: Pick<CostSettings, 'pricingOf'>;
}): string {
  const first = deps.clusterRegistry.listClusters()[0]?.name ?? '';
  return deps.costSettings.pricingOf(first).currency;
}
