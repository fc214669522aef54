import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ApisApi,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  Metrics,
  PodMetric,
  RbacAuthorizationV1Api,
  V1Container,
} from '@kubernetes/client-node';
import { parseQuantity } from '@kube-platform/plugin-kube-platform-common';
import {
  DEMO_USERS,
  LocalCluster,
  createTestNamespace,
  deleteNamespaces,
  freePort,
  isApiError,
  startLocalCluster,
  useLocalClusters,
  waitFor,
} from './index';

jest.setTimeout(120_000);

const METRICS_GROUP = 'metrics.k8s.io';
const USAGE_ANNOTATION = 'localcluster.kube-platform.io/usage';
/** Share of its requests an unannotated container uses (tools/localcluster/README.md). */
const DEFAULT_SHARE = 0.5;

const clusters = useLocalClusters();

/** A CPU quantity (`250m`, `1`, `1.5`) in millicores. */
const cpuMillicores = (quantity: string) =>
  Math.round(parseQuantity(quantity) * 1000);
/** A memory quantity (`200Mi`, `1G`, `1048576`) in bytes. */
const memoryBytes = (quantity: string) => Math.round(parseQuantity(quantity));

async function servedGroups(kc: KubeConfig): Promise<string[]> {
  const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
  return groups.groups.map(g => g.name);
}

function container(name: string, cpu: string, memory: string): V1Container {
  return {
    name,
    image: 'busybox:1.36',
    resources: { requests: { cpu, memory } },
  };
}

function getPodMetrics(
  kc: KubeConfig,
  namespace: string,
  name: string,
): Promise<PodMetric> {
  return kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({
    group: METRICS_GROUP,
    version: 'v1beta1',
    namespace,
    plural: 'pods',
    name,
  });
}

/** Sum of the containers' usage: CPU in millicores, memory in bytes. */
function podTotal(metric: PodMetric) {
  return metric.containers.reduce(
    (sum, c) => ({
      cpu: sum.cpu + cpuMillicores(c.usage.cpu),
      memory: sum.memory + memoryBytes(c.usage.memory),
    }),
    { cpu: 0, memory: 0 },
  );
}

