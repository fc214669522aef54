/** Bounds of a {@link Backoff}. */
export interface BackoffOptions {
  /** First delay, also the smallest (default 500 ms). */
  initialMs: number;
  /** Largest delay (default 30 s). */
  maxMs: number;
  /** Spread around the nominal delay, as a fraction (default 0.25: ±25 %). */
  jitter: number;
}

/** Reflector re-watch backoff: 0.5 s doubling up to 30 s, ±25 % jitter. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  jitter: 0.25,
};

/**
 * Exponential backoff with jitter, kept within `[initialMs, maxMs]`. The
 * jitter spreads the reconnects of many caches (every backend instance, every
 * kind) after a cluster comes back, so that they do not arrive together.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** The next delay in milliseconds; each call doubles the nominal delay. */
  next(): number {
    const { initialMs, maxMs, jitter } = this.options;
    const nominal = Math.min(initialMs * 2 ** this.attempt, maxMs);
    this.attempt = Math.min(this.attempt + 1, 30);
    const spread = nominal * jitter * (2 * this.random() - 1);
    return Math.round(Math.min(Math.max(nominal + spread, initialMs), maxMs));
  }

  /** Starts over from `initialMs`; called after a success. */
  reset(): void {
    this.attempt = 0;
  }
}
