import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  type LocalCluster,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import {
  type ClusterConnection,
  type KubePlatformClusterSupplier,
  kubePlatformClusterSuppliersExtensionPoint,
} from '@kube-platform/plugin-kube-platform-node';
import request from 'supertest';
import { as, startKubePlatform } from './__testUtils__/startKubePlatform';

jest.setTimeout(120_000);

const clusters = useLocalClusters();
let backend: Awaited<ReturnType<typeof startKubePlatform>>;

/** A supplier the test fills, signalling each change as an event-driven inventory would. */
const supplied: ClusterConnection[] = [];
let signal = () => {};
const testSupplier: KubePlatformClusterSupplier = {
  id: 'test-inventory',
  getClusters: async () => [...supplied],
  subscribe(onChange) {
    signal = onChange;
    return () => {
      signal = () => {};
    };
  },
};

const testSupplierModule = createBackendModule({
  pluginId: 'kube-platform',
  moduleId: 'test-cluster-supplier',
  register(env) {
    env.registerInit({
      deps: { suppliers: kubePlatformClusterSuppliersExtensionPoint },
      async init({ suppliers }) {
        suppliers.addClusterSupplier(testSupplier);
      },
    });
  },
});

function supply(connections: ClusterConnection[]) {
  supplied.splice(0, supplied.length, ...connections);
  signal();
}

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

async function listClusters(): Promise<any[]> {
  const res = await request(backend.server)
    .get('/api/kube-platform/clusters')
    .set(as('bob'));
  expect(res.status).toBe(200);
  return res.body.items;
}

beforeAll(async () => {
  backend = await startKubePlatform(
    clusters.slice(0, 2),
    {},
    {
      features: [testSupplierModule],
    },
  );
});

afterAll(async () => {
  await backend?.stop();
});

describe('clusters supplied at run time through the kube-platform backend', () => {
  it('lists a supplied cluster with health and cache, and drops it when no longer supplied', async () => {
    const third = clusters[2];
    const configured = clusters.slice(0, 2).map(c => c.name);
    expect((await listClusters()).map(c => c.name)).toEqual(configured);

    supply([connectionOf(third)]);
    const added = await waitFor(
      async () => {
        const item = (await listClusters()).find(c => c.name === third.name);
        return item?.health.status === 'Ready' && item.cache.synced && item;
      },
      { timeoutMs: 30_000 },
    );
    expect(added).toMatchObject({
      name: third.name,
      url: third.server,
      labels: third.labels,
      health: { status: 'Ready', version: expect.any(String) },
      cache: { synced: true },
      capacity: expect.any(Object),
    });
    expect(added.cache.resources.namespaces.count).toBeGreaterThan(0);
    const detail = await request(backend.server)
      .get(`/api/kube-platform/clusters/${third.name}`)
      .set(as('bob'));
    expect(detail.status).toBe(200);

    supply([]);
    await waitFor(
      async () => !(await listClusters()).some(c => c.name === third.name),
      { timeoutMs: 10_000 },
    );
    expect((await listClusters()).map(c => c.name)).toEqual(configured);
    const gone = await request(backend.server)
      .get(`/api/kube-platform/clusters/${third.name}`)
      .set(as('bob'));
    expect(gone.status).toBe(404);
  });
});
