/** Options for {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this many milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Pause between attempts in milliseconds (default 200). */
  intervalMs?: number;
  /** What is being waited for, used in the timeout error. */
  description?: string;
}

/** Polls `fn` until it returns a truthy value (returned) or the deadline passes (throws, citing the last error). */
export async function waitFor<T>(
  fn: () =>
    | Promise<T | undefined | null | false>
    | T
    | undefined
    | null
    | false,
  options: WaitForOptions = {},
): Promise<T> {
  const {
    timeoutMs = 30_000,
    intervalMs = 200,
    description = 'condition',
  } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) {
        return value;
      }
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause =
        lastError === undefined ? '' : `; last error: ${String(lastError)}`;
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${description}${cause}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
