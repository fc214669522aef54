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

/** Writes a pod's cost over the interval onto `a` (storage still zero); false when it did not run. */
function writePodAllocation(
  a: CostAllocation,
  pod: CostPod,
  context: AllocationContext,
): boolean {
  const hours = podRunningHours(pod, context.interval, context.now);
  if (hours === 0) return false;
  const priceFactor =
    (pod.nodeName ? context.nodeFactors.get(pod.nodeName) : undefined) ??
    nodePriceFactor(context.pricing, undefined);
  a.namespace = pod.namespace;
  a.workload = pod.workload;
  a.pod = pod.name;
  a.labels = pod.labels;
  a.node = pod.nodeName;
  a.hours = hours;
  a.priceFactor = priceFactor;
  writePodComputeFigures(
    a,
    pod,
    pod.usage ?? context.usageOf?.(pod),
    hours,
    context.pricing,
    priceFactor,
    context.quantity,
  );
  return true;
}

/** A claim's charge and its place among the charges (storage adds up in that order). */
interface ChargeEntry {
  index: number;
  charge: ClaimCharge;
}

/** Keys of the distinct claims a pod mounts. */
function mountedClaimKeys(pod: CostPod): Set<string> {
  return new Set((pod.claimNames ?? []).map(c => claimKey(pod.namespace, c)));
}

/** Hours the pods that ran in the interval mounted each claim, summed in pod order. */
function mountedHours(
  pods: readonly CostPod[],
  context: AllocationContext,
): Map<string, number> {
  const hoursByClaim = new Map<string, number>();
  for (const pod of pods) {
    if (!pod.claimNames?.length) continue;
    const hours = podRunningHours(pod, context.interval, context.now);
    if (hours === 0) continue;
    for (const key of mountedClaimKeys(pod)) {
      hoursByClaim.set(key, (hoursByClaim.get(key) ?? 0) + hours);
    }
  }
  return hoursByClaim;
}

/**
 * Puts the storage of the claims a pod mounts on its allocation, in proportion
 * to the hours it ran among all pods mounting each claim (a claim shared by
 * two pods is paid once, half each), claim by claim in the charges' order.
 */
function addMountedStorage(
  a: CostAllocation,
  pod: CostPod,
  charged: ReadonlyMap<string, ChargeEntry[]>,
  hoursByClaim: ReadonlyMap<string, number>,
): void {
  const mounted = [...mountedClaimKeys(pod)]
    .flatMap(key => (charged.get(key) ?? []).map(entry => ({ key, entry })))
    .sort((x, y) => x.entry.index - y.entry.index);
  for (const { key, entry } of mounted) {
    const share = a.hours / hoursByClaim.get(key)!;
    a.storageGiBHours += entry.charge.storageGiBHours * share;
    a.storageCost += entry.charge.storageCost * share;
    a.totalCost += entry.charge.storageCost * share;
  }
}

/** A bound claim no running pod mounted: a row of its own, so its cost is still counted. */
function unmountedClaimAllocation(charge: ClaimCharge): CostAllocation {
  return {
    ...zeroCostFigures(),
    namespace: charge.namespace,
    workload: `PersistentVolumeClaim/${charge.name}`,
    labels: {},
    hours: 0,
    priceFactor: 1,
    storageGiBHours: charge.storageGiBHours,
    storageCost: charge.storageCost,
    totalCost: charge.storageCost,
  };
}

function allocationContext(
  input: ClusterCostInput,
  interval: CostInterval,
  now: number,
): AllocationContext {
  return {
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
}

/**
 * Calls `visit` with the cost of every pod that ran in [start, end), in pod
 * order, then with one row per bound claim no running pod mounted (workload
 * `PersistentVolumeClaim/<name>`). A pod's allocation is one object reused for
 * every pod, valid only during the call: copy what you keep. This is how a
 * sample of 100 000 pods adds them up without holding 100 000 objects.
 */
export function visitClusterAllocations(
  input: ClusterCostInput,
  interval: CostInterval,
  visit: (allocation: Readonly<CostAllocation>) => void,
  now: number = interval.end,
): Omit<ClusterAllocations, 'allocations'> {
  const context = allocationContext(input, interval, now);
  const { charges, uncharged } = chargeClaims(
    input.claims,
    input.pricing,
    interval,
    now,
  );
  const hoursByClaim = mountedHours(input.pods, context);
  const charged = new Map<string, ChargeEntry[]>();
  charges.forEach((charge, index) => {
    const key = claimKey(charge.namespace, charge.name);
    charged.set(key, [...(charged.get(key) ?? []), { index, charge }]);
  });
  const scratch = zeroCostFigures() as CostAllocation;
  let measuredPods = 0;
  let estimatedPods = 0;
  for (const pod of input.pods) {
    if (!writePodAllocation(scratch, pod, context)) continue;
    if (pod.claimNames?.length) {
      addMountedStorage(scratch, pod, charged, hoursByClaim);
    }
    if (scratch.usageSource === 'metrics') measuredPods++;
    else estimatedPods++;
    visit(scratch);
  }
  for (const charge of charges) {
    if (!hoursByClaim.get(claimKey(charge.namespace, charge.name))) {
      visit(unmountedClaimAllocation(charge));
    }
  }
  return { unchargedClaims: uncharged, measuredPods, estimatedPods };
}

/**
 * Cost of every pod and bound claim of a cluster over [start, end), by
 * OpenCost's allocation rule (see {@link podComputeFigures}, {@link chargeClaims}):
 * one allocation per pod that ran, with the storage of the claims it mounts
 * in proportion to the hours it ran, plus one per bound claim no running pod
 * mounted. `now` closes pods still running (default: the interval's end).
 */
export function computeClusterAllocations(
  input: ClusterCostInput,
  interval: CostInterval,
  now: number = interval.end,
): ClusterAllocations {
  const allocations: CostAllocation[] = [];
  const counts = visitClusterAllocations(
    input,
    interval,
    a => allocations.push({ ...a }),
    now,
  );
  return { allocations, ...counts };
}
