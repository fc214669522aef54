import { parseQuantity } from '../quantity';
import type { TenantQuota } from '../tenant';
import { DEFAULT_COST_PRICES } from './pricing';

/**
 * Hours in the month the estimate prices: a fixed 30-day month (720 h), so a
 * request shows the same figure whichever month it is made in; a 31-day month
 * costs 1/30 more, February 2/30 or 3/30 less.
 */
export const QUOTA_COST_MONTH_HOURS = 30 * 24;

const GIB = 2 ** 30;

/** Prices the estimate needs; a cluster's `CostPricing` has them. */
export interface QuotaPrices {
  cpuCoreHour: number;
  memoryGiBHour: number;
  storageGiBHour: number;
  currency: string;
}

/** What a tenant's quota costs per month when the namespace uses all of it. */
export interface QuotaMonthlyCost {
  /** cpu + memory + storage, rounded to cents. */
  amount: number;
  currency: string;
  /** How the amount was reached, in one sentence for people. */
  basis: string;
  /** Hours priced: {@link QUOTA_COST_MONTH_HOURS}. */
  hours: number;
  cpu: { cores: number; cost: number };
  memory: { gib: number; cost: number };
  storage: { gib: number; cost: number };
}

/** The guard-rails report with the quota's monthly cost (`POST /tenants/guardrails`). */
export interface TenantGuardrailsCostEstimate {
  /** Absent when the backend does not price clusters. */
  monthlyCostAtFullUse?: QuotaMonthlyCost;
}

type QuotaKeyOf = keyof TenantQuota;

function amountOf(quota: Partial<TenantQuota>, key: QuotaKeyOf): number {
  const value = quota[key];
  return value === undefined ? 0 : parseQuantity(value);
}

// The cost model allocates max(request, usage) and usage stops at the limit, so
// a namespace at full use is allocated its limits (or its requests, if higher).
function fullUse(
  quota: Partial<TenantQuota>,
  resource: 'cpu' | 'memory',
): number {
  return Math.max(
    amountOf(quota, `requests.${resource}`),
    amountOf(quota, `limits.${resource}`),
  );
}

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * The monthly cost of a tenant quota at full use: CPU and memory at the
 * greater of the quota's `limits.*` and `requests.*` (what the cost model
 * allocates when every pod uses up to its limit), storage at `requests.storage`
 * (the capacity of every claim the quota allows, at the cluster's default
 * storage price, since the quota does not say which class), times the prices,
 * times {@link QUOTA_COST_MONTH_HOURS}. Resources the quota leaves out cost 0.
 * Without prices, the reference's defaults.
 *
 * @throws TypeError when a quota value is not a quantity.
 */
export function quotaMonthlyCost(
  quota: Partial<TenantQuota>,
  prices: QuotaPrices = DEFAULT_COST_PRICES,
): QuotaMonthlyCost {
  const hours = QUOTA_COST_MONTH_HOURS;
  const cores = fullUse(quota, 'cpu');
  const memoryGiB = fullUse(quota, 'memory') / GIB;
  const storageGiB = amountOf(quota, 'requests.storage') / GIB;
  const cpuCost = cores * prices.cpuCoreHour * hours;
  const memoryCost = memoryGiB * prices.memoryGiBHour * hours;
  const storageCost = storageGiB * prices.storageGiBHour * hours;
  return {
    amount: cents(cpuCost + memoryCost + storageCost),
    currency: prices.currency,
    basis: `${cores} CPU cores, ${memoryGiB} GiB of memory and ${storageGiB} GiB of storage for ${hours} hours (a 30-day month)`,
    hours,
    cpu: { cores, cost: cents(cpuCost) },
    memory: { gib: memoryGiB, cost: cents(memoryCost) },
    storage: { gib: storageGiB, cost: cents(storageCost) },
  };
}
