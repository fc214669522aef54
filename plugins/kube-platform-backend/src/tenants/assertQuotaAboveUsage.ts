import { ConflictError } from '@backstage/errors';
import {
  computeQuotaUsage,
  parseQuantity,
  type TenantQuota,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterCacheService } from '@kube-platform/plugin-kube-platform-node';
import type { StoredTenant } from '../database/TenantStore';

/**
 * A hard limit below what the namespace already uses (from the watch cache)
 * would leave the tenant over quota: 409 naming the first such key.
 */
export function assertQuotaAboveUsage(
  clusterCache: ClusterCacheService,
  tenant: StoredTenant,
  quota: Partial<TenantQuota>,
): void {
  const live = clusterCache
    .forCluster(tenant.cluster)
    .resourceQuotas.list()
    .filter(q => q.namespace === tenant.namespace && q.name === 'tenant-quota');
  const usage = computeQuotaUsage(live);
  for (const [key, hard] of Object.entries(quota)) {
    const used = usage.find(u => u.resource === key)?.used;
    if (used !== undefined && parseQuantity(hard!) < parseQuantity(used)) {
      throw new ConflictError(
        `quota.${key}: ${hard} is below the ${used} already used in ${tenant.namespace}; set force to apply anyway`,
      );
    }
  }
}
