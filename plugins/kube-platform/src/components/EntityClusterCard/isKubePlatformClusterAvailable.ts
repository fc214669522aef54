import type { Entity } from '@backstage/catalog-model';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from '@kube-platform/plugin-kube-platform-common';

/**
 * True for Resource entities of type `kubernetes-cluster`. Tenant namespaces
 * carry the `kube-platform.io/cluster` annotation too (naming their cluster), so
 * the annotation alone does not make an entity a cluster.
 */
export function isKubePlatformClusterAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === KUBERNETES_CLUSTER_RESOURCE_TYPE
  );
}

/** Name of the registered cluster an entity stands for: its `kube-platform.io/cluster` annotation, else its name. */
export function clusterNameOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[KUBE_PLATFORM_ANNOTATIONS.cluster] ||
    entity.metadata.name
  );
}
