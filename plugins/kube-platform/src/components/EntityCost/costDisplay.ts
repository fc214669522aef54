import type { CostStep, CostUsageSource } from '../../api/costTypes';

/** Digits of an amount: two significant ones below a cent (minutes of a small pod), cents below 100, whole units above. */
function numberFormatOf(amount: number): Intl.NumberFormatOptions {
  const size = Math.abs(amount);
  if (size > 0 && size < 0.01) {
    return { maximumSignificantDigits: 2 };
  }
  const digits = size < 100 ? 2 : 0;
  return { minimumFractionDigits: digits, maximumFractionDigits: digits };
}

/** An amount in the report's currency, never rounded to zero when it is not. */
export function formatMoney(amount: number, currency: string): string {
  const digits = numberFormatOf(amount);
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...digits,
    }).format(amount);
  } catch {
    // Not an ISO 4217 code: the number, then the currency as configured.
    return `${new Intl.NumberFormat('en-US', digits).format(
      amount,
    )} ${currency}`;
  }
}

/** A ratio as a whole percentage, or "—" when unknown. */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) {
    return '—';
  }
  if (ratio > 0 && ratio < 0.005) return '<1%';
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
