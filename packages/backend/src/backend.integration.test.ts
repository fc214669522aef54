import {
  isApiError,
  kubePlatformClustersConfig,
  stockKubernetesConfig,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  type BackendProcess,
  startBackendProcess,
} from './__testUtils__/backendProcess';

jest.setTimeout(300_000);

/*
 * The whole backend as a real process (as `./scripts/dev` runs it), configured with the
 * local clusters: our plugins, the catalog, and the stock Kubernetes backend together.
 * A separate process because the stock Kubernetes backend loads @kubernetes/client-node
 * with dynamic import(), which Jest's module sandbox cannot run.
 */

const clusters = useLocalClusters();
let backend: BackendProcess | undefined;
let workdir = '';
const deployments: string[] = [];

const api = (route: string, init: RequestInit = {}) =>
  backend!.api(route, init);

beforeAll(async () => {
  workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-backend-'));
  backend = await startBackendProcess({
    workdir,
    config: {
      backend: {
        // Its own SQLite files, not the demo's under .local/sqlite.
        database: {
          client: 'better-sqlite3',
          connection: { directory: path.join(workdir, 'sqlite') },
        },
      },
      kubePlatform: {
        clusters: kubePlatformClustersConfig(clusters),
        health: { frequency: { seconds: 1 } },
      },
      kubernetes: stockKubernetesConfig(clusters),
    },
  });
}, 300_000);

afterAll(async () => {
  await backend?.stop();
  const apps = clusters[1].kubeConfig.makeApiClient(AppsV1Api);
  await Promise.all(
    deployments.map(name =>
      apps
        .deleteNamespacedDeployment({ name, namespace: 'team-alpha-prod' })
        .catch(() => undefined),
    ),
  );
  fs.rmSync(workdir, { recursive: true, force: true });
});

describe('the Kube Platform backend process', () => {
  it('serves the example catalog and the cluster inventory', async () => {
    const names = await waitFor(
      async () => {
        const res = await api(
          '/api/catalog/entities?fields=kind,metadata.name',
        );
        const found = (res.body as any[]).map(
          e => `${e.kind}:${e.metadata.name}`,
        );
        return found.includes('Resource:cluster-3') && found;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 500,
        description: 'example and cluster entities',
      },
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'Group:platform-team',
        'Group:team-alpha',
        'Group:team-beta',
        'User:alice',
        'System:shop',
        'Component:payments-api',
        'Component:storefront',
        'Resource:cluster-1',
        'Resource:cluster-2',
      ]),
    );
  });

  it('rejects requests without a token', async () => {
    const res = await fetch(`${backend!.baseUrl}/api/kube-platform/clusters`);
    expect(res.status).toBe(401);
  });

  it('reports every cluster Ready with nodes, capacity and a synced cache', async () => {
    const items = await waitFor(
      async () => {
        const res = await api('/api/kube-platform/clusters');
        const all = res.body.items as any[];
        return (
          all.every(c => c.health.status === 'Ready' && c.cache.synced) && all
        );
      },
      { timeoutMs: 30_000, intervalMs: 500, description: 'Ready clusters' },
    );
    expect(items.map(c => c.name)).toEqual(clusters.map(c => c.name));
    for (const item of items) {
      expect(item.health.version).toMatch(/^v1\.36\./);
      expect(item.capacity.nodesReady).toBeGreaterThan(0);
      expect(item.capacity.allocatableCpu).toBeGreaterThan(0);
    }
    const raw = JSON.stringify(items);
    for (const cluster of clusters) {
      expect(raw).not.toContain(cluster.platformToken);
      expect(raw).not.toContain(cluster.stockReaderToken);
    }
    const one = await api('/api/kube-platform/clusters/cluster-2');
    expect(one.body.labels).toEqual(clusters[1].labels);
    expect((await api('/api/kube-platform/clusters/nope')).status).toBe(404);
  });

  it('lets the stock Kubernetes backend list workloads on the local clusters', async () => {
    const target = clusters[1];
    // The example component pins its namespace with backstage.io/kubernetes-namespace.
    const namespace = 'team-alpha-prod';
    const core = target.kubeConfig.makeApiClient(CoreV1Api);
    await core
      .createNamespace({ body: { metadata: { name: namespace } } })
      .catch(error => {
        if (!isApiError(error, 409)) throw error;
      });
    const name = uniqueName('payments-api');
    deployments.push(name);
    const labels = {
      app: 'payments-api',
      'backstage.io/kubernetes-id': 'payments-api',
    };
    await target.kubeConfig
      .makeApiClient(AppsV1Api)
      .createNamespacedDeployment({
        namespace,
        body: {
          metadata: { name, labels },
          spec: {
            replicas: 1,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                containers: [
                  { name: 'app', image: 'registry.example.com/payments:1.0' },
                ],
              },
            },
          },
        },
      });

    const entity = (
      await api('/api/catalog/entities/by-name/component/default/payments-api')
    ).body;
    const res = await api('/api/kubernetes/services/payments-api', {
      method: 'POST',
      body: JSON.stringify({ entity }),
    });
    expect(res.status).toBe(200);
    const onTarget = res.body.items.find(
      (i: any) => i.cluster.name === target.name,
    );
    expect(onTarget).toBeDefined();
    expect(onTarget.errors).toEqual([]);
    const found = onTarget.resources.find((r: any) => r.type === 'deployments');
    expect(
      found.resources.map(
        (d: any) => `${d.metadata.namespace}/${d.metadata.name}`,
      ),
    ).toContain(`${namespace}/${name}`);
  });
});
