import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import {
  createTestNamespace,
  deleteNamespaces,
  useLocalClusters,
  waitFor,
} from './index';

jest.setTimeout(90_000);

// At the top level, so that the clusters outlive the describe block's afterAll.
const clusters = useLocalClusters();

describe('workloads', () => {
  const namespaces: string[] = [];

  afterAll(() => deleteNamespaces(clusters[1].kubeConfig, namespaces));

  it('brings a Deployment of 3 replicas to readyReplicas 3', async () => {
    const kc = clusters[1].kubeConfig;
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = await createTestNamespace(kc, 'workloads');
    namespaces.push(namespace);

    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              containers: [{ name: 'web', image: 'nginx:1.27' }],
            },
          },
        },
      },
    });

    const deployment = await waitFor(
      async () => {
        const d = await apps.readNamespacedDeployment({
          name: 'web',
          namespace,
        });
        return d.status?.readyReplicas === 3 ? d : undefined;
      },
      {
        timeoutMs: 60_000,
        description: 'deployment web to have 3 ready replicas',
      },
    );
    expect(deployment.status?.availableReplicas).toBe(3);

    // The replicas are real pods, scheduled onto the cluster's (simulated) nodes.
    const pods = await core.listNamespacedPod({
      namespace,
      labelSelector: 'app=web',
    });
    expect(pods.items).toHaveLength(3);
    for (const p of pods.items) {
      expect(p.status?.phase).toBe('Running');
      expect(p.spec?.nodeName).toMatch(
        new RegExp(`^${clusters[1].name}-node-`),
      );
    }
  });
});
