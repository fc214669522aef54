import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import {
  deleteNamespaces,
  type LocalCluster,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import type { ClusterConnection } from './clusterConfig';
import { type ClusterRegistry, createClusterRegistry } from './clusterRegistry';
import { ClusterHealthMonitor } from './health/ClusterHealthMonitor';
import {
  type ClusterCacheService,
  createClusterCacheService,
} from './watch/ClusterCacheService';

jest.setTimeout(120_000);

const clusters = useLocalClusters();
let registry: ClusterRegistry;
let caches: ClusterCacheService;
let health: ClusterHealthMonitor;
const created: string[] = [];

function connectionOf(cluster: LocalCluster): ClusterConnection {
  return {
    name: cluster.name,
    url: cluster.server,
    caData: cluster.caData,
    skipTLSVerify: false,
    token: cluster.platformToken,
    labels: cluster.labels,
    host: false,
  };
}

async function createNamespace(cluster: LocalCluster, name: string) {
  await cluster.kubeConfig
    .makeApiClient(CoreV1Api)
    .createNamespace({ body: { metadata: { name } } });
}

beforeAll(async () => {
  if (clusters.length < 3)
    throw new Error('This test needs three local clusters');
  registry = createClusterRegistry(clusters.slice(0, 2).map(connectionOf));
  const logger = mockServices.logger.mock();
  caches = createClusterCacheService({ clusterRegistry: registry, logger });
  health = new ClusterHealthMonitor({ clusterRegistry: registry, logger });
  await caches.start();
  await health.probeAll();
});

afterAll(async () => {
  caches?.stop();
  await Promise.all(
    [clusters[0], clusters[2]].map(c =>
      deleteNamespaces(c.kubeConfig, created),
    ),
  );
});

describe('clusters added and removed at run time, against real clusters', () => {
  it('watches and probes a cluster added at run time, and stops both when it is removed', async () => {
    const [first, , third] = clusters;
    expect(() => caches.forCluster(third.name)).toThrow(NotFoundError);

    const added = registry.replaceClusters('test', [connectionOf(third)]);
    expect(added).toMatchObject({ added: [third.name], refused: [] });

    // Added: its cache syncs without any call to start, and a probe finds it Ready.
    const cache = caches.forCluster(third.name);
    await waitFor(() => cache.status().synced, { timeoutMs: 20_000 });
    expect(cache.namespaces.list().map(ns => ns.name)).toEqual(
      expect.arrayContaining(['default', 'kube-system']),
    );
    await health.probeAll();
    expect(health.getHealth(third.name)).toMatchObject({ status: 'Ready' });

    // Removed: gone from caches and health, and never probed again.
    const removed = registry.replaceClusters('test', []);
    expect(removed.removed).toEqual([third.name]);
    expect(() => caches.forCluster(third.name)).toThrow(NotFoundError);
    await health.probeAll();
    expect(health.getHealth(third.name).status).toBe('Unknown');
    expect(health.getHealth(third.name).lastProbeTime).toBeUndefined();
    expect(health.getHealth(first.name).status).toBe('Ready');

    // Its watches stopped: a namespace created on it reaches neither its old cache
    // nor anything else, while the same change on a kept cluster shows up at once.
    const relists = cache.namespaces.status().relists;
    const name = uniqueName('after-removal');
    created.push(name);
    await Promise.all([
      createNamespace(third, name),
      createNamespace(first, name),
    ]);
    const kept = caches.forCluster(first.name);
    await waitFor(() => kept.namespaces.list().some(ns => ns.name === name), {
      timeoutMs: 5_000,
      intervalMs: 20,
    });
    await new Promise(resolve => setTimeout(resolve, 1_500));
    expect(cache.namespaces.list().some(ns => ns.name === name)).toBe(false);
    expect(cache.namespaces.status().relists).toBe(relists);
  });
});
