/**
 * Quantities and money that add up: what one pod, one workload hour or one
 * whole report costs. Every field is a sum, so figures merge by addition.
 */
export interface CostFigures {
  /** CPU core-hours allocated: max(request, usage) × hours. */
  cpuCoreHours: number;
  /** Memory GiB-hours allocated: max(request, usage) × hours. */
  memoryGiBHours: number;
  /** GiB-hours of bound PersistentVolumeClaims. */
  storageGiBHours: number;
  cpuCost: number;
  memoryCost: number;
  storageCost: number;
  /** cpuCost + memoryCost + storageCost. */
  totalCost: number;
  /**
   * CPU and memory cost of the measured usage, from pods whose usage came from
   * metrics only; pods priced from requests add nothing here.
   */
  usageCost: number;
  /** CPU and memory cost allocated to those same measured pods. */
  meteredCost: number;
}

/** Figures of nothing. */
export function zeroCostFigures(): CostFigures {
  return {
    cpuCoreHours: 0,
    memoryGiBHours: 0,
    storageGiBHours: 0,
    cpuCost: 0,
    memoryCost: 0,
    storageCost: 0,
    totalCost: 0,
    usageCost: 0,
    meteredCost: 0,
  };
}

/** Sum of two figures (new object, inputs untouched). */
export function addCostFigures(a: CostFigures, b: CostFigures): CostFigures {
  return {
    cpuCoreHours: a.cpuCoreHours + b.cpuCoreHours,
    memoryGiBHours: a.memoryGiBHours + b.memoryGiBHours,
    storageGiBHours: a.storageGiBHours + b.storageGiBHours,
    cpuCost: a.cpuCost + b.cpuCost,
    memoryCost: a.memoryCost + b.memoryCost,
    storageCost: a.storageCost + b.storageCost,
    totalCost: a.totalCost + b.totalCost,
    usageCost: a.usageCost + b.usageCost,
    meteredCost: a.meteredCost + b.meteredCost,
  };
}

/** Adds `f` into `total` in place (for sums over many rows without garbage). */
export function accumulateCostFigures(
  total: CostFigures,
  f: CostFigures,
): void {
  total.cpuCoreHours += f.cpuCoreHours;
  total.memoryGiBHours += f.memoryGiBHours;
  total.storageGiBHours += f.storageGiBHours;
  total.cpuCost += f.cpuCost;
  total.memoryCost += f.memoryCost;
  total.storageCost += f.storageCost;
  total.totalCost += f.totalCost;
  total.usageCost += f.usageCost;
  total.meteredCost += f.meteredCost;
}

/** Sum of any number of figures. */
export function sumCostFigures(figures: Iterable<CostFigures>): CostFigures {
  const total = zeroCostFigures();
  for (const f of figures) accumulateCostFigures(total, f);
  return total;
}

/**
 * Usage cost / allocated cost over the pods whose usage was measured, CPU and
 * memory only (storage has no usage reading). `undefined` when no measured pod
 * was allocated anything: there is nothing to be efficient about, and pods
 * priced from their requests tell nothing about their use.
 */
export function costEfficiency(figures: CostFigures): number | undefined {
  return figures.meteredCost > 0
    ? figures.usageCost / figures.meteredCost
    : undefined;
}
