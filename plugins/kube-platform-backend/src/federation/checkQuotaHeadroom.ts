import {
  type ContainerResources,
  type FederatedClusterRefusal,
  parseQuantity,
  podResources,
  quotaHeadroom,
  type RenderedCluster,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterCacheService } from '@kube-platform/plugin-kube-platform-node';
import type { StoredTenant } from '../database/TenantStore';

/** Why one cluster cannot take the app's pods (quota pre-flight, or not Ready). */
export type QuotaRefusal = FederatedClusterRefusal;

/**
 * Quota pre-flight of every cluster, computed by us because a Deployment's
 * dry-run does not admit its pods against quota: planned replicas plus the
 * rollout surge, per-pod requests and limits with the tenant's LimitRange
 * defaults, against hard − used of each ResourceQuota in the watch cache.
 * Pods the app already runs there (`current`) are counted as free again.
 */
export function checkQuotaHeadroom(
  clusterCache: Pick<ClusterCacheService, 'forCluster'>,
  namespace: string,
  rendered: readonly RenderedCluster[],
  tenants: Record<string, StoredTenant>,
  current: Record<string, number>,
): QuotaRefusal[] {
  const refusals: QuotaRefusal[] = [];
  for (const { cluster, replicas, objects } of rendered) {
    const deployment = objects.find(o => o.kind === 'Deployment')!;
    const spec = deployment.spec as DeploymentSpec;
    const defaults = tenants[cluster]?.spec.limitRange?.container;
    const perPod = podResources(
      resourcesOf(spec.template?.spec?.containers),
      resourcesOf(spec.template?.spec?.initContainers),
      { default: defaults?.default, defaultRequest: defaults?.defaultRequest },
    );
    const quotas = clusterCache
      .forCluster(cluster)
      .resourceQuotas.list()
      .filter(q => q.namespace === namespace);
    for (const quota of quotas) {
      const headroom = quotaHeadroom({
        replicas,
        maxSurge: spec.strategy?.rollingUpdate?.maxSurge,
        podResources: perPod,
        quota: {
          hard: quota.hard,
          used: freeing(quota.used, perPod, current[cluster] ?? 0),
        },
      });
      for (const s of headroom.shortfalls) {
        refusals.push({
          cluster,
          reason: `ResourceQuota '${quota.name}': ${s.resource} needs ${round(
            s.needed,
          )} for ${headroom.pods} pods but ${round(
            s.available,
          )} is available (hard ${round(s.hard)}, used ${round(s.used)})`,
        });
      }
    }
  }
  return refusals;
}

type DeploymentSpec = {
  strategy?: { rollingUpdate?: { maxSurge?: number | string } };
  template?: {
    spec?: {
      containers?: ContainerResourcesOf[];
      initContainers?: ContainerResourcesOf[];
    };
  };
};
type ContainerResourcesOf = { resources?: ContainerResources };

function resourcesOf(
  containers: ContainerResourcesOf[] = [],
): ContainerResources[] {
  return containers.map(c => c.resources ?? {});
}

/** Usage with the app's own running pods taken out: a rollout replaces them. */
function freeing(
  used: Record<string, string>,
  perPod: ReturnType<typeof podResources>,
  pods: number,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [resource, value] of Object.entries(used)) {
    let each = 0;
    if (resource === 'pods') each = 1;
    else if (resource.startsWith('requests.'))
      each = perPod.requests[resource.slice(9)] ?? 0;
    else if (resource.startsWith('limits.'))
      each = perPod.limits[resource.slice(7)] ?? 0;
    else if (resource === 'cpu' || resource === 'memory')
      each = perPod.requests[resource] ?? 0;
    result[resource] = Math.max(0, parseQuantity(value) - each * pods);
  }
  return result;
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
