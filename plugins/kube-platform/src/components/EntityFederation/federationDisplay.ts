import type { FederatedApp } from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterReplicaPreference,
  FederatedAppDetails,
  FederatedAppOperation,
  FederatedAppTotals,
  FederatedClusterStatus,
  FederatedFailoverCluster,
} from '../../api/federationTypes';
import { formatAge } from '../shared/format';

/** One override of a cluster as the spec holds it. */
export type ClusterOverride =
  FederatedApp['overrides'][number]['clusterOverrides'][number];

/** Everything the Federation tab shows about one cluster. */
export interface FederatedClusterRow {
  cluster: string;
  /** Replicas the plan gives the cluster; 0 for a cluster with none. */
  planned: number;
  /** Replicas that did not fit the cluster (its max or capacity). */
  overflow: number;
  /** Whether the placement selects the cluster today. */
  target: boolean;
  status?: FederatedClusterStatus;
  preference?: ClusterReplicaPreference;
  overrides: ClusterOverride[];
  failover?: FederatedFailoverCluster;
}

/** The scheduling preference that applies to a cluster: its own, else `'*'`'s. */
export function preferenceOf(
  spec: FederatedApp,
  cluster: string,
): ClusterReplicaPreference | undefined {
  const clusters = spec.replicaScheduling?.clusters ?? {};
  return clusters[cluster] ?? clusters['*'];
}

/** The overrides the spec applies on a cluster. */
export function overridesOf(
  spec: FederatedApp,
  cluster: string,
): ClusterOverride[] {
  return (
    (spec.overrides ?? []).find(entry => entry.clusterName === cluster)
      ?.clusterOverrides ?? []
  );
}

/** An override as one line: `replace /spec/.../image = "nginx:1.28"`. */
export function describeOverride(override: ClusterOverride): string {
  const op = override.op ?? 'replace';
  if (op === 'remove') {
    return `remove ${override.path}`;
  }
  return `${op} ${override.path} = ${JSON.stringify(override.value)}`;
}

/**
 * Every cluster worth a row: today's targets, then clusters that still have a
 * status, a plan or a failover entry (such as one the app failed over from).
 */
export function clusterRowsOf(
  details: FederatedAppDetails,
): FederatedClusterRow[] {
  const names = [
    ...details.clusters,
    ...details.status.map(s => s.cluster),
    ...Object.keys(details.plan.plan),
    ...(details.failover?.clusters ?? []).map(f => f.cluster),
  ].filter((name, index, all) => all.indexOf(name) === index);
  return names.map(cluster => ({
    cluster,
    planned: details.plan.plan[cluster] ?? 0,
    overflow: details.plan.overflow[cluster] ?? 0,
    target: details.clusters.includes(cluster),
    status: details.status.find(s => s.cluster === cluster),
    preference: preferenceOf(details.spec, cluster),
    overrides: overridesOf(details.spec, cluster),
    failover: details.failover?.clusters.find(f => f.cluster === cluster),
  }));
}

/** Replicas summed over the clusters: the backend's totals, else summed from the statuses. */
export function totalsOf(details: FederatedAppDetails): FederatedAppTotals {
  if (details.totals) {
    return details.totals;
  }
  const sum = (pick: (s: FederatedClusterStatus) => number | undefined) =>
    details.status.reduce((total, s) => total + (pick(s) ?? 0), 0);
  return {
    desired: sum(s => s.desiredReplicas),
    updated: sum(s => s.updatedReplicas),
    ready: sum(s => s.readyReplicas),
    available: sum(s => s.availableReplicas),
  };
}

/** A present Deployment whose controller has not caught up or whose replicas are not all updated and available. */
export function isClusterRollingOut(status: FederatedClusterStatus): boolean {
  return status.state === 'present' && status.rolledOut === false;
}

/** True while any cluster is rolling out, or runs a different number of replicas than planned. */
export function isRolloutInProgress(details: FederatedAppDetails): boolean {
  return details.status.some(
    s =>
      isClusterRollingOut(s) ||
      (s.state === 'present' &&
        details.plan.plan[s.cluster] !== undefined &&
        s.desiredReplicas !== details.plan.plan[s.cluster]),
  );
}

const STATE_TEXTS: Record<string, string> = {
  unreachable: 'Unreachable',
  'not-synced': 'Cache not synced',
};

/** The rollout of one cluster in words. */
export function describeRollout(status: FederatedClusterStatus | undefined): {
  level: 'ok' | 'progress' | 'error' | 'unknown';
  text: string;
} {
  if (!status) {
    return { level: 'unknown', text: 'No status' };
  }
  if (status.state === 'missing') {
    return { level: 'error', text: 'Deployment missing' };
  }
  if (status.state !== 'present') {
    const reason = status.error ? `: ${status.error}` : '';
    const state = STATE_TEXTS[status.state] ?? capitalise(status.state);
    return { level: 'error', text: `${state}${reason}` };
  }
  if (status.rolledOut) {
    return { level: 'ok', text: 'Rolled out' };
  }
  if ((status.observedGeneration ?? 0) < (status.generation ?? 0)) {
    return { level: 'progress', text: 'Waiting for the controller' };
  }
  return {
    level: 'progress',
    text: `Rolling out: ${status.updatedReplicas ?? 0} of ${
      status.desiredReplicas ?? 0
    } updated`,
  };
}

/**
 * Drift of one cluster in words: `undefined` when the live Deployment matches
 * what is rendered for it, else the drifted fields (or `Drifted` when the
 * backend names none).
 */
export function describeDrift(
  status: Pick<FederatedClusterStatus, 'drift' | 'driftedFields'> | undefined,
): string | undefined {
  if (!status?.drift) {
    return undefined;
  }
  const fields = status.driftedFields ?? [];
  return fields.length > 0 ? fields.join(', ') : 'Drifted';
}

/** Replicas the plan gives, summed over its clusters. */
export function plannedTotalOf(details: FederatedAppDetails): number {
  return Object.values(details.plan.plan).reduce((a, b) => a + b, 0);
}

/** Where a failed-over cluster stands: `cooling down, fails back in 5m` or `failed over 2h ago`. */
export function describeFailover(failover: FederatedFailoverCluster): string {
  return failover.state === 'cooling-down'
    ? `cooling down, fails back ${formatUntil(failover.failbackAt)}`
    : `failed over ${formatAge(failover.since)}`;
}

/** Failovers and failbacks: moves the platform made on its own. */
export function isFailoverOperation(operation: FederatedAppOperation): boolean {
  return operation.action === 'failover' || operation.action === 'failback';
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** How long until an ISO time, compactly: `in 42s`, `in 5m`, `in 2h`, or `now` once past. */
export function formatUntil(
  isoTime: string | undefined,
  now: number = Date.now(),
): string {
  if (!isoTime) return 'at an unknown time';
  const remaining = Date.parse(isoTime) - now;
  if (Number.isNaN(remaining)) return 'at an unknown time';
  if (remaining <= 0) return 'now';
  const seconds = Math.ceil(remaining / 1000);
  if (seconds < 60) return `in ${seconds}s`;
  if (seconds < 3600) return `in ${Math.ceil(seconds / 60)}m`;
  return `in ${Math.round(seconds / 3600)}h`;
}
