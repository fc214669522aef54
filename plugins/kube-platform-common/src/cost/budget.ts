import { HOUR_MS, utcMonthOf } from './costTime';

/** Annotation on a Group, System or Component holding its monthly budget, e.g. `500` or `500 USD`. */
export const MONTHLY_BUDGET_ANNOTATION = 'kube-platform.io/monthly-budget';

/** A monthly budget. */
export interface MonthlyBudget {
  amount: number;
  /** ISO 4217 code; absent = the pricing's currency. */
  currency?: string;
}

/** Result of {@link parseMonthlyBudget}: the budget, or why the value is wrong. */
export type MonthlyBudgetParseResult =
  | { budget: MonthlyBudget }
  | { error: string };

const BUDGET_PATTERN = /^(\d+(?:\.\d+)?)(?:\s+([A-Z]{3}))?$/;

/**
 * Reads a budget: a positive decimal amount, optionally followed by an ISO
 * currency code (`500`, `1250.50 EUR`). With `expectedCurrency`, a budget in
 * another currency is an error (we do not convert). Errors name `field`, so
 * they can go straight into a 400.
 */
export function parseMonthlyBudget(
  value: string,
  options: { field?: string; expectedCurrency?: string } = {},
): MonthlyBudgetParseResult {
  const field = options.field ?? MONTHLY_BUDGET_ANNOTATION;
  const match = BUDGET_PATTERN.exec(value.trim());
  if (!match) {
    return {
      error: `${field}: "${value}" is not a budget; use an amount with an optional ISO currency, e.g. "500" or "500 USD"`,
    };
  }
  const amount = Number(match[1]);
  const currency = match[2];
  if (!(amount > 0)) {
    return {
      error: `${field}: the budget must be greater than 0, got "${value}"`,
    };
  }
  const expected = options.expectedCurrency;
  if (currency && expected && currency !== expected) {
    return {
      error: `${field}: the budget is in ${currency} but costs are priced in ${expected}`,
    };
  }
  return { budget: currency ? { amount, currency } : { amount } };
}

/** How a projection stands against its budget. */
export type BudgetLevel = 'ok' | 'warning' | 'critical';

/** Levels in rising order. */
export const BUDGET_LEVELS: readonly BudgetLevel[] = [
  'ok',
  'warning',
  'critical',
];

/** Share of the budget from which the projection is a warning. */
export const BUDGET_WARNING_RATIO = 0.8;

/** Where the month is heading against the budget. */
export interface BudgetProjection {
  budget: number;
  monthToDate: number;
  /** Cost per hour at the current run-rate. */
  hourlyRunRate: number;
  /** Hours from `now` to the end of the UTC month. */
  hoursLeft: number;
  /** monthToDate + hourlyRunRate × hoursLeft. */
  projected: number;
  /** projected / budget. */
  ratio: number;
  level: BudgetLevel;
}

/** ok below 80 % of the budget, warning from 80 %, critical from 100 %. */
export function budgetLevel(ratio: number): BudgetLevel {
  if (ratio >= 1) return 'critical';
  if (ratio >= BUDGET_WARNING_RATIO) return 'warning';
  return 'ok';
}

/**
 * Projected month-end cost: month-to-date plus the current hourly run-rate
 * times the hours left in the UTC month, and its level against the budget.
 */
export function projectMonthlyBudget(input: {
  budget: number;
  monthToDate: number;
  hourlyRunRate: number;
  now: number;
}): BudgetProjection {
  const hoursLeft =
    Math.max(0, utcMonthOf(input.now).end - input.now) / HOUR_MS;
  const projected = input.monthToDate + input.hourlyRunRate * hoursLeft;
  const ratio = projected / input.budget;
  return {
    budget: input.budget,
    monthToDate: input.monthToDate,
    hourlyRunRate: input.hourlyRunRate,
    hoursLeft,
    projected,
    ratio,
    level: budgetLevel(ratio),
  };
}

/**
 * The level to notify now, if any: notify when the level is above ok and
 * neither it nor a higher level was notified this month. Each level is sent at
 * most once a month; a fall and a new rise to a level already sent stays quiet,
 * and a jump from ok to critical sends critical only. Record the returned level
 * with the month (see `utcMonthKey`).
 */
export function budgetNotificationFor(
  level: BudgetLevel,
  notifiedThisMonth: readonly BudgetLevel[],
): BudgetLevel | undefined {
  const rank = BUDGET_LEVELS.indexOf(level);
  if (rank === 0) return undefined;
  const highestSent = Math.max(
    0,
    ...notifiedThisMonth.map(l => BUDGET_LEVELS.indexOf(l)),
  );
  return rank > highestSent ? level : undefined;
}
