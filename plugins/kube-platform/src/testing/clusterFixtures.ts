import type {
  ClusterProbe,
  ClusterStatus,
  WatchFreshness,
} from '@kube-platform/plugin-kube-platform-common';

const GIBIBYTE = 2 ** 30;

/** ISO time the given number of minutes before now. */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

function probes(
  outcomes: Array<{ ok: boolean; latencyMs?: number; error?: string }>,
): ClusterProbe[] {
  return outcomes.map((outcome, index) => ({
    time: minutesAgo(outcomes.length - index),
    ...outcome,
  }));
}

function freshWatch(count: number): WatchFreshness {
  return { synced: true, lastEventTime: minutesAgo(2), count };
}

/** Management cluster in us-west: Ready, quota within capacity. */
export const usWestProductionCluster: ClusterStatus = {
  name: 'cluster-1',
  title: 'US West production',
  url: 'https://127.0.0.1:16443',
  labels: { region: 'us-west', environment: 'production' },
  owner: 'group:default/platform-team',
  host: true,
  health: {
    status: 'Ready',
    lastTransitionTime: minutesAgo(90),
    lastProbeTime: minutesAgo(1),
    consecutiveFailures: 0,
    consecutiveSuccesses: 42,
    latencyMs: 12,
    version: 'v1.36.0',
    history: probes([
      { ok: true, latencyMs: 11 },
      { ok: true, latencyMs: 14 },
      { ok: true, latencyMs: 12 },
    ]),
  },
  capacity: {
    nodesTotal: 3,
    nodesReady: 3,
    allocatableCpu: 12,
    allocatableMemory: 48 * GIBIBYTE,
    quotaCpu: 6,
    quotaMemory: 24 * GIBIBYTE,
    cpuOvercommit: 0.5,
    memoryOvercommit: 0.5,
    tenants: 4,
  },
  cache: {
    synced: true,
    resources: {
      namespaces: freshWatch(12),
      resourcequotas: freshWatch(4),
      nodes: freshWatch(3),
    },
  },
};

/** Member cluster in us-east: Ready, CPU quota promised beyond what the nodes have. */
export const usEastCluster: ClusterStatus = {
  name: 'cluster-2',
  url: 'https://127.0.0.1:16444',
  labels: { region: 'us-east', environment: 'production' },
  owner: 'group:default/team-east',
  host: false,
  health: {
    status: 'Ready',
    lastTransitionTime: minutesAgo(45),
    lastProbeTime: minutesAgo(1),
    lastError: 'context deadline exceeded',
    consecutiveFailures: 0,
    consecutiveSuccesses: 7,
    latencyMs: 23,
    version: 'v1.35.2',
    history: probes([
      { ok: false, error: 'context deadline exceeded' },
      { ok: true, latencyMs: 25 },
      { ok: true, latencyMs: 23 },
    ]),
  },
  capacity: {
    nodesTotal: 2,
    nodesReady: 1,
    allocatableCpu: 4,
    allocatableMemory: 16 * GIBIBYTE,
    quotaCpu: 6,
    quotaMemory: 8 * GIBIBYTE,
    cpuOvercommit: 1.5,
    memoryOvercommit: 0.5,
    tenants: 3,
  },
  cache: {
    synced: true,
    resources: {
      namespaces: freshWatch(7),
      resourcequotas: freshWatch(3),
      nodes: freshWatch(2),
    },
  },
};

/** Member cluster in eu-west: API server down, cache stale since it went away. */
export const euWestStagingCluster: ClusterStatus = {
  name: 'cluster-3',
  url: 'https://127.0.0.1:16445',
  labels: { region: 'eu-west', environment: 'staging' },
  owner: 'group:default/team-eu',
  host: false,
  health: {
    status: 'NotReady',
    lastTransitionTime: minutesAgo(20),
    lastProbeTime: minutesAgo(1),
    lastError: 'connect ECONNREFUSED 127.0.0.1:16445',
    consecutiveFailures: 9,
    consecutiveSuccesses: 0,
    history: probes([
      { ok: true, latencyMs: 18 },
      { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:16445' },
      { ok: false, error: 'connect ECONNREFUSED 127.0.0.1:16445' },
    ]),
  },
  capacity: {
    nodesTotal: 1,
    nodesReady: 0,
    allocatableCpu: 0,
    allocatableMemory: 0,
    quotaCpu: 2,
    quotaMemory: 4 * GIBIBYTE,
    tenants: 1,
  },
  cache: {
    synced: false,
    resources: {
      namespaces: {
        synced: false,
        lastEventTime: minutesAgo(25),
        count: 5,
        lastError: 'connect ECONNREFUSED 127.0.0.1:16445',
      },
      resourcequotas: {
        synced: false,
        lastEventTime: minutesAgo(25),
        count: 1,
      },
      nodes: { synced: false, lastEventTime: minutesAgo(25), count: 1 },
    },
  },
};

/** The three registered clusters of the local test environment. */
export const registeredClusters: ClusterStatus[] = [
  usWestProductionCluster,
  usEastCluster,
  euWestStagingCluster,
];
