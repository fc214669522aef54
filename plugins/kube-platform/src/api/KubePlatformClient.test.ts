import { ResponseError } from '@backstage/errors';
import {
  euWestStagingCluster,
  registeredClusters,
} from '../testing/clusterFixtures';
import {
  teamAlphaProdIsolationReport,
  teamAlphaProdTenant,
  teamAlphaQuota,
} from '../testing/tenantFixtures';
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

  it('gets the quota of an entity by its compound ref', async () => {
    const { client, fetch } = clientWith({
      'http://backend/api/kube-platform/entities/group/default/team-alpha/quota':
        json(200, teamAlphaQuota),
    });
    const quota = await client.getEntityQuota({
      kind: 'Group',
      namespace: 'default',
      name: 'team-alpha',
    });
    expect(quota.namespaces.map(usage => usage.namespace)).toEqual([
      'team-alpha-dev',
      'team-alpha-prod',
    ]);
    expect(fetch.mock.calls[0][1]).toEqual({ method: 'GET' });
  });

  it('keeps a ratio over a limit of 0 as the null JSON sends', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/entities/resource/default/team-alpha-dev/quota':
        json(200, {
          entityRef: 'resource:default/team-alpha-dev',
          namespaces: [
            {
              cluster: 'cluster-1',
              namespace: 'team-alpha-dev',
              resources: [
                {
                  resource: 'services.loadbalancers',
                  hard: '0',
                  used: '1',
                  ratio: Infinity,
                  level: 'critical',
                },
              ],
            },
          ],
        }),
    });
    const quota = await client.getEntityQuota({
      kind: 'Resource',
      namespace: 'default',
      name: 'team-alpha-dev',
    });
    expect(quota.namespaces[0].resources[0].ratio).toBeNull();
  });

  it('throws for the quota of an entity the backend does not know', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/entities/component/default/ghost/quota':
        json(404, {
          error: { name: 'NotFoundError', message: 'No entity ghost' },
        }),
    });
    const error = await client
      .getEntityQuota({
        kind: 'Component',
        namespace: 'default',
        name: 'ghost',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
  });

  it('gets a tenant, and undefined for a tenant the cluster does not have', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/tenants/cluster-2/team-alpha-prod':
        json(200, teamAlphaProdTenant),
      'http://backend/api/kube-platform/tenants/cluster-2/team-gamma': json(
        404,
        { error: { name: 'NotFoundError', message: 'No tenant team-gamma' } },
      ),
    });
    await expect(
      client.getTenant('cluster-2', 'team-alpha-prod'),
    ).resolves.toEqual(teamAlphaProdTenant);
    await expect(
      client.getTenant('cluster-2', 'team-gamma'),
    ).resolves.toBeUndefined();
  });

  it('verifies a tenant with a POST and returns the isolation report', async () => {
    const { client, fetch } = clientWith({
      'http://backend/api/kube-platform/tenants/cluster-2/team-alpha-prod/verify':
        json(200, teamAlphaProdIsolationReport),
    });
    const report = await client.verifyTenant('cluster-2', 'team-alpha-prod');
    expect(report.passed).toBe(false);
    expect(report.checks.filter(check => !check.passed)).toHaveLength(1);
    expect(fetch.mock.calls[0][1]).toEqual({ method: 'POST' });
  });

  it('throws a ResponseError when verifying an unknown tenant', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/tenants/cluster-2/team-gamma/verify':
        json(404, {
          error: { name: 'NotFoundError', message: 'No tenant team-gamma' },
        }),
    });
    const error = await client
      .verifyTenant('cluster-2', 'team-gamma')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
  });

  it('fetches a tenant kubeconfig as text and surfaces a refusal', async () => {
    const yaml = 'apiVersion: v1\nkind: Config\n';
    const { client } = clientWith({
      'http://backend/api/kube-platform/tenants/cluster-2/team-alpha-prod/kubeconfig':
        new Response(yaml, {
          status: 200,
          headers: { 'content-type': 'application/yaml' },
        }),
      'http://backend/api/kube-platform/tenants/cluster-2/team-beta-prod/kubeconfig':
        json(403, {
          error: { name: 'NotAllowedError', message: 'Not allowed' },
        }),
    });
    await expect(
      client.getTenantKubeconfig('cluster-2', 'team-alpha-prod'),
    ).resolves.toBe(yaml);
    const error = await client
      .getTenantKubeconfig('cluster-2', 'team-beta-prod')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  it('checks a tenant request against the guard rails with a JSON POST', async () => {
    const report = {
      namespace: 'team-alpha-web',
      elevationAllowed: false,
      issues: [
        {
          field: 'security.podSecurityStandard',
          code: 'needs-elevation',
          message:
            "needs a platform admin: privileged is weaker than production's restricted",
        },
      ],
    };
    const { client, fetch } = clientWith({
      'http://backend/api/kube-platform/tenants/guardrails': json(200, report),
    });
    const request = {
      name: 'team-alpha-web',
      owner: 'group:default/team-alpha',
      cluster: 'cluster-1',
      environment: 'production' as const,
      costCenter: 'payments',
      contact: 'alpha@example.com',
      security: { podSecurityStandard: 'privileged' as const },
    };
    await expect(client.checkTenantGuardrails(request)).resolves.toEqual(
      report,
    );
    const init = fetch.mock.calls[0][1]!;
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual(request);
  });

  it('throws a ResponseError when the guard rails cannot parse the request', async () => {
    const { client } = clientWith({
      'http://backend/api/kube-platform/tenants/guardrails': json(400, {
        error: {
          name: 'InputError',
          message: 'Invalid tenant request: costCenter: Required',
        },
        response: { statusCode: 400 },
      }),
    });
    const error = await client
      .checkTenantGuardrails({ name: 'x' } as any)
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(400);
    expect(error.body.error.message).toBe(
      'Invalid tenant request: costCenter: Required',
    );
  });
});
