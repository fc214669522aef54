import { initialClusterHealth } from '@kube-platform/plugin-kube-platform-common';
import type {
  ClusterCacheService,
  ClusterHealthMonitor,
} from '@kube-platform/plugin-kube-platform-node';
import { buildClusterStatus } from './clusterStatus';

const reflector = <T>(items: T[], synced = true) => ({
  list: () => items,
  status: () => ({ synced, count: items.length }),
});

function cacheWith(): ClusterCacheService {
  const cache = {
    namespaces: reflector([
      {
        name: 'team-alpha-prod',
        labels: { 'app.kubernetes.io/managed-by': 'kube-platform' },
        annotations: {},
      },
      { name: 'legacy-app', labels: {}, annotations: {} },
    ]),
    resourceQuotas: reflector([
      {
        namespace: 'team-alpha-prod',
        name: 'tenant-quota',
        hard: { 'requests.cpu': '6', 'requests.memory': '24Gi' },
        used: {},
      },
      {
        namespace: 'legacy-app',
        name: 'old-quota',
        hard: { 'requests.cpu': '100' },
        used: {},
      },
    ]),
    nodes: reflector([
      {
        name: 'n1',
        labels: {},
        ready: true,
        allocatable: { cpu: '8', memory: '32Gi' },
        capacity: {},
      },
    ]),
    status: () => ({
      synced: true,
      resources: {
        namespaces: { synced: true, count: 2 },
        resourcequotas: { synced: true, count: 2 },
        nodes: { synced: true, count: 1 },
      },
    }),
  };
  return {
    forCluster: () => cache,
    start: async () => {},
    stop: () => {},
  } as unknown as ClusterCacheService;
}

describe('buildClusterStatus', () => {
  it("counts only tenants' quota against allocatable capacity", () => {
    const status = buildClusterStatus(
      {
        name: 'cluster-1',
        url: 'https://x',
        labels: { region: 'us-west' },
        host: true,
      },
      {
        clusterCache: cacheWith(),
        clusterHealth: {
          getHealth: () => initialClusterHealth(),
        } as unknown as ClusterHealthMonitor,
      },
    );
    expect(status.capacity).toMatchObject({
      tenants: 1,
      quotaCpu: 6,
      quotaMemory: 24 * 2 ** 30,
      allocatableCpu: 8,
      cpuOvercommit: 0.75,
      memoryOvercommit: 0.75,
    });
    expect(status.health.status).toBe('Unknown');
    expect(status.cache.synced).toBe(true);
    expect(status.labels).toEqual({ region: 'us-west' });
  });
});
