import type {
  CostGroupBy,
  CostStep,
  EntityCostQuery,
} from '../../api/costTypes';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Windows the Cost tab offers. */
export type CostWindowId = '24h' | '7d' | '30d' | '90d' | 'mtd';

/** A window choice with its label. */
export interface CostWindowOption {
  id: CostWindowId;
  label: string;
}

/** The choices of the window selector, shortest first. */
export const COST_WINDOWS: readonly CostWindowOption[] = [
  { id: '24h', label: 'Last 24 hours' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: 'mtd', label: 'Month to date' },
];

/** Groupings of the breakdown table, with their labels. */
export const COST_GROUP_BY_OPTIONS: ReadonlyArray<{
  id: CostGroupBy;
  label: string;
}> = [
  { id: 'cluster', label: 'Cluster' },
  { id: 'namespace', label: 'Namespace' },
  { id: 'workload', label: 'Workload' },
  { id: 'resource', label: 'Resource' },
];

/** Midnight UTC of the first day of `now`'s month, as the backend's budgets count months. */
export function startOfMonthUtc(now: number): number {
  const date = new Date(now);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Start of a window ending now. */
export function windowStart(id: CostWindowId, now: number): number {
  switch (id) {
    case '24h':
      return now - DAY_MS;
    case '7d':
      return now - 7 * DAY_MS;
    case '30d':
      return now - 30 * DAY_MS;
    case '90d':
      return now - 90 * DAY_MS;
    default:
      return startOfMonthUtc(now);
  }
}

/** Hourly points for windows shorter than 7 days (hourly rows are kept 14 days), daily ones beyond. */
export function stepOf(from: number, now: number): CostStep {
  return now - from < 7 * DAY_MS ? 'hour' : 'day';
}

/** The backend query of a window, grouping and children choice, at `now`. */
export function costQueryOf(
  id: CostWindowId,
  groupBy: CostGroupBy,
  includeChildren: boolean,
  now: number,
): EntityCostQuery {
  const from = windowStart(id, now);
  return {
    from: new Date(from).toISOString(),
    step: stepOf(from, now),
    groupBy,
    includeChildren: includeChildren || undefined,
  };
}
