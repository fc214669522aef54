import {
  parseQuantity,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';

/** The single Pod request that must overflow the quota. */
export interface QuotaProbe {
  resource: 'cpu' | 'memory';
  /** Just above what remains: CPU in millicores, memory in bytes. */
  request: string;
}

/** The parts of a tenant's spec that bound a single Pod's requests. */
export interface QuotaProbeLimits {
  quota: Pick<TenantSpec['quota'], 'requests.cpu' | 'requests.memory'>;
  limitRange: {
    container: Pick<TenantSpec['limitRange']['container'], 'max'>;
    pod: TenantSpec['limitRange']['pod'];
  };
}

/**
 * Which Pod proves the ResourceQuota is enforced: one requesting just over the
 * remaining CPU (else memory) requests. The LimitRange is admitted first, so only
 * a size both its Pod and container maximums accept can reach the quota;
 * `undefined` when no single Pod can exceed what remains.
 */
export function planQuotaProbe(
  spec: QuotaProbeLimits,
  used: Record<string, string>,
): QuotaProbe | undefined {
  const { quota, limitRange } = spec;
  for (const resource of ['cpu', 'memory'] as const) {
    const hard = parseQuantity(quota[`requests.${resource}`]);
    const remaining = hard - parseQuantity(used[`requests.${resource}`] ?? '0');
    const podMax = parseQuantity(limitRange.pod.max[resource]);
    const containerMax = parseQuantity(limitRange.container.max[resource]);
    if (remaining < Math.min(podMax, containerMax)) {
      const request =
        resource === 'cpu'
          ? `${Math.floor(remaining * 1000) + 1}m`
          : `${Math.floor(remaining) + 1}`;
      return { resource, request };
    }
  }
  return undefined;
}
