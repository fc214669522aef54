import { ResponseError } from '@backstage/errors';
import {
  euWestStagingCluster,
  registeredClusters,
} from '../testing/clusterFixtures';
import { KubePlatformClient } from './KubePlatformClient';

function clientWith(responses: Record<string, Response>) {
  const fetch = jest.fn(async (url: string) => {
    const response = responses[url];
    if (!response) throw new Error(`unexpected ${url}`);
    return response;
  });
  const client = new KubePlatformClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backend/api/${id}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { client, fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

describe('KubePlatformClient', () => {
  it('lists cluster statuses from the kube-platform backend', async () => {
    const { client, fetch } = clientWith({
      'http://backend/api/kube-platform/clusters': json(200, {
        items: registeredClusters,
      }),
    });
    const clusters = await client.listClusters();
    expect(clusters.map(cluster => cluster.name)).toEqual([
      'cluster-1',
      'cluster-2',
      'cluster-3',
    ]);
    expect(clusters[2].health.lastError).toBe(
      'connect ECONNREFUSED 127.0.0.1:16445',
    );
    expect(clusters[1].capacity.cpuOvercommit).toBe(1.5);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('gets one cluster status by name', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/clusters/cluster-3': json(
        200,
        euWestStagingCluster,
      ),
    });
    await expect(client.getCluster('cluster-3')).resolves.toEqual(
      euWestStagingCluster,
    );
  });

  it('returns undefined for an unknown cluster and encodes the name', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/clusters/a%2Fb': json(404, {
        error: { name: 'NotFoundError', message: 'nope' },
      }),
    });
    await expect(client.getCluster('a/b')).resolves.toBeUndefined();
  });

  it('throws a ResponseError carrying the backend error', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/clusters': json(403, {
        error: {
          name: 'NotAllowedError',
          message: 'Not allowed to read the cluster inventory',
        },
        response: { statusCode: 403 },
      }),
    });
    const error = await client.listClusters().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.name).toBe('NotAllowedError');
  });
});
