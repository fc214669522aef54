import { computeClusterAllocations } from './clusterAllocation';
import { summarizeClusterCost } from './clusterIdle';
import type { CostNode, CostPod } from './costInputs';
import { resolvePricing } from './pricing';

const T0 = Date.UTC(2026, 0, 1, 10);
const hour = { start: T0, end: T0 + 3_600_000 };
const pricing = resolvePricing({
  nodePriceFactors: [
    { selector: { matchLabels: { lifecycle: 'spot' } }, factor: 0.3 },
  ],
});
const nodes: CostNode[] = [
  { name: 'a', labels: {}, allocatable: { cpu: '4', memory: '16Gi' } },
  {
    name: 'b',
    labels: { lifecycle: 'spot' },
    allocatable: { cpu: '2', memory: '8Gi' },
  },
];

function pod(name: string, nodeName: string, rest: Partial<CostPod>): CostPod {
  return {
    namespace: 'tenant-a',
    name,
    workload: `Deployment/${name}`,
    labels: {},
    nodeName,
    startTime: T0 - 1,
    requests: {},
    ...rest,
  };
}

const pods: CostPod[] = [
  pod('p1', 'a', { requests: { cpu: '1', memory: '4Gi' } }),
  pod('p2', 'a', {
    requests: { cpu: '500m', memory: '2Gi' },
    usage: { cpu: '1500m', memory: '1Gi' },
  }),
  pod('p3', 'b', {
    requests: { cpu: '1', memory: '1Gi' },
    usage: { cpu: '2500m', memory: '512Mi' },
  }),
];

function summary(input: CostPod[]) {
  const { allocations } = computeClusterAllocations(
    { pricing, nodes, pods: input, claims: [] },
    hour,
  );
  return summarizeClusterCost(nodes, allocations, pricing, hour);
}

describe('summarizeClusterCost', () => {
  it('prices what nodes offer and pods did not take, per node, never below zero', () => {
    const result = summary(pods);
    // Node a: allocated cpu 1 + max(0.5, 1.5) = 2.5 core-h of 4 → idle 1.5 × 0.05 = 0.075
    //         allocated memory 4 + 2 = 6 GiB-h of 16 → idle 10 × 0.01 = 0.1
    // Node b (spot 0.3): cpu max(1, 2.5) = 2.5 > 2 → idle 0 (not −0.5)
    //         memory 1 of 8 → idle 7 × 0.01 × 0.3 = 0.021
    expect(result.idle.cpuCoreHours).toBeCloseTo(1.5, 12);
    expect(result.idle.memoryGiBHours).toBeCloseTo(17, 12);
    expect(result.idle.cpuCost).toBeCloseTo(0.075, 12);
    expect(result.idle.memoryCost).toBeCloseTo(0.121, 12);
    expect(result.idle.totalCost).toBeCloseTo(0.196, 12);
    // Allocated: p1 1 × 0.05 + 4 × 0.01 = 0.09
    //            p2 1.5 × 0.05 + 2 × 0.01 = 0.095
    //            p3 (2.5 × 0.05 + 1 × 0.01) × 0.3 = 0.135 × 0.3 = 0.0405
    expect(result.allocated.totalCost).toBeCloseTo(0.2255, 12);
    expect(result.totalCost).toBeCloseTo(0.2255 + 0.196, 12);
  });

  it('computes efficiency over the measured pods only', () => {
    const result = summary(pods);
    // p2 usage 1.5 × 0.05 + 1 × 0.01 = 0.085 of 0.095 allocated
    // p3 usage (2.5 × 0.05 + 0.5 × 0.01) × 0.3 = 0.039 of 0.0405
    // p1 (requests only) is left out: (0.085 + 0.039) / (0.095 + 0.0405) = 0.124 / 0.1355
    expect(result.efficiency).toBeCloseTo(0.124 / 0.1355, 12);
  });

  it('has no efficiency when no measured pod was allocated anything', () => {
    expect(summary([pods[0]]).efficiency).toBeUndefined();
    const empty = summary([]);
    expect(empty.efficiency).toBeUndefined();
    // An empty cluster is all idle: (4 + 2 × 0.3) × 0.05 + (16 + 8 × 0.3) × 0.01 = 0.23 + 0.184
    expect(empty.idle.totalCost).toBeCloseTo(0.414, 12);
    expect(empty.allocated.totalCost).toBe(0);
  });
});
