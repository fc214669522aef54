import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { createClusterRegistryFromConfig } from '@kube-platform/plugin-kube-platform-node';
import { KubePlatformClusterProvider } from './KubePlatformClusterProvider';

function providerFor(clusters: object[]) {
  const clusterRegistry = createClusterRegistryFromConfig(
    new ConfigReader({ kubePlatform: { clusters } }),
  );
  const provider = new KubePlatformClusterProvider({
    clusterRegistry,
    logger: mockServices.logger.mock(),
  });
  const applyMutation = jest.fn();
  const connection = { applyMutation, refresh: jest.fn() } as unknown as EntityProviderConnection;
  return { provider, connection, applyMutation };
}

const base = {
  auth: { provider: 'serviceAccount', token: 'never-in-the-catalog' },
  skipTLSVerify: true,
};

describe('KubePlatformClusterProvider', () => {
  it('emits one kubernetes-cluster Resource per cluster as a full mutation', async () => {
    const { provider, connection, applyMutation } = providerFor([
      {
        ...base,
        name: 'cluster-1',
        title: 'US West production',
        url: 'https://127.0.0.1:16443',
        labels: { region: 'us-west', environment: 'production' },
        owner: 'group:default/platform-team',
        host: true,
      },
      { ...base, name: 'cluster-3', url: 'https://127.0.0.1:16445', labels: { region: 'eu-west' } },
    ]);
    await provider.connect(connection);
    await provider.refresh();

    expect(applyMutation).toHaveBeenCalledTimes(1);
    const mutation = applyMutation.mock.calls[0][0];
    expect(mutation.type).toBe('full');
    expect(mutation.entities).toHaveLength(2);
    const [first, second] = mutation.entities.map((e: any) => e.entity);
    expect(first).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'cluster-1',
        title: 'US West production',
        labels: { region: 'us-west', environment: 'production' },
        annotations: {
          'kubernetes.io/api-server': 'https://127.0.0.1:16443',
          'kubernetes.io/auth-provider': 'serviceAccount',
          'kube-platform.io/cluster': 'cluster-1',
          'kube-platform.io/host': 'true',
        },
      },
      spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
    });
    expect(second.metadata.labels).toEqual({ region: 'eu-west' });
    expect(second.spec.owner).toBe('group:default/platform-team');
    expect(JSON.stringify(mutation)).not.toContain('never-in-the-catalog');
  });

  it('emits an empty full mutation when no cluster is registered, removing old ones', async () => {
    const { provider, connection, applyMutation } = providerFor([]);
    await provider.connect(connection);
    await provider.refresh();
    expect(applyMutation).toHaveBeenCalledWith({ type: 'full', entities: [] });
  });

  it('refuses to refresh before it is connected', async () => {
    const { provider } = providerFor([]);
    await expect(provider.refresh()).rejects.toThrow('not connected');
  });
});
