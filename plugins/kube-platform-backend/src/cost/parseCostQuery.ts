import { InputError } from '@backstage/errors';
import {
  COST_GROUP_BYS,
  COST_STEPS,
  type CostGroupBy,
  type CostInterval,
  type CostStep,
  DAY_MS,
  HOUR_MS,
} from '@kube-platform/plugin-kube-platform-common';
import type { CostSettings } from './readCostSettings';

/** A validated cost query. */
export interface CostQuery {
  /** [from, to) on whole steps. */
  window: CostInterval;
  step: CostStep;
  groupBy: CostGroupBy;
  includeChildren: boolean;
  format: 'json' | 'csv';
}

type Query = Record<string, unknown>;

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`${name}: give it once, as a single value`);
  }
  return value;
}

function oneOf<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = single(query, name) ?? fallback;
  if (!allowed.includes(value as T)) {
    throw new InputError(
      `${name}: '${value}' is not one of ${allowed.join(', ')}`,
    );
  }
  return value as T;
}

function time(query: Query, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  // ISO 8601 dates and date-times only: Date.parse accepts too much.
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(
    value,
  )
    ? Date.parse(value)
    : NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(
      `${name}: '${value}' is not an ISO 8601 date or date-time`,
    );
  }
  return ms;
}

function bool(query: Query, name: string): boolean {
  const value = single(query, name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new InputError(`${name}: '${value}' is not true or false`);
}

/**
 * Reads `from`, `to`, `step`, `groupBy`, `includeChildren` and `format`.
 * Defaults: the last 30 days by day (the last 24 hours by hour), grouped by
 * cluster, as JSON. The window is widened to whole steps. Errors are 400s
 * naming the parameter: malformed dates, `from` not before `to`, an unknown
 * step or grouping, a window reaching back past the retention of its step.
 */
export function parseCostQuery(
  query: Query,
  settings: Pick<CostSettings, 'hourlyRetentionMs' | 'dailyRetentionMs'>,
  now: number,
): CostQuery {
  const step = oneOf(query, 'step', COST_STEPS, 'day');
  const groupBy = oneOf(query, 'groupBy', COST_GROUP_BYS, 'cluster');
  const format = oneOf(query, 'format', ['json', 'csv'] as const, 'json');
  const includeChildren = bool(query, 'includeChildren');
  const width = step === 'hour' ? HOUR_MS : DAY_MS;
  const to = time(query, 'to') ?? now;
  const from =
    time(query, 'from') ?? to - (step === 'hour' ? DAY_MS : 30 * DAY_MS);
  if (from >= to) {
    throw new InputError(
      `from: ${new Date(from).toISOString()} is not before to (${new Date(
        to,
      ).toISOString()})`,
    );
  }
  const retention =
    step === 'hour' ? settings.hourlyRetentionMs : settings.dailyRetentionMs;
  const oldest = Math.floor((now - retention) / width) * width;
  if (from < oldest) {
    throw new InputError(
      `from: ${new Date(from).toISOString()} is past the ${
        step === 'hour' ? 'hourly' : 'daily'
      } retention (kept since ${new Date(oldest).toISOString()}); ${
        step === 'hour' ? 'use step=day' : 'choose a later from'
      }`,
    );
  }
  return {
    window: {
      start: Math.floor(from / width) * width,
      end: Math.ceil(to / width) * width,
    },
    step,
    groupBy,
    includeChildren,
    format,
  };
}
