import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClusterCostResponse,
  CostAmounts,
  CostGroupBy,
  CostRowUsageSource,
  CostStep,
  EntityCostResponse,
} from '@kube-platform/plugin-kube-platform-common';

export type {
  ClusterCostResponse,
  CostAmounts,
  CostGroupBy,
  CostStep,
  EntityCostResponse,
};

/** Where a cluster's CPU and memory figures came from. */
export type CostUsageSource = CostRowUsageSource;

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
