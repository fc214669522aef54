import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  BudgetLevel,
  CostGroupBy,
  CostStep,
} from '@kube-platform/plugin-kube-platform-common';

/** Money split by resource, in currency units. */
export interface CostAmounts {
  cpu: number;
  memory: number;
  storage: number;
  total: number;
}

export type { CostGroupBy, CostStep };

/** Where a cluster's CPU and memory figures came from. */
export type CostUsageSource = 'metrics' | 'requests' | 'mixed';

/** Query of an entity's cost; the backend defaults the rest. */
export interface EntityCostQuery {
  /** ISO 8601 start (inclusive). */
  from: string;
  /** ISO 8601 end (exclusive); now when omitted. */
  to?: string;
  step: CostStep;
  groupBy: CostGroupBy;
  /** Groups: add the cost of their child groups. */
  includeChildren?: boolean;
}

/** Body of `GET /entities/:kind/:namespace/:name/cost`. */
export interface EntityCostResponse {
  entityRef: string;
  currency: string;
  /** ISO 8601, start of the first step. */
  from: string;
  /** ISO 8601, end of the last step (exclusive). */
  to: string;
  step: CostStep;
  groupBy: CostGroupBy;
  total: CostAmounts;
  series: Array<{ start: string } & CostAmounts>;
  breakdown: Array<{ key: string; label?: string } & CostAmounts>;
  /** Usage cost / allocated cost of the measured pods; null when none was measured. */
  efficiency: number | null;
  /** By cluster: where CPU and memory figures came from. */
  usageSource: Record<string, CostUsageSource>;
  /** Stretches a cluster was not sampled: no cost is counted for them. */
  gaps: Array<{ cluster: string; from: string; to: string; reason?: string }>;
  budget?: {
    monthly: number;
    currency: string;
    monthToDate: number;
    projected: number;
    level: BudgetLevel;
  };
}

/** Body of `GET /clusters/:name/cost`. */
export interface ClusterCostResponse {
  cluster: string;
  currency: string;
  from: string;
  to: string;
  /** What the pods and claims were allocated. */
  allocated: CostAmounts;
  /** Allocatable capacity nobody was allocated (CPU and memory). */
  idle: CostAmounts;
  /** allocated + idle. */
  total: CostAmounts;
  efficiency: number | null;
}

/** An entity's cost as a CSV file, as the backend named it. */
export interface CostCsvFile {
  fileName: string;
  content: Blob;
}

/** Path of an entity's cost route, below the plugin's base URL. */
export function entityCostPath(entityRef: CompoundEntityRef): string {
  const path = [
    entityRef.kind.toLocaleLowerCase('en-US'),
    entityRef.namespace,
    entityRef.name,
  ]
    .map(encodeURIComponent)
    .join('/');
  return `/entities/${path}/cost`;
}

/** Query string of an entity cost request, with `format=csv` for the file. */
export function entityCostSearch(
  query: EntityCostQuery,
  format?: 'csv',
): string {
  const params = new URLSearchParams({
    from: query.from,
    step: query.step,
    groupBy: query.groupBy,
  });
  if (query.to) params.set('to', query.to);
  if (query.includeChildren) params.set('includeChildren', 'true');
  if (format) params.set('format', format);
  return `?${params.toString()}`;
}

/** The backend's file name, `cost-<kind>-<namespace>-<name>-<from>-<to>.csv`, from the query. */
export function costCsvFileName(
  entityRef: CompoundEntityRef,
  query: EntityCostQuery,
  now: Date = new Date(),
): string {
  const ref = `${entityRef.kind}:${entityRef.namespace}/${entityRef.name}`
    .toLocaleLowerCase('en-US')
    .replace(/[^a-zA-Z0-9._-]+/g, '-');
  const day = (iso: string) => new Date(iso).toISOString().slice(0, 10);
  return `cost-${ref}-${day(query.from)}-${day(
    query.to ?? now.toISOString(),
  )}.csv`;
}

/** File name from a Content-Disposition header, or `fallback`. */
export function fileNameOf(
  contentDisposition: string | null,
  fallback: string,
): string {
  const match = /filename="?([^";]+)"?/i.exec(contentDisposition ?? '');
  return match ? match[1] : fallback;
}
