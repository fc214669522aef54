import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  kubePlatformClustersConfig,
  useLocalClusters,
  waitFor,
} from '@kube-platform/localcluster-testing';
import request from 'supertest';
import { catalogModuleKubePlatform } from './module';

jest.setTimeout(180_000);

const clusters = useLocalClusters();

describe('cluster inventory in a real catalog', () => {
  it('puts every local cluster into the catalog with its labels and the stock plugin annotations', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleKubePlatform,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              providers: {
                kubePlatform: {
                  // No initial delay: the test scheduler runs such tasks once at start-up.
                  schedule: { frequency: { seconds: 30 }, timeout: { seconds: 30 } },
                },
              },
            },
            kubePlatform: {
              clusters: kubePlatformClustersConfig(clusters),
            },
          },
        }),
      ],
    });

    const entities = await waitFor(
      async () => {
        const res = await request(server)
          .get('/api/catalog/entities/by-query')
          .query({ filter: 'kind=resource,spec.type=kubernetes-cluster' });
        return res.status === 200 && res.body.items.length === clusters.length && res.body.items;
      },
      { timeoutMs: 60_000, intervalMs: 500, description: 'cluster entities in the catalog' },
    );

    for (const cluster of clusters) {
      const entity = entities.find((e: any) => e.metadata.name === cluster.name);
      expect(entity).toBeDefined();
      expect(entity.metadata.labels).toEqual(cluster.labels);
      expect(entity.metadata.annotations).toMatchObject({
        'kubernetes.io/api-server': cluster.server,
        'kubernetes.io/api-server-certificate-authority': cluster.caData,
        'kubernetes.io/auth-provider': 'serviceAccount',
        'kube-platform.io/cluster': cluster.name,
        'kube-platform.io/host': String(cluster.name === clusters[0].name),
      });
      expect(entity.spec).toMatchObject({ type: 'kubernetes-cluster', owner: 'group:default/platform-team' });
      // The token the platform authenticates with never reaches the catalog.
      expect(JSON.stringify(entity)).not.toContain(cluster.platformToken);
    }
  });
});
