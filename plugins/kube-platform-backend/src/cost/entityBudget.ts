import type { Entity } from '@backstage/catalog-model';
import {
  type CostBucketRow,
  HOUR_MS,
  MONTHLY_BUDGET_ANNOTATION,
  parseMonthlyBudget,
  projectMonthlyBudget,
  startOfUtcDay,
  startOfUtcHour,
  utcMonthOf,
} from '@kube-platform/plugin-kube-platform-common';
import type { CostStore } from './CostStore';
import type { EntityCostResponse } from '@kube-platform/plugin-kube-platform-common';

type Attribute = (rows: CostBucketRow[]) => CostBucketRow[];

const total = (rows: readonly CostBucketRow[]) =>
  rows.reduce((sum, r) => sum + r.totalCost, 0);

/**
 * Cost per sampled hour over the current and previous hour: the attributed
 * cost divided by the longest time any cluster was sampled there, so a
 * sampler that started minutes ago does not read as a cheap month.
 */
async function hourlyRunRate(
  store: CostStore,
  attribute: Attribute,
  now: number,
  namespaces?: string[],
): Promise<number> {
  const window = {
    start: startOfUtcHour(now) - HOUR_MS,
    end: startOfUtcHour(now) + HOUR_MS,
  };
  const cost = total(
    attribute(await store.rows('hour', window, { namespaces })),
  );
  const sampledMs = new Map<string, number>();
  for (const s of await store.samples(window)) {
    sampledMs.set(s.cluster, (sampledMs.get(s.cluster) ?? 0) + s.end - s.start);
  }
  const hours = Math.max(0, ...sampledMs.values()) / HOUR_MS;
  return hours > 0 ? cost / hours : 0;
}

/**
 * The entity's monthly budget (annotation `kube-platform.io/monthly-budget`)
 * against month-to-date cost and the month-end projection; undefined without
 * a budget or with one in another currency (we do not convert).
 */
export async function entityBudget(input: {
  entity: Entity;
  currency: string;
  store: CostStore;
  attribute: Attribute;
  now: number;
  /** Namespaces the entity's rows can be in; absent = all. */
  namespaces?: string[];
}): Promise<EntityCostResponse['budget']> {
  const value = input.entity.metadata.annotations?.[MONTHLY_BUDGET_ANNOTATION];
  if (!value) return undefined;
  const parsed = parseMonthlyBudget(value, {
    expectedCurrency: input.currency,
  });
  if ('error' in parsed) return undefined;
  const month = utcMonthOf(input.now);
  const monthRows = await input.store.rows(
    'day',
    { start: month.start, end: startOfUtcDay(input.now) + 24 * HOUR_MS },
    { namespaces: input.namespaces },
  );
  const projection = projectMonthlyBudget({
    budget: parsed.budget.amount,
    monthToDate: total(input.attribute(monthRows)),
    hourlyRunRate: await hourlyRunRate(
      input.store,
      input.attribute,
      input.now,
      input.namespaces,
    ),
    now: input.now,
  });
  return {
    monthly: projection.budget,
    currency: input.currency,
    monthToDate: projection.monthToDate,
    projected: projection.projected,
    level: projection.level,
  };
}
