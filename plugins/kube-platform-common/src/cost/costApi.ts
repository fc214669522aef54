import type { BudgetLevel } from './budget';
import type { CostRowUsageSource } from './costRows';
import type { CostGroupBy, CostStep } from './costSeries';

/** Money split by resource, in currency units. */
export interface CostAmounts {
  cpu: number;
  memory: number;
  storage: number;
  total: number;
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
  usageSource: Record<string, CostRowUsageSource>;
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
