import {
  type CostBucketRow,
  costBreakdown,
  costEfficiency,
  type CostFigures,
  type CostRowUsageSource,
  costSeries,
  mergeUsageSource,
  sumCostFigures,
} from '@kube-platform/plugin-kube-platform-common';
import type { CostGap } from './CostStore';
import type {
  CostAmounts,
  EntityCostResponse,
} from '@kube-platform/plugin-kube-platform-common';
import type { CostQuery } from './parseCostQuery';

/** CPU, memory, storage and total money of some figures. */
export function amountsOf(
  f: Pick<CostFigures, 'cpuCost' | 'memoryCost' | 'storageCost' | 'totalCost'>,
): CostAmounts {
  return {
    cpu: f.cpuCost,
    memory: f.memoryCost,
    storage: f.storageCost,
    total: f.totalCost,
  };
}

function breakdownOf(
  rows: readonly CostBucketRow[],
  groupBy: CostQuery['groupBy'],
): EntityCostResponse['breakdown'] {
  if (groupBy === 'resource') {
    const total = sumCostFigures(rows);
    const only = (key: 'cpu' | 'memory' | 'storage', amount: number) => ({
      key,
      cpu: key === 'cpu' ? amount : 0,
      memory: key === 'memory' ? amount : 0,
      storage: key === 'storage' ? amount : 0,
      total: amount,
    });
    return [
      only('cpu', total.cpuCost),
      only('memory', total.memoryCost),
      only('storage', total.storageCost),
    ];
  }
  return costBreakdown(rows, groupBy).map(item => {
    const label =
      groupBy === 'cluster'
        ? undefined
        : [
            item.workload,
            item.namespace && `in ${item.namespace}`,
            `on ${item.cluster}`,
          ]
            .filter(Boolean)
            .join(' ');
    return {
      key: item.key,
      ...(label ? { label } : {}),
      ...amountsOf(item.figures!),
    };
  });
}

/** Per cluster, where the rows' CPU and memory figures came from. */
export function usageSourcesOf(
  rows: readonly CostBucketRow[],
): EntityCostResponse['usageSource'] {
  const sources: Record<string, CostRowUsageSource> = {};
  for (const row of rows) {
    const merged = mergeUsageSource(sources[row.cluster], row.usageSource);
    if (merged) sources[row.cluster] = merged;
  }
  return sources;
}

/** The response for an entity's attributed rows (budget added by the caller). */
export function entityCostReport(input: {
  entityRef: string;
  currency: string;
  query: CostQuery;
  rows: readonly CostBucketRow[];
  gaps: readonly CostGap[];
}): EntityCostResponse {
  const { query, rows } = input;
  const total = sumCostFigures(rows);
  return {
    entityRef: input.entityRef,
    currency: input.currency,
    from: new Date(query.window.start).toISOString(),
    to: new Date(query.window.end).toISOString(),
    step: query.step,
    groupBy: query.groupBy,
    total: amountsOf(total),
    series: costSeries(rows, query.window, query.step).map(point => ({
      start: new Date(point.start).toISOString(),
      ...amountsOf(point),
    })),
    breakdown: breakdownOf(rows, query.groupBy),
    efficiency: costEfficiency(total) ?? null,
    usageSource: usageSourcesOf(rows),
    gaps: input.gaps.map(gap => ({
      cluster: gap.cluster,
      from: new Date(gap.from).toISOString(),
      to: new Date(gap.to).toISOString(),
      ...(gap.reason ? { reason: gap.reason } : {}),
    })),
  };
}
