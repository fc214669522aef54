import type { Entity } from '@backstage/catalog-model';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
} from '@kube-platform/plugin-kube-platform-common';

/** Cluster and name of the tenant an entity stands for. */
export interface TenantRef {
  cluster: string;
  name: string;
}

/**
 * The tenant named by an entity's `kube-platform.io/tenant` annotation,
 * `<cluster>/<name>`, or `<name>` with the cluster from `kube-platform.io/cluster`;
 * `undefined` when the entity names no tenant on a known cluster.
 */
export function tenantRefOf(entity: Entity): TenantRef | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const tenant = annotations[KUBE_PLATFORM_ANNOTATIONS.tenant]?.trim();
  if (!tenant) {
    return undefined;
  }
  const separator = tenant.indexOf('/');
  const cluster =
    separator >= 0
      ? tenant.slice(0, separator)
      : annotations[KUBE_PLATFORM_ANNOTATIONS.cluster]?.trim();
  const name = separator >= 0 ? tenant.slice(separator + 1) : tenant;
  return cluster && name ? { cluster, name } : undefined;
}

/**
 * True for the entity of a tenant: a `kubernetes-namespace` Resource whose
 * `kube-platform.io/tenant` annotation names a tenant on a cluster.
 */
export function isTenantAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === KUBERNETES_NAMESPACE_RESOURCE_TYPE &&
    tenantRefOf(entity) !== undefined
  );
}
