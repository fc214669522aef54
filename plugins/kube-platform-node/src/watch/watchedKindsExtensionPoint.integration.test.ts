import {
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  createTestNamespace,
  deleteNamespaces,
  kubePlatformClustersConfig,
  uniqueName,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  kubePlatformClusterCacheServiceRef,
  kubePlatformWatchedKindsServiceRef,
} from '../serviceRefs';
import type { ClusterCacheService } from './ClusterCacheService';
import { defineWatchedKind } from './WatchedKind';
import {
  createWatchedKindsExtension,
  kubePlatformWatchedKindsExtensionPoint,
} from './watchedKindsExtensionPoint';

jest.setTimeout(120_000);

const clusters = useLocalClusters();
const created: string[] = [];

afterAll(async () => {
  await deleteNamespaces(clusters[0].kubeConfig, created);
});

/** The wiring the kube-platform backend plugin does, and nothing else. */
function kubePlatformPluginWiring(
  onInit: (caches: ClusterCacheService) => void,
) {
  return createBackendPlugin({
    pluginId: 'kube-platform',
    register(env) {
      const watchedKinds = createWatchedKindsExtension();
      env.registerExtensionPoint(
        kubePlatformWatchedKindsExtensionPoint,
        watchedKinds.extensionPoint,
      );
      env.registerInit({
        deps: {
          registry: kubePlatformWatchedKindsServiceRef,
          clusterCache: kubePlatformClusterCacheServiceRef,
        },
        async init({ registry, clusterCache }) {
          watchedKinds.forwardTo(registry);
          onInit(clusterCache);
        },
      });
    },
  });
}

describe('the watched kinds extension point', () => {
  it('lets a backend module add a kind that every cluster cache then lists and watches', async () => {
    const label = uniqueName('kinds');
    const limitRangesKind = defineWatchedKind({
      id: 'limitranges',
      apiVersion: 'v1',
      kind: 'LimitRange',
      plural: 'limitranges',
      namespaced: true,
      labelSelector: `kube-platform.io/watch-test=${label}`,
      trim: (lr: any) => ({
        namespace: lr.metadata.namespace as string,
        name: lr.metadata.name as string,
        max: lr.spec?.limits?.[0]?.max as Record<string, string> | undefined,
      }),
    });
    const limitRangesModule = createBackendModule({
      pluginId: 'kube-platform',
      moduleId: 'limit-ranges',
      register(env) {
        env.registerInit({
          deps: { watchedKinds: kubePlatformWatchedKindsExtensionPoint },
          async init({ watchedKinds }) {
            watchedKinds.addKind(limitRangesKind);
          },
        });
      },
    });
    let caches: ClusterCacheService | undefined;
    const backend = await startTestBackend({
      features: [
        kubePlatformPluginWiring(c => (caches = c)),
        limitRangesModule,
        mockServices.rootConfig.factory({
          data: {
            kubePlatform: { clusters: kubePlatformClustersConfig(clusters) },
          },
        }),
      ],
    });
    try {
      const [cluster] = clusters;
      const cache = caches!.forCluster(cluster.name);
      const namespace = await createTestNamespace(cluster.kubeConfig, 'kinds');
      created.push(namespace);
      await cluster.kubeConfig
        .makeApiClient(CoreV1Api)
        .createNamespacedLimitRange({
          namespace,
          body: {
            metadata: {
              name: 'limits',
              labels: { 'kube-platform.io/watch-test': label },
            },
            spec: { limits: [{ type: 'Container', max: { cpu: '2' } }] },
          },
        });

      const seen = await waitFor(
        () =>
          cache
            .get(limitRangesKind)
            .list()
            .find(l => l.namespace === namespace),
        {
          timeoutMs: 5_000,
          intervalMs: 20,
          description: 'the LimitRange in the cache',
        },
      );
      expect(seen).toEqual({ namespace, name: 'limits', max: { cpu: '2' } });
      for (const { name } of clusters) {
        expect(
          caches!.forCluster(name).status().resources.limitranges,
        ).toMatchObject({
          synced: true,
        });
      }
      // The built-in kinds are still there, under their typed accessors.
      expect(cache.namespaces.list().some(ns => ns.name === namespace)).toBe(
        true,
      );
    } finally {
      await backend.stop();
    }
  });
});
