import { CoreV1Api } from '@kubernetes/client-node';
import {
  createTestNamespace,
  deleteNamespaces,
  isApiError,
  useLocalClusters,
  waitFor,
} from './index';

jest.setTimeout(90_000);

// At the top level, so that the clusters outlive the describe block's afterAll.
const clusters = useLocalClusters();

describe('namespace deletion', () => {
  const namespaces: string[] = [];

  afterAll(() => deleteNamespaces(clusters[2].kubeConfig, namespaces));

  it('completes: the namespace and its contents are gone', async () => {
    const kc = clusters[2].kubeConfig;
    const core = kc.makeApiClient(CoreV1Api);
    const namespace = await createTestNamespace(kc, 'deleteme');
    namespaces.push(namespace);
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'settings' }, data: { a: '1' } },
    });
    await core.createNamespacedPod({
      namespace,
      body: {
        metadata: { name: 'app' },
        spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] },
      },
    });

    await core.deleteNamespace({ name: namespace });
    const terminating = await core.readNamespace({ name: namespace });
    expect(terminating.status?.phase).toBe('Terminating');

    await waitFor(
      async () => {
        try {
          await core.readNamespace({ name: namespace });
          return false;
        } catch (error) {
          if (isApiError(error, 404)) {
            return true;
          }
          throw error;
        }
      },
      {
        timeoutMs: 45_000,
        intervalMs: 500,
        description: `namespace ${namespace} to be deleted`,
      },
    );
    const leftovers = await core.listConfigMapForAllNamespaces({
      fieldSelector: `metadata.namespace=${namespace}`,
    });
    expect(leftovers.items).toHaveLength(0);
  });
});
