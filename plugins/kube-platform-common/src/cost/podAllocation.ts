import type { CostFigures } from './costFigures';
import type { CostPod } from './costInputs';
import { type CostInterval, overlapHours } from './costTime';
import type { CostPricing } from './pricing';
import { createQuantityParser } from './quantityCache';

/** Bytes in a GiB. */
export const GIB = 2 ** 30;

/** Where the CPU and memory figures of a pod came from. */
export type CostUsageSource = 'metrics' | 'requests';

/** Cost of one pod (or of one unmounted claim) over one interval. */
export interface CostAllocation extends CostFigures {
  namespace: string;
  workload: string;
  /** The pod; absent for a bound claim no running pod mounted. */
  pod?: string;
  labels: Record<string, string>;
  node?: string;
  /** Hours the pod ran inside the interval. */
  hours: number;
  /** Absent on an unmounted claim's row, which has no CPU or memory. */
  usageSource?: CostUsageSource;
  /** Factor applied to CPU and memory prices by the node's labels. */
  priceFactor: number;
}

/** Hours the pod ran in the interval: the overlap of [startTime, endTime or now). */
export function podRunningHours(
  pod: Pick<CostPod, 'startTime' | 'endTime'>,
  interval: CostInterval,
  now: number = interval.end,
): number {
  if (pod.startTime === undefined) return 0;
  return overlapHours(interval, pod.startTime, pod.endTime ?? now);
}

/**
 * CPU and memory cost of a pod over `hours`, by OpenCost's rule: each resource
 * is charged at max(request, usage), so a pod pays for what it reserved and for
 * what it took beyond that. Without a usage reading the requests stand in and
 * `usageSource` says so. The node's price factor scales both prices.
 */
export function podComputeFigures(
  pod: CostPod,
  hours: number,
  pricing: CostPricing,
  priceFactor: number,
  quantity: (
    value: string | number | undefined,
  ) => number = createQuantityParser(),
): CostFigures & { usageSource: CostUsageSource } {
  return writePodComputeFigures(
    {} as CostFigures & { usageSource: CostUsageSource },
    pod,
    pod.usage,
    hours,
    pricing,
    priceFactor,
    quantity,
  );
}

/**
 * {@link podComputeFigures} with the usage given apart from the pod, written
 * onto `target` (a sample prices 100 000 pods: one object each, not two).
 */
export function writePodComputeFigures<
  T extends CostFigures & { usageSource?: CostUsageSource },
>(
  target: T,
  pod: Pick<CostPod, 'requests'>,
  usage: CostPod['usage'],
  hours: number,
  pricing: CostPricing,
  priceFactor: number,
  quantity: (value: string | number | undefined) => number,
): T & { usageSource: CostUsageSource } {
  const requestCpu = quantity(pod.requests.cpu);
  const requestMemory = quantity(pod.requests.memory) / GIB;
  const measured = usage !== undefined;
  const usageCpu = quantity(usage?.cpu);
  const usageMemory = quantity(usage?.memory) / GIB;
  const cpuCoreHours = Math.max(requestCpu, usageCpu) * hours;
  const memoryGiBHours = Math.max(requestMemory, usageMemory) * hours;
  const cpuPrice = pricing.cpuCoreHour * priceFactor;
  const memoryPrice = pricing.memoryGiBHour * priceFactor;
  const cpuCost = cpuCoreHours * cpuPrice;
  const memoryCost = memoryGiBHours * memoryPrice;
  const result = target as T & { usageSource: CostUsageSource };
  result.usageSource = measured ? 'metrics' : 'requests';
  result.cpuCoreHours = cpuCoreHours;
  result.memoryGiBHours = memoryGiBHours;
  result.storageGiBHours = 0;
  result.cpuCost = cpuCost;
  result.memoryCost = memoryCost;
  result.storageCost = 0;
  result.totalCost = cpuCost + memoryCost;
  // Only measured pods tell how much of their allocation they used.
  result.usageCost = measured
    ? (usageCpu * cpuPrice + usageMemory * memoryPrice) * hours
    : 0;
  result.meteredCost = measured ? cpuCost + memoryCost : 0;
  return result;
}
