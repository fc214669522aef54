import { ResponseError } from '@backstage/errors';
import {
  paymentsWebDetails,
  paymentsWebPlanPreview,
  paymentsWebSpec,
} from '../testing/federationFixtures';
import { KubePlatformClient } from './KubePlatformClient';

const base = 'http://backend/api/kube-platform';

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

describe('KubePlatformClient federated apps', () => {
  it('lists federated apps, filtered by an encoded owner', async () => {
    const { client } = clientWith({
      [`${base}/federated-apps?owner=group%3Adefault%2Fteam-alpha`]: json(200, {
        items: [paymentsWebDetails],
      }),
      [`${base}/federated-apps`]: json(200, { items: [] }),
    });
    const owned = await client.listFederatedApps({
      owner: 'group:default/team-alpha',
    });
    expect(owned.map(app => app.name)).toEqual(['payments-web']);
    await expect(client.listFederatedApps()).resolves.toEqual([]);
  });

  it('gets the details of an app, and undefined for none', async () => {
    const { client } = clientWith({
      [`${base}/federated-apps/team-alpha-web/payments-web`]: json(
        200,
        paymentsWebDetails,
      ),
      [`${base}/federated-apps/team-alpha-web/ghost`]: json(404, {
        error: { name: 'NotFoundError', message: 'No federated app ghost' },
      }),
    });
    const details = await client.getFederatedApp(
      'team-alpha-web',
      'payments-web',
    );
    expect(details?.plan.plan).toEqual({ 'cluster-1': 4, 'cluster-2': 2 });
    expect(details?.totals?.ready).toBe(5);
    await expect(
      client.getFederatedApp('team-alpha-web', 'ghost'),
    ).resolves.toBeUndefined();
  });

  it('changes replicas with a JSON PATCH', async () => {
    const { client, fetch } = clientWith({
      [`${base}/federated-apps/team-alpha-web/payments-web/replicas`]: json(
        201,
        { operationId: 'op-4', result: 'updated' },
      ),
    });
    const change = {
      totalReplicas: 9,
      clusters: { 'cluster-1': { weight: 1 }, 'cluster-2': { weight: 2 } },
    };
    await expect(
      client.updateFederatedAppReplicas(
        'team-alpha-web',
        'payments-web',
        change,
      ),
    ).resolves.toEqual({ operationId: 'op-4', result: 'updated' });
    const init = fetch.mock.calls[0][1]!;
    expect(init.method).toBe('PATCH');
    expect(init.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(change);
  });

  it('migrates with a POST and surfaces a conflict with its message', async () => {
    const { client, fetch } = clientWith({
      [`${base}/federated-apps/team-alpha-web/payments-web/migrate`]: json(
        409,
        {
          error: {
            name: 'ConflictError',
            message: 'cluster-3 is not a target of payments-web',
          },
          response: { statusCode: 409 },
        },
      ),
    });
    const error = await client
      .migrateFederatedApp('team-alpha-web', 'payments-web', {
        from: 'cluster-3',
        to: 'cluster-1',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe(
      'cluster-3 is not a target of payments-web',
    );
    expect(fetch.mock.calls[0][1]!.method).toBe('POST');
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string)).toEqual({
      from: 'cluster-3',
      to: 'cluster-1',
    });
  });

  it('posts the whole app to its plan route and returns the what-if', async () => {
    const { client, fetch } = clientWith({
      [`${base}/federated-apps/team-alpha-web/payments-web/plan`]: json(
        200,
        paymentsWebPlanPreview,
      ),
    });
    const preview = await client.planFederatedApp(paymentsWebSpec);
    expect(preview.refusals).toEqual(paymentsWebPlanPreview.refusals);
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string)).toEqual(
      paymentsWebSpec,
    );
  });
});
