import {
  type ClusterIdleCost,
  type CostBucketRow,
  type CostRowUsageSource,
} from '@kube-platform/plugin-kube-platform-common';

/** Tables of the cost history (see the migration for their columns). */
export const COST_TABLES = {
  samples: 'kube_platform_cost_samples',
  gaps: 'kube_platform_cost_gaps',
  rows: 'kube_platform_cost_rows',
  idle: 'kube_platform_cost_idle',
} as const;

/** Width of a stored bucket. */
export type CostBucketStep = 'hour' | 'day';

/** Figure columns of a cost row, and the model's field each holds. */
export const ROW_FIGURE_COLUMNS = {
  cpu_core_hours: 'cpuCoreHours',
  memory_gib_hours: 'memoryGiBHours',
  storage_gib_hours: 'storageGiBHours',
  cpu_cost: 'cpuCost',
  memory_cost: 'memoryCost',
  storage_cost: 'storageCost',
  total_cost: 'totalCost',
  usage_cost: 'usageCost',
  metered_cost: 'meteredCost',
} as const;

/** Figure columns of an idle row. */
export const IDLE_FIGURE_COLUMNS = {
  cpu_core_hours: 'cpuCoreHours',
  memory_gib_hours: 'memoryGiBHours',
  cpu_cost: 'cpuCost',
  memory_cost: 'memoryCost',
  total_cost: 'totalCost',
} as const;

/** A cost row as stored. */
export type CostRowRecord = {
  step: CostBucketStep;
  cluster: string;
  namespace: string;
  workload: string;
  bucket_start: number | string;
  labels: string;
  usage_source: string | null;
} & Record<keyof typeof ROW_FIGURE_COLUMNS, number>;

/** An idle row as stored. */
export type CostIdleRecord = {
  step: CostBucketStep;
  cluster: string;
  bucket_start: number | string;
} & Record<keyof typeof IDLE_FIGURE_COLUMNS, number>;

/** The stored form of a row. */
export function toRowRecord(
  step: CostBucketStep,
  row: CostBucketRow,
): CostRowRecord {
  const record = {
    step,
    cluster: row.cluster,
    namespace: row.namespace,
    workload: row.workload,
    bucket_start: row.bucketStart,
    labels: JSON.stringify(row.labels),
    usage_source: row.usageSource ?? null,
  } as CostRowRecord;
  for (const [column, field] of Object.entries(ROW_FIGURE_COLUMNS)) {
    record[column as keyof typeof ROW_FIGURE_COLUMNS] = row[field];
  }
  return record;
}

/**
 * Parses labels JSON once per distinct string: the rows of one workload
 * repeat the same labels every hour and day, so a 90-day query of 9 000 rows
 * holds a few hundred distinct strings. The objects are shared between rows,
 * so they are frozen; merging builds new ones. Make one per query.
 */
export function createLabelsParser(): (json: string) => Record<string, string> {
  const parsed = new Map<string, Record<string, string>>();
  return json => {
    let labels = parsed.get(json);
    if (!labels) {
      labels = Object.freeze(JSON.parse(json)) as Record<string, string>;
      parsed.set(json, labels);
    }
    return labels;
  };
}

/** The model's form of a stored row; PostgreSQL hands bigints back as strings. */
export function fromRowRecord(
  record: CostRowRecord,
  parseLabels: (json: string) => Record<string, string> = JSON.parse,
): CostBucketRow {
  const row: CostBucketRow = {
    cluster: record.cluster,
    namespace: record.namespace,
    workload: record.workload,
    bucketStart: Number(record.bucket_start),
    labels: parseLabels(record.labels),
    cpuCoreHours: Number(record.cpu_core_hours),
    memoryGiBHours: Number(record.memory_gib_hours),
    storageGiBHours: Number(record.storage_gib_hours),
    cpuCost: Number(record.cpu_cost),
    memoryCost: Number(record.memory_cost),
    storageCost: Number(record.storage_cost),
    totalCost: Number(record.total_cost),
    usageCost: Number(record.usage_cost),
    meteredCost: Number(record.metered_cost),
  };
  if (record.usage_source) {
    row.usageSource = record.usage_source as CostRowUsageSource;
  }
  return row;
}

/** Idle cost of one cluster over one bucket. */
export interface CostIdleRow extends ClusterIdleCost {
  cluster: string;
  bucketStart: number;
}

/** The stored form of an idle row. */
export function toIdleRecord(
  step: CostBucketStep,
  row: CostIdleRow,
): CostIdleRecord {
  const record = {
    step,
    cluster: row.cluster,
    bucket_start: row.bucketStart,
  } as CostIdleRecord;
  for (const [column, field] of Object.entries(IDLE_FIGURE_COLUMNS)) {
    record[column as keyof typeof IDLE_FIGURE_COLUMNS] = row[field];
  }
  return record;
}

/** The model's form of a stored idle row. */
export function fromIdleRecord(record: CostIdleRecord): CostIdleRow {
  const row = {
    cluster: record.cluster,
    bucketStart: Number(record.bucket_start),
  } as CostIdleRow;
  for (const [column, field] of Object.entries(IDLE_FIGURE_COLUMNS)) {
    row[field] = Number(record[column as keyof typeof IDLE_FIGURE_COLUMNS]);
  }
  return row;
}
