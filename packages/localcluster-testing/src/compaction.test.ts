import { CoreV1Api, Watch } from '@kubernetes/client-node';
import {
  createTestNamespace,
  deleteNamespaces,
  type LocalCluster,
  useLocalClusters,
} from './index';

jest.setTimeout(60_000);

const clusters = useLocalClusters();
const created: string[] = [];

afterAll(async () => {
  await deleteNamespaces(clusters[0].kubeConfig, created);
});

/** The first event of a watch of `path` from `resourceVersion`. */
function firstWatchEvent(
  cluster: LocalCluster,
  path: string,
  resourceVersion: string,
): Promise<{ type: string; object: unknown }> {
  return new Promise((resolve, reject) => {
    let stop: AbortController | undefined;
    let first: { type: string; object: unknown } | undefined;
    new Watch(cluster.kubeConfig)
      .watch(
        path,
        { resourceVersion, timeoutSeconds: 5 },
        (type, object) => {
          first ??= { type, object };
          stop?.abort();
        },
        error =>
          first ? resolve(first) : reject(error ?? new Error('no event')),
      )
      .then(controller => {
        stop = controller;
        if (first) controller.abort();
      }, reject);
  });
}

describe('compacting a local cluster', () => {
  it('expires every resourceVersion handed out before it: a watch from one gets 410 Gone', async () => {
    const [cluster] = clusters;
    const core = cluster.kubeConfig.makeApiClient(CoreV1Api);
    const namespace = await createTestNamespace(cluster.kubeConfig, 'compact');
    created.push(namespace);
    const before = await core.listNamespacedEvent({ namespace });
    const resourceVersion = before.metadata!.resourceVersion!;

    const revision = await cluster.compact();

    expect(revision).toBeGreaterThan(Number(resourceVersion));
    // Events have no watch cache in the API server: the watch reaches etcd.
    const event = await firstWatchEvent(
      cluster,
      `/api/v1/namespaces/${namespace}/events`,
      resourceVersion,
    );
    expect(event).toMatchObject({
      type: 'ERROR',
      object: { code: 410, reason: 'Expired' },
    });
    expect(await cluster.compact()).toBeGreaterThan(revision);
  });
});
