import { mockServices } from '@backstage/backend-test-utils';
import {
  deleteNamespaces,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import { createClusterRegistry } from '../clusterRegistry';
import {
  type ClusterCacheService,
  createClusterCacheService,
} from './ClusterCacheService';

jest.setTimeout(120_000);

const clusters = useLocalClusters();
let caches: ClusterCacheService;
const created: string[] = [];

beforeAll(async () => {
  const clusterRegistry = createClusterRegistry(
    clusters.map(c => ({
      name: c.name,
      url: c.server,
      caData: c.caData,
      skipTLSVerify: false,
      token: c.platformToken,
      labels: c.labels,
      host: false,
    })),
  );
  caches = createClusterCacheService({
    clusterRegistry,
    logger: mockServices.logger.mock(),
  });
  await caches.start();
});

afterAll(async () => {
  caches?.stop();
  await deleteNamespaces(clusters[0].kubeConfig, created);
});

describe('cluster watch cache against real clusters', () => {
  it('lists every cluster, with Ready nodes and their allocatable resources', async () => {
    for (const cluster of clusters) {
      const status = caches.forCluster(cluster.name).status();
      expect(status.synced).toBe(true);
      expect(status.resources.nodes.lastEventTime).toBeDefined();
      const nodes = caches.forCluster(cluster.name).nodes.list();
      expect(nodes.length).toBeGreaterThan(0);
      expect(nodes.every(n => n.ready)).toBe(true);
      expect(nodes[0].allocatable.cpu).toBeDefined();
      // Trimmed: no images or addresses are kept.
      expect(Object.keys(nodes[0]).sort()).toEqual([
        'allocatable',
        'capacity',
        'labels',
        'name',
        'ready',
      ]);
    }
  });

  it('sees a namespace and a quota created outside Backstage within 2 seconds', async () => {
    const [cluster] = clusters;
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    const name = uniqueName('outside');
    created.push(name);
    const cache = caches.forCluster(cluster.name);
    const before = cache.status().resources.namespaces.lastEventTime;

    const createdAt = Date.now();
    await core.createNamespace({
      body: { metadata: { name, labels: { team: 'alpha' } } },
    });
    await waitFor(() => cache.namespaces.list().find(ns => ns.name === name), {
      timeoutMs: 2_000,
      intervalMs: 20,
      description: `namespace ${name} in the cache`,
    });
    expect(Date.now() - createdAt).toBeLessThan(2_000);
    expect(
      cache.namespaces.list().find(ns => ns.name === name)?.labels.team,
    ).toBe('alpha');
    expect(cache.status().resources.namespaces.lastEventTime).not.toBe(before);

    await core.createNamespacedResourceQuota({
      namespace: name,
      body: {
        metadata: { name: 'quota' },
        spec: { hard: { 'requests.cpu': '2', pods: '5' } },
      },
    });
    const quota = await waitFor(
      () =>
        cache.resourceQuotas
          .list()
          .find(q => q.namespace === name && q.hard['requests.cpu']),
      { timeoutMs: 2_000, intervalMs: 20, description: 'quota in the cache' },
    );
    expect(quota.hard).toMatchObject({ 'requests.cpu': '2', pods: '5' });
  });

  it('keeps each cluster separate', async () => {
    const names = (n: number) =>
      caches
        .forCluster(clusters[n].name)
        .namespaces.list()
        .map(ns => ns.name);
    const onlyOnFirst = created.filter(n => !names(1).includes(n));
    expect(onlyOnFirst).toEqual(created);
    expect(() => caches.forCluster('nope')).toThrow('No registered cluster');
  });
});
