/** Milliseconds in an hour. */
export const HOUR_MS = 3_600_000;

/** Milliseconds in a day. */
export const DAY_MS = 24 * HOUR_MS;

/** A half-open time interval [start, end) in epoch milliseconds. */
export interface CostInterval {
  start: number;
  end: number;
}

/** Hours of [start, end) that fall inside the interval; 0 when they do not meet. */
export function overlapHours(
  interval: CostInterval,
  start: number,
  end: number,
): number {
  const from = Math.max(interval.start, start);
  const to = Math.min(interval.end, end);
  return to > from ? (to - from) / HOUR_MS : 0;
}

/** Start of the UTC hour holding `time`. */
export function startOfUtcHour(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS;
}

/** Start of the UTC day holding `time`. */
export function startOfUtcDay(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** The UTC calendar month holding `time`, as [first instant, first instant of the next month). */
export function utcMonthOf(time: number): CostInterval {
  const date = new Date(time);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
}

/** `YYYY-MM` of the UTC month holding `time`, e.g. to key what was notified that month. */
export function utcMonthKey(time: number): string {
  return new Date(time).toISOString().slice(0, 7);
}

/** The interval cut at every UTC hour boundary, in order; empty when end ≤ start. */
export function splitAtUtcHours(interval: CostInterval): CostInterval[] {
  const slices: CostInterval[] = [];
  let start = interval.start;
  while (start < interval.end) {
    const end = Math.min(interval.end, startOfUtcHour(start) + HOUR_MS);
    slices.push({ start, end });
    start = end;
  }
  return slices;
}

/** Result of {@link pendingSampleIntervals}. */
export interface PendingSampleIntervals {
  /** Grid cells to sample now, oldest first. */
  intervals: CostInterval[];
  /** Cells too old to sample honestly (the sampler was away): a gap to report, never filled in. */
  gap?: CostInterval;
}

/**
 * The sample intervals still to take, on a fixed grid of `stepMs` from the epoch:
 * the whole grid cells after `sampledUntil` and up to `now`. A fixed grid is
 * what makes (cluster, interval start) a key that two replicas agree on: they can
 * only propose the same intervals, so a unique key stops the second writer.
 * At most `maxCells` recent cells are returned (a late or skipped run catches up);
 * older missing cells are returned as a gap, since the current state of the
 * cluster says nothing about usage back then. Nothing sampled yet: only the
 * cell that just ended.
 */
export function pendingSampleIntervals(
  sampledUntil: number | undefined,
  now: number,
  stepMs: number,
  maxCells = 3,
): PendingSampleIntervals {
  if (!(stepMs > 0)) {
    throw new RangeError(`stepMs must be positive, got ${stepMs}`);
  }
  const lastEnd = Math.floor(now / stepMs) * stepMs;
  const firstMissing =
    sampledUntil === undefined
      ? lastEnd - stepMs
      : Math.ceil(sampledUntil / stepMs) * stepMs;
  const firstSampled = Math.max(firstMissing, lastEnd - maxCells * stepMs);
  const intervals: CostInterval[] = [];
  for (let start = firstSampled; start + stepMs <= lastEnd; start += stepMs) {
    intervals.push({ start, end: start + stepMs });
  }
  const gap =
    firstSampled > firstMissing
      ? { start: firstMissing, end: firstSampled }
      : undefined;
  return gap ? { intervals, gap } : { intervals };
}