describe('metrics.k8s.io on a cluster with metrics', () => {
  const namespaces: string[] = [];
  let cluster: LocalCluster;
  let namespace: string;

  beforeAll(async () => {
    const withMetrics = clusters.find(c => c.metrics);
    if (!withMetrics) {
      throw new Error('every local cluster was started with --metrics=false');
    }
    cluster = withMetrics;
    namespace = await createTestNamespace(cluster.kubeConfig, 'metrics');
    namespaces.push(namespace);
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: {
          name: 'annotated',
          labels: { app: 'metrics-test' },
          annotations: { [USAGE_ANNOTATION]: 'cpu=250m,memory=200Mi' },
        },
        spec: {
          containers: [
            container('app', '300m', '512Mi'),
            container('sidecar', '100m', '128Mi'),
          ],
        },
      },
    });
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name: 'plain', labels: { app: 'metrics-test' } },
        spec: { containers: [container('app', '500m', '256Mi')] },
      },
    });
    await waitFor(
      async () => {
        const pods = await core.listNamespacedPod({ namespace });
        return pods.items.every(p => p.status?.phase === 'Running');
      },
      { timeoutMs: 60_000, description: 'the test pods to run' },
    );
  });

  afterAll(() => deleteNamespaces(cluster.kubeConfig, namespaces));

  it('is listed by discovery with nodes and pods', async () => {
    const kc = cluster.kubeConfig;
    expect(await servedGroups(kc)).toContain(METRICS_GROUP);
    const resources = await kc
      .makeApiClient(CustomObjectsApi)
      .getAPIResources({ group: METRICS_GROUP, version: 'v1beta1' });
    expect(
      resources.resources.map(r => [r.name, r.kind, r.namespaced]).sort(),
    ).toEqual([
      ['nodes', 'NodeMetrics', false],
      ['pods', 'PodMetrics', true],
    ]);
  });

  it('reports the annotated usage of a pod, split across its containers by requests', async () => {
    const metric = await getPodMetrics(
      cluster.kubeConfig,
      namespace,
      'annotated',
    );
    expect(podTotal(metric)).toEqual({ cpu: 250, memory: 200 * 2 ** 20 });
    // Requests 300m:100m and 512Mi:128Mi.
    expect(
      metric.containers.map(c => [
        c.name,
        cpuMillicores(c.usage.cpu),
        memoryBytes(c.usage.memory),
      ]),
    ).toEqual([
      ['app', 188, 160 * 2 ** 20],
      ['sidecar', 62, 40 * 2 ** 20],
    ]);
    expect(metric.window).toBe('30s');
    const age = Date.now() - Date.parse(metric.timestamp);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(60_000);
  });

  it('reports half of the requests for a pod without the annotation', async () => {
    const metric = await getPodMetrics(cluster.kubeConfig, namespace, 'plain');
    expect(podTotal(metric)).toEqual({
      cpu: 500 * DEFAULT_SHARE,
      memory: 256 * 2 ** 20 * DEFAULT_SHARE,
    });
  });

  it('lists the pods of a namespace through the client library metrics client', async () => {
    const list = await new Metrics(cluster.kubeConfig).getPodMetrics(namespace);
    expect(list.items.map(m => m.metadata.name).sort()).toEqual([
      'annotated',
      'plain',
    ]);
  });

  it('has no metrics for a pod that is not running', async () => {
    await cluster.kubeConfig.makeApiClient(CoreV1Api).createNamespacedPod({
      namespace,
      body: {
        metadata: { name: 'unschedulable' },
        spec: {
          nodeSelector: { 'localcluster.kube-platform.io/none': 'true' },
          containers: [container('app', '100m', '64Mi')],
        },
      },
    });
    await expect(
      getPodMetrics(cluster.kubeConfig, namespace, 'unschedulable'),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('reports NodeMetrics for every node, at least the usage of the pods on it', async () => {
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    const nodes = await core.listNode();
    const metrics = await new Metrics(cluster.kubeConfig).getNodeMetrics();
    expect(metrics.items.map(m => m.metadata.name).sort()).toEqual(
      nodes.items.map(n => n.metadata!.name!).sort(),
    );
    const pods = await core.listNamespacedPod({ namespace });
    const ourMetrics = await new Metrics(cluster.kubeConfig).getPodMetrics(
      namespace,
    );
    const totals = new Map(
      ourMetrics.items.map(m => [m.metadata.name, podTotal(m)]),
    );
    for (const node of metrics.items) {
      const expected = pods.items
        .filter(p => p.spec?.nodeName === node.metadata.name)
        .flatMap(p => totals.get(p.metadata!.name!) ?? []);
      // Pods of other tests may run on the node too: they only add.
      expect(cpuMillicores(node.usage.cpu)).toBeGreaterThanOrEqual(
        expected.reduce((s, t) => s + t.cpu, 0),
      );
      expect(memoryBytes(node.usage.memory)).toBeGreaterThanOrEqual(
        expected.reduce((s, t) => s + t.memory, 0),
      );
      expect(node.window).toBe('30s');
    }
    // The test pods ran somewhere: at least one node had something to check.
    expect(pods.items.some(p => p.spec?.nodeName)).toBe(true);
  });

  it('is read through RBAC: get/list on pods in metrics.k8s.io', async () => {
    const bob = cluster.kubeConfigFor(DEMO_USERS.bob.token);
    await expect(
      getPodMetrics(bob, namespace, 'annotated'),
    ).rejects.toMatchObject({ code: 403 });
    await cluster.kubeConfig
      .makeApiClient(RbacAuthorizationV1Api)
      .createNamespacedRole({
        namespace,
        body: {
          metadata: { name: 'pod-metrics-reader' },
          rules: [
            {
              apiGroups: [METRICS_GROUP],
              resources: ['pods'],
              verbs: ['get', 'list'],
            },
          ],
        },
      });
    await cluster.kubeConfig
      .makeApiClient(RbacAuthorizationV1Api)
      .createNamespacedRoleBinding({
        namespace,
        body: {
          metadata: { name: 'bob-pod-metrics' },
          roleRef: {
            apiGroup: 'rbac.authorization.k8s.io',
            kind: 'Role',
            name: 'pod-metrics-reader',
          },
          subjects: [
            {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'User',
              name: DEMO_USERS.bob.name,
            },
          ],
        },
      });
    const metric = await waitFor(
      () =>
        getPodMetrics(bob, namespace, 'annotated').catch(error => {
          if (isApiError(error, 403)) {
            return undefined;
          }
          throw error;
        }),
      { description: 'the RoleBinding to take effect' },
    );
    expect(podTotal(metric).cpu).toBe(250);
    // Pods, not nodes.
    await expect(new Metrics(bob).getNodeMetrics()).rejects.toMatchObject({
      code: 403,
    });
  });
});

describe('a cluster started with --metrics=false', () => {
  let cluster: LocalCluster | undefined;
  /** Set when this file started a cluster of its own (and must stop it). */
  let ownDir: string | undefined;

  beforeAll(async () => {
    // One of the set when so configured ($KUBE_PLATFORM_CLUSTERS_METRICS_OFF),
    // else one of its own.
    cluster = clusters.find(c => !c.metrics);
    if (!cluster) {
      ownDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'kube-platform-no-metrics-'),
      );
      cluster = await startLocalCluster({
        name: 'no-metrics',
        port: await freePort(),
        clustersDir: ownDir,
        metrics: false,
      });
    }
  }, 120_000);

  afterAll(async () => {
    if (ownDir) {
      await cluster?.stop();
      fs.rmSync(ownDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('serves no metrics.k8s.io and discovery does not list it', async () => {
    const kc = cluster!.kubeConfig;
    expect(cluster!.metrics).toBe(false);
    const groups = await servedGroups(kc);
    // Discovery works and lists the built-in groups, just not metrics.
    expect(groups).toContain('apps');
    expect(groups).not.toContain(METRICS_GROUP);
    await expect(
      getPodMetrics(kc, 'default', 'anything'),
    ).rejects.toMatchObject({ code: 404 });
  });
});
