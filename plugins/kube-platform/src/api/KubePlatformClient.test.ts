import { ResponseError } from '@backstage/errors';
import { KubePlatformClient } from './KubePlatformClient';

function clientWith(responses: Record<string, Response>) {
  const fetch = jest.fn(async (url: string) => {
    const response = responses[url];
    if (!response) throw new Error(`unexpected ${url}`);
    return response;
  });
  const client = new KubePlatformClient({
    discoveryApi: { getBaseUrl: async (id: string) => `http://backend/api/${id}` },
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
  it('lists clusters from the kube-platform backend', async () => {
    const cluster = { name: 'cluster-1', url: 'https://x', labels: {}, host: false };
    const { client, fetch } = clientWith({
      'http://backend/api/kube-platform/clusters': json(200, { items: [cluster] }),
    });
    await expect(client.listClusters()).resolves.toEqual([cluster]);
    expect(fetch).toHaveBeenCalledTimes(1);
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
        error: { name: 'NotAllowedError', message: 'Not allowed to read the cluster inventory' },
        response: { statusCode: 403 },
      }),
    });
    const error = await client.listClusters().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.body.error.name).toBe('NotAllowedError');
  });
});
