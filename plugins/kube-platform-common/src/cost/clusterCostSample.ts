import type { UnchargedClaim } from './claimAllocation';
import {
  type ClusterCostInput,
  visitClusterAllocations,
} from './clusterAllocation';
import {
  type ClusterIdleCost,
  clusterIdleOf,
  createNodeAllocatedAccumulator,
} from './clusterIdle';
import { type CostHourlyRow, createHourlyRowAccumulator } from './costRows';
import { type CostInterval, splitAtUtcHours, startOfUtcHour } from './costTime';

/** What one sample of one cluster adds to the history. */
export interface ClusterCostSample {
  cluster: string;
  interval: CostInterval;
  /**
   * Key of the sample: (cluster, interval start). Store it under a unique
   * constraint in the same transaction as the rows, so a second run of the same
   * interval (a restart, another replica) writes nothing.
   */
  idempotencyKey: string;
  /** Additions to hourly rows; an interval across an hour boundary adds to both hours. */
  rows: CostHourlyRow[];
  /** Idle cost of the cluster over the interval. */
  idle: ClusterIdleCost;
  unchargedClaims: UnchargedClaim[];
  measuredPods: number;
  estimatedPods: number;
}

/** Key of a sample of a cluster's interval: `<cluster>@<ISO start>`. */
export function costSampleKey(cluster: string, intervalStart: number): string {
  return `${cluster}@${new Date(intervalStart).toISOString()}`;
}

/**
 * Cost of one cluster over one interval, cut at UTC hour boundaries, as the
 * hourly rows to add and the cluster's idle cost. Pure: the state of the
 * cluster is the caller's snapshot.
 */
export function sampleClusterCost(
  cluster: string,
  input: ClusterCostInput,
  interval: CostInterval,
  now: number = interval.end,
): ClusterCostSample {
  const sample: ClusterCostSample = {
    cluster,
    interval,
    idempotencyKey: costSampleKey(cluster, interval.start),
    rows: [],
    idle: {
      cpuCoreHours: 0,
      memoryGiBHours: 0,
      cpuCost: 0,
      memoryCost: 0,
      totalCost: 0,
    },
    unchargedClaims: [],
    measuredPods: 0,
    estimatedPods: 0,
  };
  for (const slice of splitAtUtcHours(interval)) {
    const hourStart = startOfUtcHour(slice.start);
    const rows = createHourlyRowAccumulator(cluster, hourStart);
    const allocated = createNodeAllocatedAccumulator();
    // Each pod's allocation is added as it is priced, never held: 100 000 pods stay cheap.
    const result = visitClusterAllocations(
      input,
      slice,
      a => {
        rows.add(a);
        allocated.add(a);
      },
      now,
    );
    const idle = clusterIdleOf(
      input.nodes,
      allocated.byNode(),
      input.pricing,
      slice,
    );
    for (const row of rows.rows()) sample.rows.push(row);
    for (const key of Object.keys(idle) as Array<keyof ClusterIdleCost>) {
      sample.idle[key] += idle[key];
    }
    // The same pods and claims are in every slice: report them once.
    sample.unchargedClaims = result.unchargedClaims;
    sample.measuredPods = Math.max(sample.measuredPods, result.measuredPods);
    sample.estimatedPods = Math.max(sample.estimatedPods, result.estimatedPods);
  }
  return sample;
}
