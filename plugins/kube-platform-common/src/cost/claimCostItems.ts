import { matchesLabelSelector } from '../labelSelector';
import type { CostComponent, CostNamespacePlacement } from './costCatalog';

/** Anything cost can be attributed by: a pod's allocation or a workload's row. */
export interface AttributableCost {
  cluster: string;
  namespace: string;
  labels: Record<string, string>;
}

function inPlacements(
  item: AttributableCost,
  placements: readonly CostNamespacePlacement[],
): boolean {
  return placements.some(
    p =>
      p.namespace === item.namespace &&
      (p.cluster === undefined || p.cluster === item.cluster),
  );
}

function specificity(component: CostComponent): number {
  const selector = component.selector ?? {};
  return (
    Object.keys(selector.matchLabels ?? {}).length +
    (selector.matchExpressions?.length ?? 0)
  );
}

/**
 * Orders components so that the first one matching an item is its claimant:
 * the most specific selector first (more requirements: `app=shop,tier=web`
 * before `app=shop`), then by entity ref (lower case, ascending).
 */
export function claimOrder(
  components: readonly CostComponent[],
): CostComponent[] {
  return components
    .filter(c => c.selector && c.namespaces.length > 0)
    .map(c => ({ c, s: specificity(c), ref: c.ref.toLocaleLowerCase('en-US') }))
    .sort((a, b) => b.s - a.s || (a.ref < b.ref ? -1 : Number(a.ref > b.ref)))
    .map(({ c }) => c);
}

/**
 * The component that claims each item, or undefined: the first in
 * {@link claimOrder} whose namespaces hold the item and whose selector matches
 * its labels. Each item has at most one claimant, so no item is counted for
 * two components, and the components of a namespace never sum to more than it.
 */
export function claimCostItems(
  items: readonly AttributableCost[],
  components: readonly CostComponent[],
): Array<string | undefined> {
  // Index by namespace name so each item only meets the components that can claim it.
  const byNamespace = new Map<string, CostComponent[]>();
  for (const component of claimOrder(components)) {
    for (const namespace of new Set(
      component.namespaces.map(p => p.namespace),
    )) {
      const list = byNamespace.get(namespace) ?? [];
      list.push(component);
      byNamespace.set(namespace, list);
    }
  }
  return items.map(
    item =>
      byNamespace
        .get(item.namespace)
        ?.find(
          c =>
            inPlacements(item, c.namespaces) &&
            matchesLabelSelector(item.labels, c.selector ?? {}),
        )?.ref,
  );
}
