import type { CostStep, CostUsageSource } from '../../api/costTypes';

/** An amount in the report's currency: cents below 100, whole units above. */
export function formatMoney(amount: number, currency: string): string {
  const digits = Math.abs(amount) < 100 ? 2 : 0;
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(amount);
  } catch {
    // Not an ISO 4217 code: the number, then the currency as configured.
    return `${amount.toFixed(digits)} ${currency}`;
  }
}

/** A ratio as a whole percentage, or "—" when unknown. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return '—';
  }
  return `${Math.round(ratio * 100)}%`;
}

/** Axis and tooltip label of a series point: the hour or the day, in UTC as the backend buckets them. */
export function formatBucket(start: string, step: CostStep): string {
  const date = new Date(start);
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  if (step === 'day') return day;
  const hour = date.toISOString().slice(11, 16);
  return `${day} ${hour}`;
}

/** A time for gap descriptions, to the minute, in UTC. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** What a cluster's usage source means for its CPU and memory figures. */
export function describeUsageSource(source: CostUsageSource): string {
  switch (source) {
    case 'metrics':
      return 'measured usage (metrics)';
    case 'requests':
      return 'estimated from requests (no usage metrics)';
    default:
      return 'partly measured, partly estimated from requests';
  }
}
