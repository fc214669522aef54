import type { ClusterHealth, ClusterProbe } from './cluster';

/** Health probing settings; the defaults are KubeFed's cluster health check defaults. */
export interface HealthThresholds {
  /** Consecutive failed probes before a cluster turns NotReady. */
  failureThreshold: number;
  /** Consecutive successful probes before a NotReady cluster turns Ready again. */
  successThreshold: number;
  /** How many probes the history keeps. */
  historyLength: number;
}

/** KubeFed defaults: NotReady after 3 failures, Ready again after 1 success. */
export const DEFAULT_HEALTH_THRESHOLDS: HealthThresholds = {
  failureThreshold: 3,
  successThreshold: 1,
  historyLength: 20,
};

/** Health of a cluster that was never probed. */
export function initialClusterHealth(): ClusterHealth {
  return {
    status: 'Unknown',
    consecutiveFailures: 0,
    consecutiveSuccesses: 0,
    history: [],
  };
}

/**
 * Folds one probe into a cluster's health. The status only flips after the
 * configured number of consecutive results, so a single blip does not flap it;
 * the first probe of an Unknown cluster decides right away on success.
 */
export function applyProbe(
  previous: ClusterHealth,
  probe: ClusterProbe & { version?: string },
  thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): ClusterHealth {
  const consecutiveFailures = probe.ok ? 0 : previous.consecutiveFailures + 1;
  const consecutiveSuccesses = probe.ok ? previous.consecutiveSuccesses + 1 : 0;

  let status = previous.status;
  if (probe.ok && consecutiveSuccesses >= thresholds.successThreshold) {
    status = 'Ready';
  } else if (!probe.ok && consecutiveFailures >= thresholds.failureThreshold) {
    status = 'NotReady';
  }

  const { version, ...historyEntry } = probe;
  return {
    status,
    lastTransitionTime:
      status !== previous.status ? probe.time : previous.lastTransitionTime,
    lastProbeTime: probe.time,
    lastError: probe.ok ? previous.lastError : probe.error,
    consecutiveFailures,
    consecutiveSuccesses,
    latencyMs: probe.ok ? probe.latencyMs : previous.latencyMs,
    version: version ?? previous.version,
    history: [...previous.history, historyEntry].slice(
      -thresholds.historyLength,
    ),
  };
}
