import { mockServices } from '@backstage/backend-test-utils';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { TenantSummary } from '@kube-platform/plugin-kube-platform-common';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubePlatformTenantProvider } from './KubePlatformTenantProvider';

const tenant: TenantSummary = {
  name: 'payments',
  namespace: 'payments',
  cluster: 'cluster-2',
  owner: 'group:default/team-alpha',
  environment: 'development',
  costCenter: 'cc-1234',
  createdAt: '2025-01-01T00:00:00Z',
  phase: 'Active',
};

let server: http.Server;
let baseUrl = '';
let answer: { status: number; body: unknown } = {
  status: 200,
  body: { items: [] },
};
const seen: { url?: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url, authorization: req.headers.authorization });
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/kube-platform`;
});

afterAll(async () => {
  await new Promise(resolve => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

function providerWithConnection() {
  const provider = new KubePlatformTenantProvider({
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
    auth: mockServices.auth({ pluginId: 'catalog' }),
    logger: mockServices.logger.mock(),
  });
  const applyMutation = jest.fn();
  const connection = {
    applyMutation,
    refresh: jest.fn(),
  } as unknown as EntityProviderConnection;
  return { provider, connection, applyMutation };
}

describe('KubePlatformTenantProvider', () => {
  it('emits one kubernetes-namespace Resource per tenant as a full mutation', async () => {
    answer = {
      status: 200,
      body: {
        items: [
          tenant,
          {
            ...tenant,
            name: 'shop',
            namespace: 'tenants-shop',
            cluster: 'cluster-1',
            environment: 'production',
          },
        ],
      },
    };
    const { provider, connection, applyMutation } = providerWithConnection();
    await provider.connect(connection);
    await provider.refresh();

    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe('/api/kube-platform/tenants');
    expect(seen[0].authorization).toMatch(/^Bearer .*kube-platform/);
    expect(applyMutation).toHaveBeenCalledTimes(1);
    const mutation = applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    const [first, second] = mutation.entities.map((e: any) => e.entity);
    expect(first).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'cluster-2-payments',
        title: 'payments on cluster-2',
        description:
          'Kubernetes tenant namespace payments on cluster cluster-2',
        labels: { environment: 'development', 'cost-center': 'cc-1234' },
        annotations: {
          'backstage.io/managed-by-location':
            'kube-platform:kube-platform-tenants',
          'backstage.io/managed-by-origin-location':
            'kube-platform:kube-platform-tenants',
          'kube-platform.io/tenant': 'cluster-2/payments',
          'kube-platform.io/cluster': 'cluster-2',
          'backstage.io/kubernetes-id': 'payments',
          'backstage.io/kubernetes-namespace': 'payments',
        },
        tags: ['kubernetes', 'tenant'],
      },
      spec: {
        type: 'kubernetes-namespace',
        owner: 'group:default/team-alpha',
        dependsOn: ['resource:default/cluster-2'],
      },
    });
    expect(first.spec.system).toBeUndefined();
    expect(second.metadata).toMatchObject({
      name: 'cluster-1-shop',
      labels: { environment: 'production' },
      annotations: {
        'backstage.io/kubernetes-namespace': 'tenants-shop',
        'kube-platform.io/tenant': 'cluster-1/shop',
      },
    });
    expect(mutation.entities[0].locationKey).toBe(
      'kube-platform:kube-platform-tenants',
    );
  });

  it("puts the tenant's monthly budget on its entity, and only when it has one", async () => {
    answer = {
      status: 200,
      body: {
        items: [
          { ...tenant, budget: '500 USD' },
          { ...tenant, name: 'shop', namespace: 'shop' },
        ],
      },
    };
    const { provider, connection, applyMutation } = providerWithConnection();
    await provider.connect(connection);
    await provider.refresh();
    const [budgeted, plain] = applyMutation.mock.calls[0][0].entities.map(
      (e: any) => e.entity,
    );
    expect(budgeted.metadata.annotations).toMatchObject({
      'kube-platform.io/monthly-budget': '500 USD',
      'kube-platform.io/tenant': 'cluster-2/payments',
    });
    expect(Object.keys(plain.metadata.annotations)).not.toContain(
      'kube-platform.io/monthly-budget',
    );
    expect(plain.metadata.annotations['kube-platform.io/tenant']).toBe(
      'cluster-2/shop',
    );
  });

  it('removes deleted tenants with an empty full mutation', async () => {
    answer = { status: 200, body: { items: [] } };
    const { provider, connection, applyMutation } = providerWithConnection();
    await provider.connect(connection);
    await provider.refresh();
    expect(applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });
  });

  it('keeps the current entities when the backend fails', async () => {
    answer = {
      status: 503,
      body: { error: { name: 'ServiceUnavailableError', message: 'starting' } },
    };
    const { provider, connection, applyMutation } = providerWithConnection();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow('Request failed with 503');
    expect(applyMutation).not.toHaveBeenCalled();
    answer = { status: 200, body: { items: [tenant] } };
    await provider.refresh();
    expect(applyMutation).toHaveBeenCalledTimes(1);
  });

  it('refuses to refresh before it is connected', async () => {
    const { provider } = providerWithConnection();
    await expect(provider.refresh()).rejects.toThrow('not connected');
  });
});
