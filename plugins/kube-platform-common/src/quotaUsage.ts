import { parseQuantity } from './quantity';

/** How close a resource is to its hard limit. */
export type QuotaLevel = 'ok' | 'warning' | 'critical';

/** Usage of one ResourceQuota key. */
export interface QuotaResourceUsage {
  /** ResourceQuota key, e.g. `requests.cpu` or `pods`. */
  resource: string;
  hard: string;
  used: string;
  /** `used` / `hard`; 0 when hard is 0 and nothing is used, Infinity when over a 0 limit. */
  ratio: number;
  level: QuotaLevel;
}

/** Quota usage of one namespace on one cluster. */
export interface NamespaceQuotaUsage {
  cluster: string;
  namespace: string;
  /** Tenant name when Kube Platform manages the namespace. */
  tenant?: string;
  resources: QuotaResourceUsage[];
}

/** Usage thresholds: warning from 80 %, critical from 90 %. */
export const QUOTA_THRESHOLDS = { warning: 0.8, critical: 0.9 } as const;

/** The level of a usage ratio. */
export function quotaLevel(ratio: number): QuotaLevel {
  if (ratio >= QUOTA_THRESHOLDS.critical) return 'critical';
  if (ratio >= QUOTA_THRESHOLDS.warning) return 'warning';
  return 'ok';
}

/**
 * Usage per resource from a ResourceQuota's status. Several quotas in one
 * namespace are merged by taking, per key, the tightest (highest ratio) one,
 * since that is the limit a workload will hit first.
 */
export function computeQuotaUsage(
  quotas: Array<{ hard: Record<string, string>; used: Record<string, string> }>,
): QuotaResourceUsage[] {
  const byResource = new Map<string, QuotaResourceUsage>();
  for (const quota of quotas) {
    for (const [resource, hard] of Object.entries(quota.hard)) {
      const used = quota.used[resource] ?? '0';
      let hardValue: number;
      let usedValue: number;
      try {
        hardValue = parseQuantity(hard);
        usedValue = parseQuantity(used);
      } catch {
        continue;
      }
      let ratio: number;
      if (hardValue > 0) ratio = usedValue / hardValue;
      else ratio = usedValue > 0 ? Infinity : 0;
      const usage = {
        resource,
        hard,
        used,
        ratio,
        level: quotaLevel(hardValue === 0 && usedValue === 0 ? 0 : ratio),
      };
      const existing = byResource.get(resource);
      if (!existing || usage.ratio > existing.ratio) {
        byResource.set(resource, usage);
      }
    }
  }
  return [...byResource.values()].sort((a, b) =>
    a.resource.localeCompare(b.resource),
  );
}
