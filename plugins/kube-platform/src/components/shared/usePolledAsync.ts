import type { DependencyList } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';

/** Default refresh period of live cluster views. */
export const DEFAULT_REFRESH_INTERVAL_MS = 10_000;

/**
 * Runs `load` like `useAsyncRetry` and runs it again every `intervalMs`
 * (never when `intervalMs` is 0). The previous value stays available while reloading.
 */
export function usePolledAsync<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  intervalMs: number,
) {
  const state = useAsyncRetry(load, deps);
  useInterval(state.retry, intervalMs > 0 ? intervalMs : null);
  return state;
}
