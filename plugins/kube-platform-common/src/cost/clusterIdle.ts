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

function nodeIdle(
  node: CostNode,
  onNode: readonly CostAllocation[],
  pricing: CostPricing,
  hours: number,
): ClusterIdleCost {
  const allocatableCpu = parseQuantity(node.allocatable.cpu ?? 0) * hours;
  const allocatableMemory =
    (parseQuantity(node.allocatable.memory ?? 0) / GIB) * hours;
  const usedCpu = onNode.reduce((sum, a) => sum + a.cpuCoreHours, 0);
  const usedMemory = onNode.reduce((sum, a) => sum + a.memoryGiBHours, 0);
  // A node whose pods took more than it offers has no idle, never a negative one.
  const cpuCoreHours = Math.max(0, allocatableCpu - usedCpu);
  const memoryGiBHours = Math.max(0, allocatableMemory - usedMemory);
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
  const hours = Math.max(0, interval.end - interval.start) / HOUR_MS;
  const byNode = new Map<string, CostAllocation[]>();
  for (const allocation of allocations) {
    if (!allocation.node) continue;
    const list = byNode.get(allocation.node) ?? [];
    list.push(allocation);
    byNode.set(allocation.node, list);
  }
  const idle: ClusterIdleCost = {
    cpuCoreHours: 0,
    memoryGiBHours: 0,
    cpuCost: 0,
    memoryCost: 0,
    totalCost: 0,
  };
  for (const node of nodes) {
    const n = nodeIdle(node, byNode.get(node.name) ?? [], pricing, hours);
    idle.cpuCoreHours += n.cpuCoreHours;
    idle.memoryGiBHours += n.memoryGiBHours;
    idle.cpuCost += n.cpuCost;
    idle.memoryCost += n.memoryCost;
    idle.totalCost += n.totalCost;
  }
  return idle;
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
