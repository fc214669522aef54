import {
  DAY_MS,
  startOfUtcDay,
  utcMonthOf,
} from '@kube-platform/plugin-kube-platform-common';
import type { CostServices } from './createCostServices';

/** A tenant's cost in the current UTC month so far. */
export interface TenantMonthToDate {
  monthToDate: number;
  currency: string;
  /** First instant of the month, ISO 8601. */
  from: string;
}

/**
 * The cost of a tenant's namespace since the first of the month (daily rows:
 * every workload and claim of the namespace, whoever claims them).
 */
export async function tenantMonthToDate(
  cost: CostServices,
  tenant: { cluster: string; namespace: string },
  now: number,
): Promise<TenantMonthToDate> {
  const month = utcMonthOf(now);
  const rows = await cost.costStore.rows(
    'day',
    { start: month.start, end: startOfUtcDay(now) + DAY_MS },
    { cluster: tenant.cluster, namespaces: [tenant.namespace] },
  );
  return {
    monthToDate: rows.reduce((sum, r) => sum + r.totalCost, 0),
    currency: cost.costSettings.pricingOf(tenant.cluster).currency,
    from: new Date(month.start).toISOString(),
  };
}
