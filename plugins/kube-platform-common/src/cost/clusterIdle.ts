import { parseQuantity } from '../quantity';
import {
  costEfficiency,
  sumCostFigures,
  type CostFigures,
} from './costFigures';
import type { CostNode } from './costInputs';
import { type CostInterval, HOUR_MS } from './costTime';
import { type CostAllocation, GIB } from './podAllocation';
import { type CostPricing, nodePriceFactor } from './pricing';

/** Idle capacity of a cluster over one interval. */
export interface ClusterIdleCost {
  cpuCoreHours: number;
  memoryGiBHours: number;
  cpuCost: number;
  memoryCost: number;
  totalCost: number;
}

/** Allocated, idle and total cost of a cluster over one interval. */
export interface ClusterCostSummary {
  allocated: CostFigures;
  idle: ClusterIdleCost;
  /** allocated + idle. */
  totalCost: number;
  /** See {@link costEfficiency}; `undefined` when no measured pod was allocated anything. */
  efficiency?: number;
}

/** CPU core-hours and memory GiB-hours allocated on one node. */
export interface NodeAllocated {
  cpuCoreHours: number;
  memoryGiBHours: number;
}

function nodeIdle(
  node: CostNode,
  allocated: NodeAllocated,
  pricing: CostPricing,
  hours: number,
): ClusterIdleCost {
  const allocatableCpu = parseQuantity(node.allocatable.cpu ?? 0) * hours;
  const allocatableMemory =
    (parseQuantity(node.allocatable.memory ?? 0) / GIB) * hours;
  // A node whose pods took more than it offers has no idle, never a negative one.
  const cpuCoreHours = Math.max(0, allocatableCpu - allocated.cpuCoreHours);
  const memoryGiBHours = Math.max(
    0,
    allocatableMemory - allocated.memoryGiBHours,
  );
  const factor = nodePriceFactor(pricing, node.labels);
  const cpuCost = cpuCoreHours * pricing.cpuCoreHour * factor;
  const memoryCost = memoryGiBHours * pricing.memoryGiBHour * factor;
  return {
    cpuCoreHours,
    memoryGiBHours,
    cpuCost,
    memoryCost,
    totalCost: cpuCost + memoryCost,
  };
}

/**
 * Adds allocations one at a time into what each node has allocated (summed in
 * the order added); allocations without a node add to none.
 */
export function createNodeAllocatedAccumulator() {
  const byNode = new Map<string, NodeAllocated>();
  return {
    add(a: Pick<CostAllocation, 'node' | 'cpuCoreHours' | 'memoryGiBHours'>) {
      if (!a.node) return;
      const sums = byNode.get(a.node);
      if (sums) {
        sums.cpuCoreHours += a.cpuCoreHours;
        sums.memoryGiBHours += a.memoryGiBHours;
      } else {
        byNode.set(a.node, {
          // From zero, as the sum over a list would start.
          cpuCoreHours: 0 + a.cpuCoreHours,
          memoryGiBHours: 0 + a.memoryGiBHours,
        });
      }
    },
    byNode: (): ReadonlyMap<string, NodeAllocated> => byNode,
  };
}

/** {@link computeClusterIdle} from what each node has allocated. */
export function clusterIdleOf(
  nodes: readonly CostNode[],
  allocatedByNode: ReadonlyMap<string, NodeAllocated>,
  pricing: CostPricing,
  interval: CostInterval,
): ClusterIdleCost {
  const hours = Math.max(0, interval.end - interval.start) / HOUR_MS;
  const none: NodeAllocated = { cpuCoreHours: 0, memoryGiBHours: 0 };
  const idle: ClusterIdleCost = {
    cpuCoreHours: 0,
    memoryGiBHours: 0,
    cpuCost: 0,
    memoryCost: 0,
    totalCost: 0,
  };
  for (const node of nodes) {
    const n = nodeIdle(
      node,
      allocatedByNode.get(node.name) ?? none,
      pricing,
      hours,
    );
    idle.cpuCoreHours += n.cpuCoreHours;
    idle.memoryGiBHours += n.memoryGiBHours;
    idle.cpuCost += n.cpuCost;
    idle.memoryCost += n.memoryCost;
    idle.totalCost += n.totalCost;
  }
  return idle;
}

/**
 * Idle cost of a cluster: per node, (allocatable × hours − allocated) × prices
 * × the node's price factor, clamped at zero per node and resource, summed. The
 * nodes are taken as present for the whole interval; allocations on unknown
 * nodes add to no node's use. Storage has no idle part (volumes are charged
 * whole to their claims).
 */
export function computeClusterIdle(
  nodes: readonly CostNode[],
  allocations: readonly CostAllocation[],
  pricing: CostPricing,
  interval: CostInterval,
): ClusterIdleCost {
  const allocated = createNodeAllocatedAccumulator();
  for (const allocation of allocations) allocated.add(allocation);
  return clusterIdleOf(nodes, allocated.byNode(), pricing, interval);
}

/** Allocated, idle, total and efficiency of a cluster over one interval. */
export function summarizeClusterCost(
  nodes: readonly CostNode[],
  allocations: readonly CostAllocation[],
  pricing: CostPricing,
  interval: CostInterval,
): ClusterCostSummary {
  const allocated = sumCostFigures(allocations);
  const idle = computeClusterIdle(nodes, allocations, pricing, interval);
  const efficiency = costEfficiency(allocated);
  return {
    allocated,
    idle,
    totalCost: allocated.totalCost + idle.totalCost,
    ...(efficiency === undefined ? {} : { efficiency }),
  };
}
