import type { ClusterHealth, ClusterProbe } from './cluster';

/**
 * Why a probe failed: no connection (`Unreachable`), no answer in time
 * (`Timeout`), the platform's token refused or not allowed (`Unauthorized`,
 * 401/403), or the API server answered that it is not ready (`NotReady`).
 */
export type ClusterHealthReason = 'Unreachable' | 'Timeout' | 'Unauthorized' | 'NotReady';

/** One probe as the health monitor reports it. */
export interface ClusterProbeResult extends ClusterProbe {
  /** Why the probe failed; absent when it succeeded. */
  reason?: ClusterHealthReason;
  /** `gitVersion` from `/version`, when it answered. */
  version?: string;
}

/** Health of a cluster with why its most recent probe failed. */
export interface ClusterHealthWithReason extends ClusterHealth {
  /** Why the most recent probe failed; absent after a successful probe. */
  reason?: ClusterHealthReason;
  history: Array<ClusterProbe & { reason?: ClusterHealthReason }>;
}

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
 * the first probe of an Unknown cluster decides right away on success. A refused
 * token (`Unauthorized`) turns the cluster NotReady at once: it is no blip, the
 * next probe and every request in between would be refused too.
 */
export function applyProbe(
  previous: ClusterHealth | ClusterHealthWithReason,
  probe: ClusterProbeResult,
  thresholds: HealthThresholds = DEFAULT_HEALTH_THRESHOLDS,
): ClusterHealthWithReason {
  const consecutiveFailures = probe.ok ? 0 : previous.consecutiveFailures + 1;
  const consecutiveSuccesses = probe.ok ? previous.consecutiveSuccesses + 1 : 0;
  const refused = !probe.ok && probe.reason === 'Unauthorized';

  let status = previous.status;
  if (probe.ok && consecutiveSuccesses >= thresholds.successThreshold) {
    status = 'Ready';
  } else if (!probe.ok && (refused || consecutiveFailures >= thresholds.failureThreshold)) {
    status = 'NotReady';
  }

  const { version, ...historyEntry } = probe;
  return {
    status,
    reason: probe.ok ? undefined : probe.reason,
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

/**
 * One sentence on a cluster's health for an error message: status, since when,
 * why, and the last error. Never contains credentials (probe errors do not).
 */
export function describeClusterHealth(
  cluster: string,
  health: ClusterHealth | ClusterHealthWithReason,
): string {
  const details = [
    'reason' in health && health.reason,
    health.consecutiveFailures > 0 &&
      `${health.consecutiveFailures} failed probe${health.consecutiveFailures === 1 ? '' : 's'} in a row`,
    health.lastProbeTime && `last probe ${health.lastProbeTime}`,
  ].filter(Boolean);
  const since = health.lastTransitionTime ? ` since ${health.lastTransitionTime}` : '';
  const why = details.length > 0 ? ` (${details.join(', ')})` : '';
  const error = health.lastError ? `: ${health.lastError}` : '';
  return `Cluster '${cluster}' is ${health.status}${since}${why}${error}`;
}
