import type { ClusterCapacity } from './cluster';
import { parseQuantity } from './quantity';

/** The fields of a Node that capacity needs; what the watch cache keeps. */
export interface NodeCapacityInput {
  name: string;
  ready: boolean;
  allocatable: Record<string, string>;
}

/** The fields of a ResourceQuota that capacity needs. */
export interface QuotaCapacityInput {
  namespace: string;
  name: string;
  hard: Record<string, string>;
}

function quantityOrZero(value: string | undefined): number {
  if (value === undefined) return 0;
  try {
    return parseQuantity(value);
  } catch {
    return 0;
  }
}

function ratio(numerator: number, denominator: number): number | undefined {
  return denominator > 0 ? numerator / denominator : undefined;
}

/**
 * Capacity of a cluster against the quota promised to its tenants. Only Ready
 * nodes count as allocatable; quota uses `requests.*` and falls back to the
 * bare `cpu`/`memory` keys, which Kubernetes treats as the same thing.
 */
export function computeClusterCapacity(input: {
  nodes: NodeCapacityInput[];
  quotas: QuotaCapacityInput[];
  tenants: number;
}): ClusterCapacity {
  const readyNodes = input.nodes.filter(n => n.ready);
  const allocatableCpu = readyNodes.reduce(
    (sum, n) => sum + quantityOrZero(n.allocatable.cpu),
    0,
  );
  const allocatableMemory = readyNodes.reduce(
    (sum, n) => sum + quantityOrZero(n.allocatable.memory),
    0,
  );
  const quotaCpu = input.quotas.reduce(
    (sum, q) => sum + quantityOrZero(q.hard['requests.cpu'] ?? q.hard.cpu),
    0,
  );
  const quotaMemory = input.quotas.reduce(
    (sum, q) =>
      sum + quantityOrZero(q.hard['requests.memory'] ?? q.hard.memory),
    0,
  );
  return {
    nodesTotal: input.nodes.length,
    nodesReady: readyNodes.length,
    allocatableCpu,
    allocatableMemory,
    quotaCpu,
    quotaMemory,
    cpuOvercommit: ratio(quotaCpu, allocatableCpu),
    memoryOvercommit: ratio(quotaMemory, allocatableMemory),
    tenants: input.tenants,
  };
}
