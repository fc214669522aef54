import { type LabelSelector } from '../labelSelector';

/** The stock Kubernetes plugin's annotation for the label selector of a component's pods. */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/** The stock Kubernetes plugin's annotation (and pod label) naming a component's pods. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/** A namespace on one cluster, or on every cluster when `cluster` is absent. */
export interface CostNamespacePlacement {
  cluster?: string;
  namespace: string;
}

/** A Component, as far as cost attribution cares. */
export interface CostComponent {
  /** Entity ref, e.g. `component:default/shop-web`. */
  ref: string;
  /** Entity ref of the owner (`spec.owner`, resolved to a group ref). */
  owner?: string;
  /** Entity ref of its System (`spec.system`). */
  system?: string;
  /** Where its pods run; a component with none claims nothing. */
  namespaces: CostNamespacePlacement[];
  /** Its pods; a component without one claims nothing. See {@link componentPodSelector}. */
  selector?: LabelSelector;
}

/** A tenant: its `kubernetes-namespace` Resource and the namespace it stands for. */
export interface CostTenant {
  /** Entity ref of the tenant's Resource, e.g. `resource:default/shop-dev`. */
  ref: string;
  cluster: string;
  namespace: string;
  /** Entity ref of the owning group. */
  owner: string;
}

/** A System. */
export interface CostSystem {
  ref: string;
  owner?: string;
}

/** A Group. */
export interface CostGroup {
  ref: string;
  /** Entity ref of its parent group (`spec.parent`). */
  parent?: string;
}

/** The part of the catalog cost attribution reads. */
export interface CostCatalog {
  components: readonly CostComponent[];
  tenants: readonly CostTenant[];
  systems: readonly CostSystem[];
  groups: readonly CostGroup[];
}

/**
 * The selector of a component's pods, as the stock Kubernetes plugin finds
 * them: the parsed `backstage.io/kubernetes-label-selector` when present,
 * else pods labelled `backstage.io/kubernetes-id=<id>`; undefined with neither.
 */
export function componentPodSelector(annotations: {
  labelSelector?: LabelSelector;
  kubernetesId?: string;
}): LabelSelector | undefined {
  if (annotations.labelSelector) return annotations.labelSelector;
  if (annotations.kubernetesId) {
    return {
      matchLabels: { [KUBERNETES_ID_ANNOTATION]: annotations.kubernetesId },
    };
  }
  return undefined;
}

/** Entity refs compare case-insensitively, as in the catalog. */
export function sameEntityRef(a: string | undefined, b: string): boolean {
  return (
    a !== undefined &&
    a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US')
  );
}
