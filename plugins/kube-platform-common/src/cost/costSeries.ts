import {
  costEfficiency,
  type CostFigures,
  sumCostFigures,
  zeroCostFigures,
  accumulateCostFigures,
} from './costFigures';
import type { CostBucketRow } from './costRows';
import {
  type CostInterval,
  DAY_MS,
  HOUR_MS,
  startOfUtcDay,
  startOfUtcHour,
} from './costTime';

/** Width of a series point. */
export type CostStep = 'hour' | 'day';

/** Steps a series may take. */
export const COST_STEPS: readonly CostStep[] = ['hour', 'day'];

/** One point of a cost series: the cost of [start, start + step). */
export interface CostSeriesPoint {
  /** Epoch milliseconds. */
  start: number;
  cpuCost: number;
  memoryCost: number;
  storageCost: number;
  totalCost: number;
}

function stepStart(time: number, step: CostStep): number {
  return step === 'hour' ? startOfUtcHour(time) : startOfUtcDay(time);
}

/**
 * The rows in [from, to) as one point per step, every step present (zero where
 * nothing accrued; gaps in sampling are reported separately, not here). A row
 * counts in the window when its bucket starts in it, so `from` and `to` should
 * lie on bucket boundaries. Daily rows only make a `day` series.
 */
export function costSeries(
  rows: Iterable<CostBucketRow>,
  window: CostInterval,
  step: CostStep,
): CostSeriesPoint[] {
  const width = step === 'hour' ? HOUR_MS : DAY_MS;
  const points = new Map<number, CostSeriesPoint>();
  for (let t = stepStart(window.start, step); t < window.end; t += width) {
    points.set(t, {
      start: t,
      cpuCost: 0,
      memoryCost: 0,
      storageCost: 0,
      totalCost: 0,
    });
  }
  for (const row of rows) {
    if (row.bucketStart < window.start || row.bucketStart >= window.end) {
      continue;
    }
    const point = points.get(stepStart(row.bucketStart, step));
    if (!point) continue;
    point.cpuCost += row.cpuCost;
    point.memoryCost += row.memoryCost;
    point.storageCost += row.storageCost;
    point.totalCost += row.totalCost;
  }
  return [...points.values()];
}

/** What a breakdown groups by. */
export type CostGroupBy = 'cluster' | 'namespace' | 'workload' | 'resource';

/** Groupings a breakdown may take. */
export const COST_GROUP_BYS: readonly CostGroupBy[] = [
  'cluster',
  'namespace',
  'workload',
  'resource',
];

/** One line of a breakdown. */
export interface CostBreakdownItem {
  /** `cluster`, `cluster/namespace`, `cluster/namespace/workload`, or `cpu` | `memory` | `storage`. */
  key: string;
  cluster?: string;
  namespace?: string;
  workload?: string;
  resource?: 'cpu' | 'memory' | 'storage';
  totalCost: number;
  /** Figures of the group; absent for `resource` lines. */
  figures?: CostFigures;
  /** See {@link costEfficiency}; absent when nothing measured was allocated. */
  efficiency?: number;
}

function resourceBreakdown(total: CostFigures): CostBreakdownItem[] {
  return [
    { key: 'cpu', resource: 'cpu', totalCost: total.cpuCost },
    { key: 'memory', resource: 'memory', totalCost: total.memoryCost },
    { key: 'storage', resource: 'storage', totalCost: total.storageCost },
  ];
}

function groupKey(row: CostBucketRow, groupBy: CostGroupBy): string {
  if (groupBy === 'cluster') return row.cluster;
  if (groupBy === 'namespace') return `${row.cluster}/${row.namespace}`;
  return `${row.cluster}/${row.namespace}/${row.workload}`;
}

/**
 * The rows' cost split by cluster, namespace, workload or resource; largest
 * first, ties by key. The items always sum to the rows' total.
 */
export function costBreakdown(
  rows: readonly CostBucketRow[],
  groupBy: CostGroupBy,
): CostBreakdownItem[] {
  if (groupBy === 'resource') return resourceBreakdown(sumCostFigures(rows));
  const groups = new Map<
    string,
    { row: CostBucketRow; figures: CostFigures }
  >();
  for (const row of rows) {
    const key = groupKey(row, groupBy);
    let group = groups.get(key);
    if (!group) {
      group = { row, figures: zeroCostFigures() };
      groups.set(key, group);
    }
    accumulateCostFigures(group.figures, row);
  }
  const items = [...groups.entries()].map(([key, { row, figures }]) => {
    const efficiency = costEfficiency(figures);
    return {
      key,
      cluster: row.cluster,
      ...(groupBy !== 'cluster' ? { namespace: row.namespace } : {}),
      ...(groupBy === 'workload' ? { workload: row.workload } : {}),
      totalCost: figures.totalCost,
      figures,
      ...(efficiency === undefined ? {} : { efficiency }),
    };
  });
  return items.sort(
    (a, b) => b.totalCost - a.totalCost || a.key.localeCompare(b.key),
  );
}
