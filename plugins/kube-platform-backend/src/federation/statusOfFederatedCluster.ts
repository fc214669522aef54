import {
  type FederatedAppTotals,
  type FederatedClusterStatus,
  findDrift,
  type RenderedObject,
} from '@kube-platform/plugin-kube-platform-common';
import type { CachedFederatedDeployment } from './federatedDeploymentKind';

/** What the cache says about one target cluster. */
export interface FederatedClusterObservation {
  cluster: string;
  /** The health monitor's message when the cluster is NotReady. */
  unready?: string;
  /** Freshness of the cluster's cache of managed Deployments. */
  cache: { synced: boolean; error?: string; lastEventTime?: string };
  /** The app's Deployment in the cache; absent when the cluster has none. */
  live?: CachedFederatedDeployment;
}

type DriftView = {
  metadata: { labels: Record<string, string> };
  spec: {
    replicas: unknown;
    template: {
      spec: { containers: Array<{ name?: unknown; image?: unknown }> };
    };
  };
};

/** The fields of a rendered Deployment that the cache keeps: labels, replicas, container names and images. */
function renderedView(rendered: RenderedObject): DriftView {
  const spec = (rendered.spec ?? {}) as {
    replicas?: number;
    template?: {
      spec?: { containers?: Array<{ name?: string; image?: string }> };
    };
  };
  return {
    metadata: { labels: rendered.metadata.labels },
    spec: {
      replicas: spec.replicas ?? 1,
      template: {
        spec: {
          containers: (spec.template?.spec?.containers ?? []).map(c => ({
            name: c.name,
            image: c.image,
          })),
        },
      },
    },
  };
}

function liveView(live: CachedFederatedDeployment): DriftView {
  return {
    metadata: { labels: live.labels },
    spec: {
      replicas: live.replicas,
      template: { spec: { containers: live.containers } },
    },
  };
}

/**
 * Where the live Deployment differs from the one rendered for its cluster:
 * `['missing']` when it is absent, else the differing paths (only fields we
 * render and the cache keeps are compared). Empty when it matches.
 */
export function federatedDeploymentDrift(
  rendered: RenderedObject,
  live: CachedFederatedDeployment | undefined,
): string[] {
  if (!live) return ['missing'];
  return findDrift(
    renderedView(rendered) as unknown as Record<string, unknown>,
    liveView(live) as unknown as Record<string, unknown>,
  );
}

/** kubectl's rollout check: latest spec observed, every replica updated and available, no old one left. */
export function isRolledOut(live: CachedFederatedDeployment): boolean {
  const { status } = live;
  return (
    live.generation !== undefined &&
    (status.observedGeneration ?? 0) >= live.generation &&
    status.updatedReplicas === live.replicas &&
    status.replicas === status.updatedReplicas &&
    status.availableReplicas === status.updatedReplicas
  );
}

function unknownStatus(
  observation: FederatedClusterObservation,
): FederatedClusterStatus | undefined {
  const { cluster, unready, cache } = observation;
  if (unready) return { cluster, state: 'unreachable', error: unready };
  if (!cache.synced) {
    return {
      cluster,
      state: 'not-synced',
      error:
        cache.error ??
        'The watch cache of Deployments has not synced with this cluster yet',
    };
  }
  return undefined;
}

/**
 * The status of one cluster from what its cache holds and what we render for
 * it (nothing on a cluster the app was failed over from). Says `unreachable`
 * or `not-synced` rather than guess from a stale cache.
 */
export function federatedClusterStatus(
  observation: FederatedClusterObservation,
  rendered: RenderedObject | undefined,
): FederatedClusterStatus {
  const unknown = unknownStatus(observation);
  if (unknown) return unknown;
  const { cluster, live, cache } = observation;
  const plannedReplicas = (rendered?.spec as { replicas?: number } | undefined)
    ?.replicas;
  // A cluster the app was failed over from gets nothing rendered: no drift to judge.
  const driftedFields = rendered && federatedDeploymentDrift(rendered, live);
  const drift = driftedFields
    ? { drift: driftedFields.length > 0, driftedFields }
    : {};
  if (!live) {
    return {
      cluster,
      state: 'missing',
      plannedReplicas,
      ...drift,
      observedAt: cache.lastEventTime,
    };
  }
  return {
    cluster,
    state: 'present',
    plannedReplicas,
    desiredReplicas: live.replicas,
    updatedReplicas: live.status.updatedReplicas,
    readyReplicas: live.status.readyReplicas,
    availableReplicas: live.status.availableReplicas,
    generation: live.generation,
    observedGeneration: live.status.observedGeneration,
    rolledOut: isRolledOut(live),
    conditions: live.status.conditions,
    ...drift,
    observedAt: cache.lastEventTime,
  };
}

/** Sums replicas over the clusters whose Deployment is known; unknown clusters add nothing. */
export function federatedAppTotals(
  statuses: readonly FederatedClusterStatus[],
): FederatedAppTotals {
  const totals: FederatedAppTotals = {
    desired: 0,
    updated: 0,
    ready: 0,
    available: 0,
  };
  for (const s of statuses) {
    if (s.state !== 'present') continue;
    totals.desired += s.desiredReplicas ?? 0;
    totals.updated += s.updatedReplicas ?? 0;
    totals.ready += s.readyReplicas ?? 0;
    totals.available += s.availableReplicas ?? 0;
  }
  return totals;
}
