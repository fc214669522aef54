import type { Entity } from '@backstage/catalog-model';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
} from '@kube-platform/plugin-kube-platform-common';

/**
 * True for Resource entities that stand for a registered cluster: of type
 * `kubernetes-cluster`, or carrying the `kube-platform.io/cluster` annotation.
 */
export function isKubePlatformClusterAvailable(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'resource') {
    return false;
  }
  return (
    entity.spec?.type === KUBERNETES_CLUSTER_RESOURCE_TYPE ||
    Boolean(entity.metadata.annotations?.[KUBE_PLATFORM_ANNOTATIONS.cluster])
  );
}

/** Name of the registered cluster an entity stands for: its `kube-platform.io/cluster` annotation, else its name. */
export function clusterNameOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[KUBE_PLATFORM_ANNOTATIONS.cluster] ||
    entity.metadata.name
  );
}
