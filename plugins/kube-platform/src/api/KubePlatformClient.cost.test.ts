import { ResponseError } from '@backstage/errors';
import { KubePlatformClient } from './KubePlatformClient';

function clientWith(responses: Record<string, Response>) {
  const fetch = jest.fn(async (url: string, _init?: RequestInit) => {
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

const group = { kind: 'Group', namespace: 'default', name: 'team-alpha' };
const base = 'http://backend/api/kube-platform';

describe('KubePlatformClient cost', () => {
  it('asks for an entity cost with the window, step, grouping and children', async () => {
    const report = { entityRef: 'group:default/team-alpha', series: [] };
    const url = `${base}/entities/group/default/team-alpha/cost?from=2026-11-01T00%3A00%3A00.000Z&step=day&groupBy=namespace&includeChildren=true`;
    const { client, fetch } = clientWith({ [url]: json(200, report) });

    await expect(
      client.getEntityCost(group, {
        from: '2026-11-01T00:00:00.000Z',
        step: 'day',
        groupBy: 'namespace',
        includeChildren: true,
      }),
    ).resolves.toEqual(report);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('downloads the CSV through the authenticated fetch, named as the backend names it', async () => {
    const url = `${base}/entities/group/default/team-alpha/cost?from=2026-11-20&step=hour&groupBy=cluster&format=csv`;
    const { client } = clientWith({
      [url]: new Response('start,cpu\n', {
        status: 200,
        headers: {
          'content-type': 'text/csv',
          'content-disposition':
            'attachment; filename="group-default-team-alpha-cost.csv"',
        },
      }),
    });

    const file = await client.downloadEntityCostCsv(group, {
      from: '2026-11-20',
      step: 'hour',
      groupBy: 'cluster',
    });
    expect(file.fileName).toBe('group-default-team-alpha-cost.csv');
    expect(await file.content.text()).toBe('start,cpu\n');
  });

  it('names the CSV as the backend does when the header is not readable (CORS)', async () => {
    const url = `${base}/entities/group/default/team-alpha/cost?from=2026-11-20T10%3A00%3A00.000Z&step=day&groupBy=cluster&to=2026-11-27T10%3A00%3A00.000Z&format=csv`;
    const { client } = clientWith({
      [url]: new Response('start,cpu\n', { status: 200 }),
    });
    const file = await client.downloadEntityCostCsv(group, {
      from: '2026-11-20T10:00:00.000Z',
      to: '2026-11-27T10:00:00.000Z',
      step: 'day',
      groupBy: 'cluster',
    });
    expect(file.fileName).toBe(
      'cost-group-default-team-alpha-2026-11-20-2026-11-27.csv',
    );
  });

  it('rejects a forbidden cost read with the backend error', async () => {
    const url = `${base}/entities/group/default/team-alpha/cost?from=2026-11-20&step=day&groupBy=cluster`;
    const { client } = clientWith({
      [url]: json(403, {
        error: { name: 'NotAllowedError', message: 'not allowed' },
      }),
    });
    const error = await client
      .getEntityCost(group, {
        from: '2026-11-20',
        step: 'day',
        groupBy: 'cluster',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).response.status).toBe(403);
  });

  it('gets cluster cost, with or without a window', async () => {
    const body = { cluster: 'cluster-1', efficiency: 0.5 };
    const { client } = clientWith({
      [`${base}/clusters/cluster-1/cost`]: json(200, body),
      [`${base}/clusters/cluster-1/cost?from=2026-11-01`]: json(200, body),
    });
    await expect(client.getClusterCost('cluster-1')).resolves.toEqual(body);
    await expect(
      client.getClusterCost('cluster-1', { from: '2026-11-01' }),
    ).resolves.toEqual(body);
  });
});
