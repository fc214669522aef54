import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  computeQuotaUsage,
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
  type NamespaceQuotaUsage,
} from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterRegistry,
} from '@kube-platform/plugin-kube-platform-node';
import type { StoredTenant } from '../database/TenantStore';

/** The stock Kubernetes plugin's namespace annotation. */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

type Placement = { cluster?: string; namespace: string; tenant?: string };

/**
 * `kube-platform.io/tenant` holds `<cluster>/<tenant name>` or just the tenant
 * name; the namespace comes from the stored tenant (it may carry a prefix).
 */
function placementsOfTenantAnnotation(
  value: string,
  tenants: StoredTenant[],
): Placement[] {
  const [first, second] = value.split('/');
  const cluster = second ? first : undefined;
  const name = second ?? first;
  const matches = tenants.filter(
    t => t.name === name && (!cluster || t.cluster === cluster),
  );
  if (matches.length > 0) {
    return matches.map(t => ({
      cluster: t.cluster,
      namespace: t.namespace,
      tenant: t.name,
    }));
  }
  return [{ cluster, namespace: name, tenant: name }];
}

/**
 * Which namespaces an entity's quota covers: a Group its tenants; a
 * kubernetes-namespace Resource itself; a Component or System the namespaces
 * named by its annotations (on every cluster that has them).
 */
export function namespacesOfEntity(
  entity: Entity,
  tenants: StoredTenant[],
): Placement[] {
  const ref = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'group') {
    return tenants
      .filter(t => t.owner === ref)
      .map(t => ({
        cluster: t.cluster,
        namespace: t.namespace,
        tenant: t.name,
      }));
  }
  const placements: Placement[] = [];
  const tenantAnnotation = annotations[KUBE_PLATFORM_ANNOTATIONS.tenant];
  if (tenantAnnotation)
    placements.push(...placementsOfTenantAnnotation(tenantAnnotation, tenants));
  if (
    kind === 'resource' &&
    entity.spec?.type === KUBERNETES_NAMESPACE_RESOURCE_TYPE &&
    !tenantAnnotation
  ) {
    placements.push({
      cluster: annotations[KUBE_PLATFORM_ANNOTATIONS.cluster],
      namespace:
        annotations[KUBERNETES_NAMESPACE_ANNOTATION] ?? entity.metadata.name,
    });
  }
  if (
    (kind === 'component' || kind === 'system') &&
    annotations[KUBERNETES_NAMESPACE_ANNOTATION]
  ) {
    placements.push({
      namespace: annotations[KUBERNETES_NAMESPACE_ANNOTATION],
    });
  }
  return placements;
}

/** Quota usage for the entity's namespaces, read from the watch caches only. */
export function entityQuotaUsage(
  placements: Placement[],
  deps: {
    clusterRegistry: ClusterRegistry;
    clusterCache: ClusterCacheService;
    tenants: StoredTenant[];
  },
): NamespaceQuotaUsage[] {
  const result: NamespaceQuotaUsage[] = [];
  const seen = new Set<string>();
  for (const placement of placements) {
    const clusters = placement.cluster
      ? deps.clusterRegistry
          .listClusters()
          .filter(c => c.name === placement.cluster)
      : deps.clusterRegistry.listClusters();
    for (const cluster of clusters) {
      const key = `${cluster.name}/${placement.namespace}`;
      if (seen.has(key)) continue;
      const cache = deps.clusterCache.forCluster(cluster.name);
      const quotas = cache.resourceQuotas
        .list()
        .filter(q => q.namespace === placement.namespace);
      const exists = cache.namespaces
        .list()
        .some(ns => ns.name === placement.namespace);
      // Without a cluster, only clusters that have the namespace count.
      if (!placement.cluster && !exists) continue;
      seen.add(key);
      const tenant =
        placement.tenant ??
        deps.tenants.find(
          t =>
            t.cluster === cluster.name && t.namespace === placement.namespace,
        )?.name;
      result.push({
        cluster: cluster.name,
        namespace: placement.namespace,
        tenant,
        resources: computeQuotaUsage(quotas),
      });
    }
  }
  return result;
}
