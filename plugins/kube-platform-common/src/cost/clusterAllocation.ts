import {
  type ClaimCharge,
  chargeClaims,
  type UnchargedClaim,
} from './claimAllocation';
import { zeroCostFigures } from './costFigures';
import type {
  CostNode,
  CostPersistentVolumeClaim,
  CostPod,
} from './costInputs';
import type { CostInterval } from './costTime';
import {
  type CostAllocation,
  podRunningHours,
  writePodComputeFigures,
} from './podAllocation';
import { type CostPricing, nodePriceFactor } from './pricing';
import { createQuantityParser } from './quantityCache';

/** Everything the model needs about one cluster at sampling time. */
export interface ClusterCostInput {
  pricing: CostPricing;
  nodes: readonly CostNode[];
  pods: readonly CostPod[];
  claims: readonly CostPersistentVolumeClaim[];
  /**
   * Measured usage of a pod that does not carry it in `usage`, e.g. looked up
   * in the metrics API's answer, so the cached pods need not be copied to add it.
   */
  usageOf?: (pod: CostPod) => CostPod['usage'];
}

/** Cost of a cluster's pods and claims over one interval. */
export interface ClusterAllocations {
  /** One row per pod that ran in the interval, plus one per bound claim no running pod mounted. */
  allocations: CostAllocation[];
  /** Claims that cost nothing (not bound), said out loud. */
  unchargedClaims: UnchargedClaim[];
  /** Running pods priced from measured usage. */
  measuredPods: number;
  /** Running pods priced from their requests (no usage reading). */
  estimatedPods: number;
}

function claimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** What every pod of one sample shares: prices, node factors, parsed quantities. */
interface AllocationContext {
  pricing: CostPricing;
  /** Price factor by node name, matched once per node rather than once per pod. */
  nodeFactors: ReadonlyMap<string, number>;
  quantity: (value: string | number | undefined) => number;
  usageOf?: (pod: CostPod) => CostPod['usage'];
  interval: CostInterval;
  now: number;
}

function podAllocation(
  pod: CostPod,
  context: AllocationContext,
): CostAllocation | undefined {
  const hours = podRunningHours(pod, context.interval, context.now);
  if (hours === 0) return undefined;
  const priceFactor =
    (pod.nodeName ? context.nodeFactors.get(pod.nodeName) : undefined) ??
    nodePriceFactor(context.pricing, undefined);
  const allocation = {
    namespace: pod.namespace,
    workload: pod.workload,
    pod: pod.name,
    labels: pod.labels,
    node: pod.nodeName,
    hours,
    priceFactor,
  } as CostAllocation;
  // Figures written onto the allocation itself: one object per pod, not two.
  return writePodComputeFigures(
    allocation,
    pod,
    pod.usage ?? context.usageOf?.(pod),
    hours,
    context.pricing,
    priceFactor,
    context.quantity,
  );
}

/**
 * Puts each claim's storage on the pods that mount it, in proportion to the
 * hours each ran (a claim shared by two pods is paid once, half each); a bound
 * claim no running pod mounted becomes a row of its own, workload
 * `PersistentVolumeClaim/<name>`, so its cost is still counted.
 */
function distributeStorage(
  charges: readonly ClaimCharge[],
  mountedBy: ReadonlyMap<string, CostAllocation[]>,
): CostAllocation[] {
  const claimRows: CostAllocation[] = [];
  for (const charge of charges) {
    const mounting =
      mountedBy.get(claimKey(charge.namespace, charge.name)) ?? [];
    const totalHours = mounting.reduce((sum, a) => sum + a.hours, 0);
    if (totalHours === 0) {
      claimRows.push({
        ...zeroCostFigures(),
        namespace: charge.namespace,
        workload: `PersistentVolumeClaim/${charge.name}`,
        labels: {},
        hours: 0,
        priceFactor: 1,
        storageGiBHours: charge.storageGiBHours,
        storageCost: charge.storageCost,
        totalCost: charge.storageCost,
      });
      continue;
    }
    for (const allocation of mounting) {
      const share = allocation.hours / totalHours;
      allocation.storageGiBHours += charge.storageGiBHours * share;
      allocation.storageCost += charge.storageCost * share;
      allocation.totalCost += charge.storageCost * share;
    }
  }
  return claimRows;
}

/**
 * Cost of every pod and bound claim of a cluster over [start, end), by
 * OpenCost's allocation rule (see {@link podComputeFigures}, {@link chargeClaims}).
 * `now` closes pods still running (default: the interval's end).
 */
export function computeClusterAllocations(
  input: ClusterCostInput,
  interval: CostInterval,
  now: number = interval.end,
): ClusterAllocations {
  const context: AllocationContext = {
    pricing: input.pricing,
    nodeFactors: new Map(
      input.nodes.map(node => [
        node.name,
        nodePriceFactor(input.pricing, node.labels),
      ]),
    ),
    quantity: createQuantityParser(),
    usageOf: input.usageOf,
    interval,
    now,
  };
  const allocations: CostAllocation[] = [];
  const mountedBy = new Map<string, CostAllocation[]>();
  for (const pod of input.pods) {
    const allocation = podAllocation(pod, context);
    if (!allocation) continue;
    allocations.push(allocation);
    if (!pod.claimNames?.length) continue;
    for (const claimName of new Set(pod.claimNames)) {
      const key = claimKey(pod.namespace, claimName);
      const mounting = mountedBy.get(key) ?? [];
      mounting.push(allocation);
      mountedBy.set(key, mounting);
    }
  }
  const { charges, uncharged } = chargeClaims(
    input.claims,
    input.pricing,
    interval,
    now,
  );
  const claimRows = distributeStorage(charges, mountedBy);
  const measuredPods = allocations.filter(
    a => a.usageSource === 'metrics',
  ).length;
  return {
    allocations: [...allocations, ...claimRows],
    unchargedClaims: uncharged,
    measuredPods,
    estimatedPods: allocations.length - measuredPods,
  };
}
